package policy

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Tier is one row of an item's tier table: the first tier whose every
// minimum count holds applies.
type Tier struct {
	Tier   string         `json:"tier"`
	Points int            `json:"points"`
	Min    map[string]int `json:"min"`
}

// SourceRef points at the rule that scores an item.
type SourceRef struct {
	File string `json:"file"`
	Row  int    `json:"row"`
}

// Item is one clause of the standard as the bundle scores it: its METADATA
// joined with its configuration.
type Item struct {
	ID              string    `json:"id"`
	Category        string    `json:"category"`
	Title           i18n.Text `json:"title"`
	Clause          i18n.Text `json:"clause"` // the standard's text of the item
	Max             int       `json:"max"`
	Tiers           []Tier    `json:"tiers,omitempty"`
	Interpretations []string  `json:"interpretations"`
	Package         string    `json:"package"`
	Source          SourceRef `json:"source"`
	configured      bool
}

// Category is a category with its declared and attainable maximum.
type Category struct {
	ID              string    `json:"id"`
	Title           i18n.Text `json:"title"`
	DeclaredMax     int       `json:"declared_max"`
	Max             int       `json:"max"` // attainable: the sum of its items' max
	Interpretations []string  `json:"interpretations,omitempty"`
}

// Level is a level of the standard with its thresholds.
type Level struct {
	Level                 int            `json:"level"`
	Title                 i18n.Text      `json:"title"`
	Min                   map[string]int `json:"min,omitempty"`
	Below                 map[string]int `json:"below,omitempty"`
	Consequence           i18n.Text      `json:"consequence"`
	MisconductConsequence *i18n.Text     `json:"misconduct_consequence,omitempty"`
}

// Veto is a condition that forces level 4.
type Veto struct {
	ID     string     `json:"id"`
	Title  i18n.Text  `json:"title"`
	Source *SourceRef `json:"source,omitempty"` // nil: no rule fires it
}

// Catalog is what the bundle scores, in clause order.
type Catalog struct {
	Revision   string     `json:"revision"`
	Categories []Category `json:"categories"`
	Items      []Item     `json:"items"`
	Levels     []Level    `json:"levels"`
	Vetoes     []Veto     `json:"vetoes"`
	// Misconduct are the rules of a "misconduct" package (I-13): not vetoes,
	// but listed beside them, each under its own id and METADATA title.
	Misconduct []Veto `json:"misconduct"`
	// orphans are configured item ids that no rule carries.
	orphans []string
	// strayVetoes are veto rules whose id the config does not list.
	strayVetoes []Item
}

// configDoc is data.forerunner.v1.config as far as the catalog reads it.
type configDoc struct {
	Categories map[string]struct {
		DeclaredMax     int       `json:"declared_max"`
		Title           i18n.Text `json:"title"`
		Interpretations []string  `json:"interpretations"`
	} `json:"categories"`
	Items map[string]struct {
		Max   int    `json:"max"`
		Tiers []Tier `json:"tiers"`
	} `json:"items"`
	Levels []Level `json:"levels"`
	Vetoes []Veto  `json:"vetoes"`
}

// categoryOrder is the order categories appear in; unknown ones follow, sorted.
var categoryOrder = []string{"basic", "core", "encouraging"}

// BuildCatalog joins the item rules' METADATA with the bundle's config data.
func BuildCatalog(src *Source) (*Catalog, error) {
	cfg, err := decodeConfig(src.config())
	if err != nil {
		return nil, err
	}
	annotated, err := annotatedRules(src.RuleModules())
	if err != nil {
		return nil, err
	}
	cat := &Catalog{Revision: src.Revision(), Levels: cfg.Levels, Vetoes: cfg.Vetoes, Misconduct: []Veto{}}
	items := cat.takeVetoRules(annotated)
	seen := map[string]bool{}
	for i := range items {
		if c, ok := cfg.Items[items[i].ID]; ok {
			items[i].Max, items[i].Tiers, items[i].configured = c.Max, c.Tiers, true
		}
		seen[items[i].ID] = true
	}
	for id := range cfg.Items {
		if !seen[id] {
			cat.orphans = append(cat.orphans, id)
		}
	}
	sortClauseIDs(cat.orphans)
	cat.Items = items
	for _, id := range orderedCategories(cfg) {
		c := cfg.Categories[id]
		cat.Categories = append(cat.Categories, Category{ID: id, Title: c.Title, DeclaredMax: c.DeclaredMax,
			Max: attainable(items, id), Interpretations: c.Interpretations})
	}
	return cat, nil
}

