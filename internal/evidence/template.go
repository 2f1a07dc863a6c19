package evidence

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"

	"go.yaml.in/yaml/v3"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

//go:embed templates/evidence.*.yaml
var templates embed.FS

// Template returns a commented YAML evidence template in lang. Its placeholders
// (YYYY-MM-DD, YYYY, "") fail validation until filled in, so an unfilled
// template is never scored; every other default scores nothing.
func Template(lang i18n.Lang) []byte {
	name := "templates/evidence.en.yaml"
	if lang == i18n.ZH {
		name = "templates/evidence.zh.yaml"
	}
	data, err := templates.ReadFile(name)
	if err != nil {
		panic("evidence template not embedded: " + err.Error())
	}
	return data
}

// TemplateJSON is Template as JSON, for a file named *.json: the same fields
// in the same order and the same placeholders; JSON has no comments, so the
// explanations stay in the YAML template and the schema's descriptions.
func TemplateJSON(lang i18n.Lang) ([]byte, error) {
	var node yaml.Node
	if err := yaml.Unmarshal(Template(lang), &node); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := writeNodeJSON(&buf, &node, ""); err != nil {
		return nil, err
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// writeNodeJSON writes a YAML node as indented JSON, keeping the key order.
func writeNodeJSON(buf *bytes.Buffer, n *yaml.Node, indent string) error {
	switch n.Kind {
	case yaml.DocumentNode:
		return writeNodeJSON(buf, n.Content[0], indent)
	case yaml.MappingNode, yaml.SequenceNode:
		open, end, step := "{", "}", 2
		if n.Kind == yaml.SequenceNode {
			open, end, step = "[", "]", 1
		}
		if len(n.Content) == 0 {
			buf.WriteString(open + end)
			return nil
		}
		buf.WriteString(open)
		inner := indent + "  "
		for i := 0; i < len(n.Content); i += step {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString("\n" + inner)
			if step == 2 {
				key, _ := json.Marshal(n.Content[i].Value)
				buf.Write(key)
				buf.WriteString(": ")
			}
			if err := writeNodeJSON(buf, n.Content[i+step-1], inner); err != nil {
				return err
			}
		}
		buf.WriteString("\n" + indent + end)
		return nil
	case yaml.ScalarNode:
		var v any = n.Value // strings, and dates kept as their text
		if tag := n.ShortTag(); tag != "!!str" && tag != "!!timestamp" {
			if err := n.Decode(&v); err != nil {
				return err
			}
		}
		data, err := json.Marshal(v)
		buf.Write(data)
		return err
	}
	return fmt.Errorf("template: unexpected YAML node kind %v", n.Kind)
}
