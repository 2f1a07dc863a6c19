package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/ast"
)

// ConfigPath is where the bundle keeps its configuration data.
var ConfigPath = []string{"forerunner", "v1", "config"}

// ConfigError says the configuration data is missing or of the wrong shape.
type ConfigError struct{ Err error }

func (e *ConfigError) Error() string { return e.Text().EN }

func (e *ConfigError) Unwrap() error { return e.Err }

// Text is the error in both languages.
func (e *ConfigError) Text() i18n.Text {
	return i18n.Tf("配置数据 data.%s 无法读取：%v", "config data data.%s unreadable: %v",
		strings.Join(ConfigPath, "."), e.Err)
}

// config is data.forerunner.v1.config as far as the model reads it.
type config struct {
	Categories map[string]struct {
		DeclaredMax     int       `json:"declared_max"`
		Title           i18n.Text `json:"title"`
		Interpretations []string  `json:"interpretations"`
	} `json:"categories"`
	Total struct {
		Title i18n.Text `json:"title"`
	} `json:"total"`
	Items map[string]struct {
		Max   int    `json:"max"`
		Tiers []Tier `json:"tiers"`
	} `json:"items"`
	Levels []Level `json:"levels"`
	Vetoes []struct {
		ID    string    `json:"id"`
		Title i18n.Text `json:"title"`
	} `json:"vetoes"`
	Interpretations map[string]i18n.Text `json:"interpretations"`
	Counting        []CountingRule       `json:"counting"`
}

// Build reads the model of a bundle from its rule modules (keyed by file,
// tests left out) and its data.
func Build(modules map[string]*ast.Module, data map[string]any, revision string) (*Model, error) {
	cfg, err := decodeConfig(lookup(data, ConfigPath...))
	if err != nil {
		return nil, err
	}
	rules, err := annotatedRules(modules)
	if err != nil {
		return nil, err
	}
	m := &Model{Revision: revision, Levels: cfg.Levels, Interpretations: cfg.Interpretations,
		TotalTitle: cfg.Total.Title, Misconduct: []Veto{}}
	if m.Interpretations == nil {
		m.Interpretations = map[string]i18n.Text{}
	}
	for _, v := range cfg.Vetoes {
		m.Vetoes = append(m.Vetoes, Veto{ID: v.ID, Title: v.Title})
	}
	m.Items = m.takeVetoRules(rules)
	m.configureItems(cfg)
	m.Categories = categories(cfg, m.Items)
	m.Counting = cfg.Counting
	return m, nil
}

// CountingRules reads only the counting rules of a bundle's config data (the
// JSON text of data.forerunner.v1.config), for tools that need no more of
// the model: the evidence warnings of `validate`.
func CountingRules(configJSON []byte) ([]CountingRule, error) {
	var cfg struct {
		Counting []CountingRule `json:"counting"`
	}
	if err := json.Unmarshal(configJSON, &cfg); err != nil {
		return nil, &ConfigError{Err: err}
	}
	return cfg.Counting, nil
}

// decodeConfig reads the config object through JSON, so that numbers and
// shapes are checked by the decoder.
func decodeConfig(raw any) (config, error) {
	var cfg config
	if raw == nil {
		return cfg, &ConfigError{Err: fmt.Errorf("missing / 缺失")}
	}
	bs, err := json.Marshal(raw)
	if err == nil {
		err = json.Unmarshal(bs, &cfg)
	}
	if err != nil {
		return cfg, &ConfigError{Err: err}
	}
	return cfg, nil
}

