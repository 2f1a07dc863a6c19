package report

import (
	"bytes"
	"encoding/json"
	"io"

	"go.yaml.in/yaml/v3"
)

// marshalJSON encodes v without HTML escaping (Chinese and "<" stay readable).
func marshalJSON(v any, indent bool) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

func writeJSONLine(w io.Writer, r any) error {
	data, err := marshalJSON(r, false)
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// writeJSONElement writes one object, or one element of the array when
// several inputs were given.
func (wr *printer) writeJSONElement(r any) error {
	data, err := marshalJSON(r, true)
	if err != nil {
		return err
	}
	if !wr.several() {
		_, err = wr.w.Write(append(data, '\n'))
		return err
	}
	sep := ",\n"
	if wr.written == 0 {
		sep = "[\n"
	}
	_, err = io.WriteString(wr.w, sep+indentLines(string(data), "  "))
	return err
}

func (wr *printer) closeJSON() error {
	if !wr.several() {
		return nil
	}
	end := "\n]\n"
	if wr.written == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(wr.w, end)
	return err
}

func indentLines(s, prefix string) string {
	var b bytes.Buffer
	for i, line := range bytes.Split([]byte(s), []byte("\n")) {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(prefix)
		b.Write(line)
	}
	return b.String()
}

// writeYAMLDocument writes r as one YAML document; several are separated by "---".
func (wr *printer) writeYAMLDocument(r any) error {
	data, err := ToYAML(r)
	if err != nil {
		return err
	}
	if wr.several() {
		data = append([]byte("---\n"), data...)
	}
	_, err = wr.w.Write(data)
	return err
}

// ToYAML renders v as YAML with the field order and names of its JSON form.
func ToYAML(v any) ([]byte, error) {
	data, err := marshalJSON(v, false)
	if err != nil {
		return nil, err
	}
	var node yaml.Node
	if err := yaml.Unmarshal(data, &node); err != nil {
		return nil, err
	}
	plainStyle(&node)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&node); err != nil {
		return nil, err
	}
	return buf.Bytes(), enc.Close()
}

// plainStyle drops the JSON flow and quote styles, so the YAML reads as
// block YAML; the encoder still quotes strings that need it.
func plainStyle(n *yaml.Node) {
	n.Style = 0
	for _, c := range n.Content {
		plainStyle(c)
	}
}
