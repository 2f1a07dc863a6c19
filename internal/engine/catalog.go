package engine

import (
	"encoding/json"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Catalog is what the bundle says about its clauses, read from its METADATA
// annotations and config data, for reports and explain. Go names no clause:
// a new item in the bundle shows up here without a change.
type Catalog struct {
	Categories map[string]CategoryInfo
	Items      map[string]ItemDoc
	// Vetoes are the rules annotated with an id but no category: the vetoes
	// and what is listed beside them (serious misconduct, I-13).
	Vetoes          map[string]ItemDoc
	Interpretations map[string]i18n.Text
	Levels          map[int]i18n.Text
}

// CategoryInfo describes a category.
type CategoryInfo struct {
	Title       i18n.Text `json:"title"`
	DeclaredMax int       `json:"declared_max"`
}

// ItemDoc describes one item's rule.
type ItemDoc struct {
	ID          string         `json:"id"`
	Category    string         `json:"category,omitempty"`
	Title       i18n.Text      `json:"title"`
	Description string         `json:"description,omitempty"`
	Clause      *i18n.Text     `json:"clause,omitzero"`
	Rule        string         `json:"rule"`
	File        string         `json:"file"`
	Row         int            `json:"row"`
	Max         int            `json:"max"`
	Tiers       []Tier         `json:"tiers,omitzero"`
	Custom      map[string]any `json:"custom,omitzero"`
}

// Tier is one tier of an item, best first; Min holds the counts it needs.
type Tier struct {
	Tier   string         `json:"tier"`
	Points int            `json:"points"`
	Min    map[string]any `json:"min"`
}

// Catalog reads the clause descriptions out of the compiled bundle.
func (e *Engine) Catalog() *Catalog {
	config := e.config()
	cat := &Catalog{
		Categories:      categoryInfos(config["categories"]),
		Items:           map[string]ItemDoc{},
		Vetoes:          map[string]ItemDoc{},
		Interpretations: textsByKey(config["interpretations"]),
		Levels:          levelTitles(config["levels"]),
	}
	itemConfigs, _ := config["items"].(map[string]any)
	refs := e.compiler.GetAnnotationSet().Flatten()
	packages := packageDescriptions(refs)
	vetoTitles := textsByKey(config["vetoes"])
	for _, ref := range refs {
		doc, ok := itemDoc(ref)
		if !ok {
			continue
		}
		if doc.Description == "" && len(ref.Path) > 1 {
			doc.Description = packages[ref.Path[:len(ref.Path)-1].String()]
		}
		if doc.Category == "" {
			if doc.Title == (i18n.Text{}) {
				doc.Title = vetoTitles[doc.ID]
			}
			cat.Vetoes[doc.ID] = doc
			continue
		}
		addItemConfig(&doc, itemConfigs[doc.ID])
		cat.Items[doc.ID] = doc
	}
	return cat
}

// packageDescriptions maps package paths to their METADATA description: an
// item package describes its clause there.
func packageDescriptions(refs []*ast.AnnotationsRef) map[string]string {
	out := map[string]string{}
	for _, ref := range refs {
		if a := ref.Annotations; a != nil && a.Scope == "package" && a.Description != "" {
			out[ref.Path.String()] = strings.TrimSpace(a.Description)
		}
	}
	return out
}

// config is data.forerunner.v1.config, or empty.
func (e *Engine) config() map[string]any {
	v1, _ := dig(e.bundle.Data, "forerunner", "v1").(map[string]any)
	config, _ := v1["config"].(map[string]any)
	if config == nil {
		return map[string]any{}
	}
	return config
}

func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// itemDoc reads a rule annotation carrying custom.id.
func itemDoc(ref *ast.AnnotationsRef) (ItemDoc, bool) {
	a := ref.Annotations
	if a == nil || a.Custom == nil {
		return ItemDoc{}, false
	}
	id, _ := a.Custom["id"].(string)
	if id == "" {
		return ItemDoc{}, false
	}
	doc := ItemDoc{ID: id, Description: strings.TrimSpace(a.Description), Custom: a.Custom, Rule: ref.Path.String()}
	doc.Category, _ = a.Custom["category"].(string)
	doc.Title = toText(a.Custom["title"])
	if a.Title != "" && doc.Title == (i18n.Text{}) {
		doc.Title = i18n.T(a.Title, a.Title)
	}
	if clause := toText(a.Custom["clause"]); clause != (i18n.Text{}) {
		doc.Clause = &clause
	}
	if loc := ref.Location; loc != nil {
		doc.File, doc.Row = strings.TrimPrefix(loc.File, "/"), loc.Row
	}
	return doc, true
}

func addItemConfig(doc *ItemDoc, config any) {
	m, ok := config.(map[string]any)
	if !ok {
		return
	}
	doc.Max = toInt(m["max"])
	tiers, _ := m["tiers"].([]any)
	for _, t := range tiers {
		tm, _ := t.(map[string]any)
		tier, _ := tm["tier"].(string)
		min, _ := tm["min"].(map[string]any)
		doc.Tiers = append(doc.Tiers, Tier{Tier: tier, Points: toInt(tm["points"]), Min: min})
	}
}

func levelTitles(v any) map[int]i18n.Text {
	out := map[int]i18n.Text{}
	list, _ := v.([]any)
	for _, l := range list {
		m, _ := l.(map[string]any)
		out[toInt(m["level"])] = toText(m["title"])
	}
	return out
}

func categoryInfos(v any) map[string]CategoryInfo {
	out := map[string]CategoryInfo{}
	m, _ := v.(map[string]any)
	for name, c := range m {
		cm, _ := c.(map[string]any)
		out[name] = CategoryInfo{Title: toText(cm["title"]), DeclaredMax: toInt(cm["declared_max"])}
	}
	return out
}

// textsByKey reads {key: {zh, en}} or {key: {title: {zh, en}}}, or a list of
// {id, title|text: {zh, en}}.
func textsByKey(v any) map[string]i18n.Text {
	out := map[string]i18n.Text{}
	add := func(key string, x any) {
		t := toText(x)
		if t == (i18n.Text{}) {
			if m, ok := x.(map[string]any); ok {
				t = toText(m["title"])
				if t == (i18n.Text{}) {
					t = toText(m["text"])
				}
			}
		}
		if t != (i18n.Text{}) {
			out[key] = t
		}
	}
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			add(k, val)
		}
	case []any:
		for _, val := range x {
			if m, ok := val.(map[string]any); ok {
				id, _ := m["id"].(string)
				add(id, val)
			}
		}
	}
	return out
}

func toText(v any) i18n.Text {
	m, ok := v.(map[string]any)
	if !ok {
		return i18n.Text{}
	}
	zh, _ := m["zh"].(string)
	en, _ := m["en"].(string)
	return i18n.Text{ZH: zh, EN: en}
}

func toInt(v any) int {
	switch n := v.(type) {
	case json.Number:
		i, _ := n.Int64()
		return int(i)
	case float64:
		return int(n)
	case int:
		return n
	case int64:
		return int(n)
	}
	return 0
}

// ItemIDs lists the catalog's item ids in clause order ("1.6.a" before "2.1").
func (c *Catalog) ItemIDs() []string {
	ids := make([]string, 0, len(c.Items))
	for id := range c.Items {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ClauseLess(ids[i], ids[j]) })
	return ids
}

// ClauseLess orders clause ids by their dotted parts, numbers numerically.
func ClauseLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := atoi(pa[i])
		nb, eb := atoi(pb[i])
		if ea && eb {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

func atoi(s string) (int, bool) {
	n := 0
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, s != ""
}
