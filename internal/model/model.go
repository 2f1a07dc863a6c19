// Package model is the one typed description of a policy bundle: its
// categories in order, its items with their tiers, its levels (any number of
// them, one of which is the failing level), its vetoes, the interpretations it
// cites and the counting rules its evidence warnings follow. It is read once
// from the bundle's METADATA annotations and data; the engine, explain, the
// reports, the policy tools and the evidence warnings all read this model, and
// nothing else parses METADATA or names a clause, a category or a level.
package model

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Model is what one bundle scores and how it grades.
type Model struct {
	Revision string `json:"revision"`
	// Categories in order: the order of their first item in clause order,
	// then categories without items by name.
	Categories []Category `json:"categories"`
	// Items in clause order ("1.6.a" before "1.10" before "2.1").
	Items []Item `json:"items"`
	// Levels as the data lists them, best (1) first.
	Levels []Level `json:"levels"`
	// Vetoes in the order of the data's veto list.
	Vetoes []Veto `json:"vetoes"`
	// Misconduct are the rules of a "misconduct" package (I-13): not vetoes,
	// but listed beside them, each under its own id and METADATA title; like
	// a veto, any one forces the failing level.
	Misconduct []Veto `json:"misconduct"`
	// Interpretations maps an interpretation id (I-1) to its text.
	Interpretations map[string]i18n.Text `json:"-"`
	// TotalTitle names the total in level reasons and reports.
	TotalTitle i18n.Text `json:"-"`
	// Counting are the rules by which evidence lists are counted.
	Counting []CountingRule `json:"-"`

	// Orphans are configured item ids that no rule scores.
	Orphans []string `json:"-"`
	// StrayVetoes are veto rules whose id the data's veto list lacks.
	StrayVetoes []Item `json:"-"`
}

// Category is a category with its declared and attainable maxima.
type Category struct {
	ID              string    `json:"id"`
	Title           i18n.Text `json:"title"`
	DeclaredMax     int       `json:"declared_max"`
	Max             int       `json:"max"` // attainable: the sum of its items' max
	Interpretations []string  `json:"interpretations,omitempty"`
}

// Item is one scored clause: its rule's METADATA joined with its data.
type Item struct {
	ID       string    `json:"id"`
	Category string    `json:"category"`
	Title    i18n.Text `json:"title"`
	// Clause is the standard's text of the item (METADATA custom.clause).
	Clause i18n.Text `json:"clause"`
	// Description is the rule's (or else its package's) METADATA description.
	Description     string   `json:"-"`
	Max             int      `json:"max"`
	Tiers           []Tier   `json:"tiers,omitempty"`
	Interpretations []string `json:"interpretations"`
	// Rule is the annotated rule's reference (data.forerunner.v1.items.core.x.result).
	Rule string `json:"package"`
	// Location is where the rule is written.
	Location Location `json:"source"`
	// Custom is the METADATA custom block as written.
	Custom map[string]any `json:"-"`
	// Configured is false when the data has no entry for the item.
	Configured bool `json:"-"`
}

// Tier is one row of an item's tier table, best first: the first tier whose
// every minimum count holds applies; the last, with no minimum, catches all.
type Tier struct {
	Tier   string         `json:"tier"`
	Points int            `json:"points"`
	Min    map[string]int `json:"min"`
}

// Location is a file (slash-separated, inside the bundle) and a 1-based row.
type Location struct {
	File string `json:"file"`
	Row  int    `json:"row"`
}

func (l Location) String() string { return fmt.Sprintf("%s:%d", l.File, l.Row) }

// Level is one level of the standard. A level with Min is reached when every
// minimum holds; the failing level has Below bounds (any one of them, or a
// veto, forces it) and is also where a result meeting no level lands.
type Level struct {
	Level                 int            `json:"level"`
	Title                 i18n.Text      `json:"title"`
	Min                   map[string]int `json:"min,omitempty"`
	Below                 map[string]int `json:"below,omitempty"`
	Consequence           i18n.Text      `json:"consequence"`
	MisconductConsequence *i18n.Text     `json:"misconduct_consequence,omitempty"`
}

// Veto is a condition that forces the failing level whatever the points.
type Veto struct {
	ID    string    `json:"id"`
	Title i18n.Text `json:"title"`
	// Rule is the rule that fires it; nil when no rule does.
	Rule *Item `json:"source,omitempty"`
}

// CountingRule says how one evidence list is counted [I-11]: entries with the
// same Key count once, and with InCycle only entries dated inside the cycle
// count. Items names the items that count the list.
type CountingRule struct {
	List    string   `json:"list"`     // JSON Pointer of the list, e.g. /core/group_standards
	Key     []string `json:"key"`      // fields whose values identify an entry; empty: the entry itself
	InCycle bool     `json:"in_cycle"` // only entries whose date is inside the cycle count
	Items   []string `json:"items"`    // the items counting this list, for messages
}