// lookup walks nested JSON objects along keys.
func lookup(v any, keys ...string) any {
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

// takeVetoRules attaches the rules of the listed vetoes (or of rules in a
// "vetoes" package) to the model's vetoes, lists the rules of a "misconduct"
// package beside them, and returns the other rules: items.
func (m *Model) takeVetoRules(rules []Item) []Item {
	index := map[string]int{}
	for i, v := range m.Vetoes {
		index[v.ID] = i
	}
	var items []Item
	for _, rule := range rules {
		i, listed := index[rule.ID]
		switch {
		case listed && m.Vetoes[i].Rule == nil:
			r := rule
			if r.Title == (i18n.Text{}) {
				r.Title = m.Vetoes[i].Title
			}
			m.Vetoes[i].Rule = &r
		case listed || strings.Contains(rule.Rule, ".vetoes."):
			m.StrayVetoes = append(m.StrayVetoes, rule)
		case strings.Contains(rule.Rule, ".misconduct."):
			r := rule
			m.Misconduct = append(m.Misconduct, Veto{ID: rule.ID, Title: rule.Title, Rule: &r})
		default:
			items = append(items, rule)
		}
	}
	return items
}

// configureItems joins each item with its data and lists the orphans.
func (m *Model) configureItems(cfg config) {
	seen := map[string]bool{}
	for i := range m.Items {
		it := &m.Items[i]
		if c, ok := cfg.Items[it.ID]; ok {
			it.Max, it.Tiers, it.Configured = c.Max, c.Tiers, true
		}
		seen[it.ID] = true
	}
	for id := range cfg.Items {
		if !seen[id] {
			m.Orphans = append(m.Orphans, id)
		}
	}
	slices.SortFunc(m.Orphans, CompareClauseIDs)
}

// categories orders the configured categories by their first item in clause
// order; categories without items follow by name.
func categories(cfg config, items []Item) []Category {
	var order []string
	for _, it := range items {
		if _, ok := cfg.Categories[it.Category]; ok && !slices.Contains(order, it.Category) {
			order = append(order, it.Category)
		}
	}
	var rest []string
	for id := range cfg.Categories {
		if !slices.Contains(order, id) {
			rest = append(rest, id)
		}
	}
	sort.Strings(rest)
	out := make([]Category, 0, len(cfg.Categories))
	for _, id := range append(order, rest...) {
		c := cfg.Categories[id]
		out = append(out, Category{ID: id, Title: c.Title, DeclaredMax: c.DeclaredMax,
			Max: attainable(items, id), Interpretations: c.Interpretations})
	}
	return out
}

func attainable(items []Item, category string) int {
	sum := 0
	for _, it := range items {
		if it.Category == category {
			sum += it.Max
		}
	}
	return sum
}

// annotatedRules reads every rule whose METADATA custom block names an id, in
// clause order.
func annotatedRules(modules map[string]*ast.Module) ([]Item, error) {
	paths := make([]string, 0, len(modules))
	for p := range modules {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	list := make([]*ast.Module, 0, len(paths))
	for _, p := range paths {
		list = append(list, modules[p])
	}
	set, errs := ast.BuildAnnotationSet(list)
	if len(errs) > 0 {
		return nil, errs
	}
	refs := set.Flatten()
	packages := packageDescriptions(refs)
	var items []Item
	for _, ref := range refs {
		a := ref.Annotations
		if a == nil || a.Custom == nil || a.Custom["id"] == nil {
			continue
		}
		it := itemOf(ref)
		if it.Description == "" && len(ref.Path) > 1 {
			it.Description = packages[ref.Path[:len(ref.Path)-1].String()]
		}
		items = append(items, it)
	}
	slices.SortStableFunc(items, func(a, b Item) int { return CompareClauseIDs(a.ID, b.ID) })
	return items, nil
}

// packageDescriptions maps package paths to their METADATA description.
func packageDescriptions(refs []*ast.AnnotationsRef) map[string]string {
	out := map[string]string{}
	for _, ref := range refs {
		if a := ref.Annotations; a != nil && a.Scope == "package" && a.Description != "" {
			out[ref.Path.String()] = strings.TrimSpace(a.Description)
		}
	}
	return out
}

func itemOf(ref *ast.AnnotationsRef) Item {
	a := ref.Annotations
	it := Item{
		ID:              fmt.Sprint(a.Custom["id"]),
		Category:        stringOf(a.Custom["category"]),
		Title:           textOf(a.Custom["title"]),
		Clause:          textOf(a.Custom["clause"]),
		Description:     strings.TrimSpace(a.Description),
		Interpretations: stringsOf(a.Custom["interpretations"]),
		Rule:            ref.Path.String(),
		Custom:          a.Custom,
	}
	if it.Title == (i18n.Text{}) && a.Title != "" {
		it.Title = i18n.T(a.Title, a.Title)
	}
	if loc := ref.Location; loc != nil {
		it.Location = Location{File: strings.TrimPrefix(loc.File, "/"), Row: loc.Row}
	}
	return it
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