// decodeConfig reads the config object through JSON so that numbers and
// shapes are checked by the decoder.
func decodeConfig(raw map[string]any) (configDoc, error) {
	var cfg configDoc
	if raw == nil {
		return cfg, fmt.Errorf("no config data at data.forerunner.v1.config / 策略包缺少 data.forerunner.v1.config")
	}
	bs, err := json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(bs, &cfg)
	}
	if err != nil {
		return cfg, fmt.Errorf("config data malformed / 配置数据格式错误: %w", err)
	}
	return cfg, nil
}

// takeVetoRules attaches the rules of configured vetoes (or rules in a
// "vetoes" package) to the catalog's vetoes and returns the other rules: items.
func (cat *Catalog) takeVetoRules(annotated []Item) []Item {
	index := map[string]int{}
	for i, v := range cat.Vetoes {
		index[v.ID] = i
	}
	var items []Item
	for _, rule := range annotated {
		i, configured := index[rule.ID]
		switch {
		case configured:
			source := rule.Source
			cat.Vetoes[i].Source = &source
		case strings.Contains(rule.Package, ".vetoes."):
			cat.strayVetoes = append(cat.strayVetoes, rule)
		case strings.Contains(rule.Package, ".misconduct."):
			source := rule.Source
			cat.Misconduct = append(cat.Misconduct, Veto{ID: rule.ID, Title: rule.Title, Source: &source})
		default:
			items = append(items, rule)
		}
	}
	return items
}

// annotatedRules finds every rule whose METADATA custom block names an id.
func annotatedRules(modules map[string]*ast.Module) ([]Item, error) {
	list := make([]*ast.Module, 0, len(modules))
	for _, p := range sortedPaths(modules) {
		list = append(list, modules[p])
	}
	set, errs := ast.BuildAnnotationSet(list)
	if len(errs) > 0 {
		return nil, errs
	}
	var items []Item
	for _, ref := range set.Flatten() {
		custom := ref.Annotations.Custom
		if custom == nil || custom["id"] == nil {
			continue
		}
		items = append(items, itemFromAnnotation(ref))
	}
	slices.SortStableFunc(items, func(a, b Item) int { return compareClauseIDs(a.ID, b.ID) })
	return items, nil
}

func itemFromAnnotation(ref *ast.AnnotationsRef) Item {
	custom := ref.Annotations.Custom
	item := Item{
		ID:              fmt.Sprint(custom["id"]),
		Category:        stringOf(custom["category"]),
		Title:           textOf(custom["title"]),
		Clause:          textOf(custom["clause"]),
		Interpretations: stringsOf(custom["interpretations"]),
		Package:         ref.Path.String(),
	}
	if loc := ref.Location; loc != nil {
		item.Source = SourceRef{File: strings.TrimPrefix(loc.File, "/"), Row: loc.Row}
	}
	return item
}

func stringOf(v any) string {
	s, _ := v.(string)
	return s
}

func textOf(v any) i18n.Text {
	obj, _ := v.(map[string]any)
	return i18n.Text{ZH: stringOf(obj["zh"]), EN: stringOf(obj["en"])}
}

func stringsOf(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func orderedCategories(cfg configDoc) []string {
	var ids []string
	for _, id := range categoryOrder {
		if _, ok := cfg.Categories[id]; ok {
			ids = append(ids, id)
		}
	}
	var rest []string
	for id := range cfg.Categories {
		if !slices.Contains(categoryOrder, id) {
			rest = append(rest, id)
		}
	}
	slices.Sort(rest)
	return append(ids, rest...)
}

// attainable is the sum of the max of the category's items.
func attainable(items []Item, category string) int {
	sum := 0
	for _, it := range items {
		if it.Category == category {
			sum += it.Max
		}
	}
	return sum
}

// compareClauseIDs orders "1.6.a" before "1.6.b" before "2.1" before "10.1":
// numeric parts as numbers, letters as text.
func compareClauseIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, errA := strconv.Atoi(pa[i])
		nb, errB := strconv.Atoi(pb[i])
		switch {
		case errA == nil && errB == nil && na != nb:
			return na - nb
		case (errA != nil || errB != nil) && pa[i] != pb[i]:
			return strings.Compare(pa[i], pb[i])
		}
	}
	return len(pa) - len(pb)
}

func sortClauseIDs(ids []string) { slices.SortFunc(ids, compareClauseIDs) }