// Item returns the item of that id.
func (m *Model) Item(id string) (Item, bool) {
	return find(m.Items, func(it Item) bool { return it.ID == id })
}

// Veto returns the veto, or the misconduct rule listed beside the vetoes,
// of that id.
func (m *Model) Veto(id string) (Veto, bool) {
	match := func(v Veto) bool { return v.ID == id }
	if v, ok := find(m.Vetoes, match); ok {
		return v, true
	}
	return find(m.Misconduct, match)
}

// Category returns the category of that id.
func (m *Model) Category(id string) (Category, bool) {
	return find(m.Categories, func(c Category) bool { return c.ID == id })
}

// find returns the first element of list that matches.
func find[T any](list []T, match func(T) bool) (T, bool) {
	if i := slices.IndexFunc(list, match); i >= 0 {
		return list[i], true
	}
	var zero T
	return zero, false
}

// CategoryTitle is the category's title, or its id when it has none.
func (m *Model) CategoryTitle(id string) i18n.Text {
	if c, ok := m.Category(id); ok && c.Title != (i18n.Text{}) {
		return c.Title
	}
	return i18n.T(id, id)
}

// Level returns level n.
func (m *Model) Level(n int) (Level, bool) {
	return find(m.Levels, func(l Level) bool { return l.Level == n })
}

// LevelTitle is level n's title, or "level n" when the bundle has none.
func (m *Model) LevelTitle(n int) i18n.Text {
	if l, ok := m.Level(n); ok && l.Title != (i18n.Text{}) {
		return l.Title
	}
	return i18n.Tf("%d级", "level %d", n)
}

// Failing is the level vetoes and Below bounds force; ok is false when no
// level has Below bounds.
func (m *Model) Failing() (Level, bool) {
	return find(m.Levels, func(l Level) bool { return len(l.Below) > 0 })
}

// Graded are the levels reached by minimums, best first.
func (m *Model) Graded() []Level {
	var out []Level
	for _, l := range m.Levels {
		if len(l.Min) > 0 {
			out = append(out, l)
		}
	}
	slices.SortFunc(out, func(a, b Level) int { return a.Level - b.Level })
	return out
}

// Standing says where a level stands, for colouring reports.
type Standing int

const (
	Passing    Standing = iota // a level above the lowest passing one
	LowestPass                 // the lowest level reached by minimums
	Failing                    // the failing level, or a level the bundle lacks
)

// StandingOf tells how level n stands among the bundle's levels.
func (m *Model) StandingOf(n int) Standing {
	graded := m.Graded()
	switch {
	case len(graded) > 0 && graded[len(graded)-1].Level == n:
		return LowestPass
	case slices.ContainsFunc(graded, func(l Level) bool { return l.Level == n }):
		return Passing
	}
	return Failing
}

// HasLevel reports whether n is one of the bundle's levels.
func (m *Model) HasLevel(n int) bool {
	_, ok := m.Level(n)
	return ok
}

// Figures are the names a level threshold may use: "total" and each category.
func (m *Model) Figures() []string {
	out := []string{"total"}
	for _, c := range m.Categories {
		out = append(out, c.ID)
	}
	return out
}

// Attainable maps "total" and each category to its attainable maximum.
func (m *Model) Attainable() map[string]int {
	figures := map[string]int{"total": 0}
	for _, c := range m.Categories {
		figures[c.ID] = c.Max
		figures["total"] += c.Max
	}
	return figures
}

// CompareClauseIDs orders "1.6.a" before "1.6.b" before "2.1" before "10.1":
// numeric parts as numbers, other parts as text, a prefix first.
func CompareClauseIDs(a, b string) int {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		na, errA := atoi(pa[i])
		nb, errB := atoi(pb[i])
		switch {
		case errA && errB && na != nb:
			return na - nb
		case (!errA || !errB) && pa[i] != pb[i]:
			return strings.Compare(pa[i], pb[i])
		}
	}
	return len(pa) - len(pb)
}

// atoi reads a decimal number; ok is false for anything else.
func atoi(s string) (n int, ok bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}

// MarshalJSON writes a veto as the catalog lists it: id, title and the
// location of the rule that fires it.
func (v Veto) MarshalJSON() ([]byte, error) {
	type view struct {
		ID     string    `json:"id"`
		Title  i18n.Text `json:"title"`
		Source *Location `json:"source,omitempty"`
	}
	out := view{ID: v.ID, Title: v.Title}
	if v.Rule != nil {
		loc := v.Rule.Location
		out.Source = &loc
	}
	return json.Marshal(out)
}
