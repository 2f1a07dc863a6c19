package workbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// schemaNode is the part of a JSON Schema the layout reads. Properties keep
// their order: it is the order of the columns.
type schemaNode struct {
	Ref         string      `json:"$ref"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Type        any         `json:"type"`
	Const       any         `json:"const"`
	Enum        []string    `json:"enum"`
	Format      string      `json:"format"`
	Properties  properties  `json:"properties"`
	Required    []string    `json:"required"`
	Items       *schemaNode `json:"items"`
	Minimum     *int64      `json:"minimum"`
	Maximum     *int64      `json:"maximum"`
	// Key names the property whose value links the rows of a nested list's
	// sheet to their parent row (x-key, an annotation of this project).
	Key  string                 `json:"x-key"`
	Defs map[string]*schemaNode `json:"$defs"`
}

type property struct {
	name string
	node *schemaNode
}

// properties decodes a JSON object of schemas keeping the members' order.
type properties []property

func (p *properties) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil {
		return err
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		name, _ := tok.(string)
		var n schemaNode
		if err := dec.Decode(&n); err != nil {
			return fmt.Errorf("property %q: %w", name, err)
		}
		*p = append(*p, property{name: name, node: &n})
	}
	return nil
}

// types returns the node's JSON types ("type": "x" or ["x", "null"]).
func (n *schemaNode) types() []string {
	switch t := n.Type.(type) {
	case string:
		return []string{t}
	case []any:
		out := make([]string, 0, len(t))
		for _, x := range t {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

func (n *schemaNode) hasType(t string) bool {
	for _, x := range n.types() {
		if x == t {
			return true
		}
	}
	return false
}

func (n *schemaNode) requires(name string) bool {
	for _, r := range n.Required {
		if r == name {
			return true
		}
	}
	return false
}

// resolver follows local "$ref": "#/$defs/name" references; the referring
// node's own title and description win over the target's.
type resolver struct{ defs map[string]*schemaNode }

func (r resolver) resolve(n *schemaNode) *schemaNode {
	for n != nil && n.Ref != "" {
		target := r.defs[strings.TrimPrefix(n.Ref, "#/$defs/")]
		if target == nil {
			return n
		}
		merged := *target
		if n.Title != "" {
			merged.Title = n.Title
		}
		if n.Description != "" {
			merged.Description = n.Description
		}
		n = &merged
	}
	return n
}

// splitText reads the project's "中文 / English" convention.
func splitText(s string) i18n.Text {
	zh, en, ok := strings.Cut(s, " / ")
	if !ok {
		return i18n.T(s, s)
	}
	return i18n.T(strings.TrimSpace(zh), strings.TrimSpace(en))
}

// shortLabel makes a column header out of a description when the schema
// gives no title: the text before its first aside.
func shortLabel(t i18n.Text) i18n.Text {
	return i18n.T(cutAt(t.ZH, "（", "，", "；", "："), cutAt(t.EN, " (", "; ", ", "))
}

func cutAt(s string, seps ...string) string {
	for _, sep := range seps {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// label is a node's short name: its title, else a shortened description.
func label(n *schemaNode, name string) i18n.Text {
	if n.Title != "" {
		return splitText(n.Title)
	}
	if n.Description != "" && !strings.Contains(n.Description, "=") {
		return shortLabel(splitText(n.Description))
	}
	return i18n.T(name, name)
}

var (
	clauseToken = regexp.MustCompile(`^(\d+(?:\.\d+)*)(?:\s*与\s*(\d+(?:\.\d+)*))?\s`)
	vetoToken   = regexp.MustCompile(`\bV\d+\b`)
	letterToken = regexp.MustCompile(`^([a-z])\s`)
	enumLabel   = regexp.MustCompile(`([a-z_]+)=([^，,；;/]+)`)
)

// clauseIDs reads the clause references a description starts with ("2.4
// 与否决项 V2" → 2.4, V2; "a 近三年…" under 2.5 → 2.5.a).
func clauseIDs(description string, parent []string) []string {
	var ids []string
	if m := clauseToken.FindStringSubmatch(description); m != nil {
		ids = append(ids, m[1])
		if m[2] != "" {
			ids = append(ids, m[2])
		}
	}
	zh, _, _ := strings.Cut(description, " / ")
	ids = append(ids, vetoToken.FindAllString(zh, -1)...)
	if m := letterToken.FindStringSubmatch(description); m != nil && len(ids) == 0 {
		for _, p := range parent {
			if clauseToken.MatchString(p + " ") {
				ids = append(ids, p+"."+m[1])
			}
		}
	}
	if len(ids) == 0 {
		return parent
	}
	return ids
}

// enumLabels reads "code=标签" pairs from the Chinese part of an enum's
// description; English shows the codes themselves.
func enumLabels(description string, codes []string) map[string]i18n.Text {
	zh := splitText(description).ZH
	found := map[string]string{}
	for _, m := range enumLabel.FindAllStringSubmatch(zh, -1) {
		found[m[1]] = strings.TrimSpace(m[2])
	}
	out := make(map[string]i18n.Text, len(codes))
	for _, c := range codes {
		zhLabel := c
		if l, ok := found[c]; ok {
			zhLabel = l + " (" + c + ")"
		}
		out[c] = i18n.T(zhLabel, c)
	}
	return out
}
