package workbook

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// get follows path through nested objects.
func get(v any, path []string) (any, bool) {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil, false
		}
		if v, ok = m[p]; !ok {
			return nil, false
		}
	}
	return v, true
}

// set stores x at path, creating the objects on the way.
func set(root map[string]any, path []string, x any) {
	m := root
	for _, p := range path[:len(path)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[path[len(path)-1]] = x
}

// row is one list item with the JSON Pointer it has in the document.
type row struct {
	pointer string
	item    any
	link    any // the parent's key value (nested lists)
}

// rows lists the items a sheet shows, parents first, in document order.
func (s *Sheet) rows(root any) []row {
	if s.Parent == nil {
		list, _ := get(root, s.Path)
		return itemsOf(list, pointer("", s.Path...), nil)
	}
	var out []row
	for _, p := range s.Parent.rows(root) {
		list, _ := get(p.item, s.Path)
		link, _ := get(p.item, s.Parent.Key.Path)
		out = append(out, itemsOf(list, pointer(p.pointer, s.Path...), link)...)
	}
	return out
}

func itemsOf(list any, at string, link any) []row {
	items, _ := list.([]any)
	out := make([]row, len(items))
	for i, it := range items {
		out[i] = row{pointer: at + "/" + strconv.Itoa(i), item: it, link: link}
	}
	return out
}

// booleanWords are what a yes/no cell shows and accepts.
var booleanWords = map[bool]i18n.Text{true: i18n.T("是", "yes"), false: i18n.T("否", "no")}

// parseBoolean reads the words a clerk may type for yes and no.
func parseBoolean(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "是", "yes", "y", "true":
		return true, true
	case "否", "no", "n", "false":
		return false, true
	}
	return false, false
}

// nullWord marks an explicit null in a nullable column (an empty cell
// leaves the field out), so a round trip keeps the document as it was.
const nullWord = "null"

// enumCode reads a drop-down choice: the code itself, its label, or
// "label (code)".
func (c *Column) enumCode(s string) (string, bool) {
	s = strings.TrimSpace(s)
	for _, code := range c.enum {
		l := c.labels[code]
		if s == code || s == l.ZH || s == l.EN || strings.HasSuffix(s, "("+code+")") {
			return code, true
		}
	}
	return s, false
}

// integerText returns the decimal text of an integral number.
func integerText(v any) (string, bool) {
	switch n := v.(type) {
	case json.Number:
		if _, err := strconv.ParseInt(string(n), 10, 64); err == nil {
			return string(n), true
		}
	case int:
		return strconv.Itoa(n), true
	case int64:
		return strconv.FormatInt(n, 10), true
	case float64:
		if n == float64(int64(n)) {
			return strconv.FormatInt(int64(n), 10), true
		}
	}
	return "", false
}
