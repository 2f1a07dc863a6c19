package workbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"go.yaml.in/yaml/v3"
)

// Format is a file format convert writes.
type Format string

const (
	FormatYAML Format = "yaml"
	FormatJSON Format = "json"
	FormatXLSX Format = "xlsx"
)

// FormatOf picks the format from a file name's extension ("" when unknown).
func FormatOf(name string) Format {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		return FormatYAML
	case ".json":
		return FormatJSON
	case ".xlsx":
		return FormatXLSX
	}
	return ""
}

// WriteDocument writes an evidence value as YAML, JSON or a workbook. YAML
// and JSON keep the schema's order of fields, as the templates do.
func WriteDocument(w io.Writer, value any, format Format, opts Options) error {
	switch format {
	case FormatXLSX:
		return WriteEvidence(w, value, opts)
	case FormatJSON:
		var buf bytes.Buffer
		writeJSON(&buf, value, rootSchema(), "")
		buf.WriteByte('\n')
		_, err := w.Write(buf.Bytes())
		return err
	case FormatYAML:
		enc := yaml.NewEncoder(w)
		enc.SetIndent(2)
		if err := enc.Encode(yamlNode(value, rootSchema())); err != nil {
			return err
		}
		return enc.Close()
	}
	return fmt.Errorf("unknown format %q", format)
}

var schemaRoot = sync.OnceValue(func() *schemaNode {
	var root schemaNode
	if err := json.Unmarshal(evidence.SchemaJSON(), &root); err != nil {
		panic("evidence schema: " + err.Error())
	}
	return &root
})

func rootSchema() *schemaNode { return schemaRoot() }

func resolveIn(n *schemaNode) *schemaNode {
	if n == nil {
		return nil
	}
	return resolver{defs: rootSchema().Defs}.resolve(n)
}

// orderedKeys lists an object's keys in the schema's order, then any others
// sorted (an invalid document is never converted, but stay total).
func orderedKeys(m map[string]any, n *schemaNode) []string {
	keys := make([]string, 0, len(m))
	if n != nil {
		for _, p := range n.Properties {
			if _, ok := m[p.name]; ok {
				keys = append(keys, p.name)
			}
		}
	}
	var rest []string
	for k := range m {
		if n == nil || !n.hasProperty(k) {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(keys, rest...)
}

func (n *schemaNode) hasProperty(name string) bool {
	for _, p := range n.Properties {
		if p.name == name {
			return true
		}
	}
	return false
}

func (n *schemaNode) property(name string) *schemaNode {
	if n == nil {
		return nil
	}
	for _, p := range n.Properties {
		if p.name == name {
			return resolveIn(p.node)
		}
	}
	return nil
}

func (n *schemaNode) items() *schemaNode {
	if n == nil {
		return nil
	}
	return resolveIn(n.Items)
}

func yamlNode(v any, n *schemaNode) *yaml.Node {
	n = resolveIn(n)
	switch x := v.(type) {
	case map[string]any:
		node := &yaml.Node{Kind: yaml.MappingNode}
		for _, k := range orderedKeys(x, n) {
			node.Content = append(node.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, yamlNode(x[k], n.property(k)))
		}
		return node
	case []any:
		node := &yaml.Node{Kind: yaml.SequenceNode}
		if len(x) == 0 || allScalars(x) {
			node.Style = yaml.FlowStyle
		}
		for _, item := range x {
			node.Content = append(node.Content, yamlNode(item, n.items()))
		}
		return node
	case string:
		// a string that YAML would read as something else is quoted; a
		// date stays plain, as in the templates (the loader keeps it text)
		node := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: x}
		var back any
		if n != nil && n.Format == "date" && isDate(x) {
			node.Tag = "" // plain: an explicit !!str would quote it
			return node
		}
		if yaml.Unmarshal([]byte(x), &back) != nil || back != x {
			node.Style = yaml.DoubleQuotedStyle
		}
		return node
	case json.Number:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: string(x)}
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: fmt.Sprint(x)}
	case nil:
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!null", Value: "null"}
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Value: fmt.Sprint(v)}
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

func allScalars(list []any) bool {
	for _, x := range list {
		switch x.(type) {
		case map[string]any, []any:
			return false
		}
	}
	return true
}

// writeJSON writes indented JSON with the schema's order of fields.
func writeJSON(buf *bytes.Buffer, v any, n *schemaNode, indent string) {
	n = resolveIn(n)
	inner := indent + "  "
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 0 {
			buf.WriteString("{}")
			return
		}
		buf.WriteString("{\n")
		for i, k := range orderedKeys(x, n) {
			if i > 0 {
				buf.WriteString(",\n")
			}
			buf.WriteString(inner)
			writeScalarJSON(buf, k)
			buf.WriteString(": ")
			writeJSON(buf, x[k], n.property(k), inner)
		}
		buf.WriteString("\n" + indent + "}")
	case []any:
		if len(x) == 0 {
			buf.WriteString("[]")
			return
		}
		buf.WriteString("[\n")
		for i, item := range x {
			if i > 0 {
				buf.WriteString(",\n")
			}
			buf.WriteString(inner)
			writeJSON(buf, item, n.items(), inner)
		}
		buf.WriteString("\n" + indent + "]")
	default:
		writeScalarJSON(buf, v)
	}
}

func writeScalarJSON(buf *bytes.Buffer, v any) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // scalars of a decoded document always encode
	buf.Truncate(buf.Len() - 1)
}
