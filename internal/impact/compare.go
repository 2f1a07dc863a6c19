// Package impact compares the results of the same evidence under two
// bundles, a base and a candidate: per document what changed (level, total,
// items, vetoes), and a summary kept as counters so that a batch of any size
// is compared in constant memory. It names no clause: items, levels and
// vetoes are whatever the two bundles score.
package impact

import (
	"slices"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// Status is what became of one document under the two bundles.
type Status string

const (
	Unchanged Status = "unchanged"
	Changed   Status = "changed"
	// NotScored: neither bundle scored the document (invalid evidence, a
	// batch refusal, a policy error under both).
	NotScored Status = "not_scored"
	// ScoredBeforeOnly: the base scored it, the candidate did not (its
	// errors say why); ScoredAfterOnly the other way round.
	ScoredBeforeOnly Status = "scored_before_only"
	ScoredAfterOnly  Status = "scored_after_only"
)

// Side is one bundle's grade of a document: level and total when scored,
// the errors when not.
type Side struct {
	Level  *int                 `json:"level"`
	Total  *int                 `json:"total"`
	Errors []engine.PolicyError `json:"errors,omitzero"`
}

// Scored reports whether the bundle scored the document.
func (s Side) Scored() bool { return s.Level != nil }

// ItemChange is one item whose points differ. Before is nil for an item the
// base bundle lacks (added), After for one the candidate lacks (removed).
type ItemChange struct {
	ID           string     `json:"id"`
	Title        i18n.Text  `json:"title"`
	Before       *int       `json:"before"`
	After        *int       `json:"after"`
	TierBefore   string     `json:"tier_before,omitempty"`
	TierAfter    string     `json:"tier_after,omitempty"`
	ReasonBefore *i18n.Text `json:"reason_before"`
	ReasonAfter  *i18n.Text `json:"reason_after"`
}

// Added reports whether the base bundle lacks the item.
func (c ItemChange) Added() bool { return c.Before == nil }

// Removed reports whether the candidate bundle lacks the item.
func (c ItemChange) Removed() bool { return c.After == nil }

// VetoChange is a veto (or misconduct finding) fired under one bundle only.
type VetoChange struct {
	ID     string    `json:"id"`
	Title  i18n.Text `json:"title"`
	Reason i18n.Text `json:"reason"`
}

// Agency is the comparison of one document: its agency and cycle (null
// when unreadable), its input, both grades and what changed.
type Agency struct {
	Agency       *engine.Agency `json:"agency"`
	Cycle        *engine.Cycle  `json:"cycle"`
	Input        engine.Input   `json:"input"`
	Status       Status         `json:"status"`
	Before       Side           `json:"before"`
	After        Side           `json:"after"`
	TotalChange  *int           `json:"total_change"`
	Items        []ItemChange   `json:"items"`
	VetoesGained []VetoChange   `json:"vetoes_gained"`
	VetoesLost   []VetoChange   `json:"vetoes_lost"`
}

// LevelChanged reports whether both bundles scored it at different levels.
func (a *Agency) LevelChanged() bool {
	return a.Before.Scored() && a.After.Scored() && *a.Before.Level != *a.After.Level
}

// Compare compares the results of one document under the base bundle
// (before) and the candidate (after).
func Compare(before, after *engine.Result) *Agency {
	a := &Agency{Before: side(before), After: side(after), Items: []ItemChange{},
		VetoesGained: []VetoChange{}, VetoesLost: []VetoChange{}}
	a.Agency, a.Cycle, a.Input = identify(before, after)
	switch {
	case !a.Before.Scored() && !a.After.Scored():
		a.Status = NotScored
	case !a.After.Scored():
		a.Status = ScoredBeforeOnly
	case !a.Before.Scored():
		a.Status = ScoredAfterOnly
	default:
		change := *a.After.Total - *a.Before.Total
		a.TotalChange = &change
		a.Items = itemChanges(before.Items, after.Items)
		a.VetoesGained = firedOnly(after, before)
		a.VetoesLost = firedOnly(before, after)
		a.Status = Unchanged
		if change != 0 || a.LevelChanged() || len(a.Items)+len(a.VetoesGained)+len(a.VetoesLost) > 0 {
			a.Status = Changed
		}
	}
	return a
}

func side(r *engine.Result) Side {
	if !r.Scored() || r.Level == nil || r.Total == nil {
		return Side{Errors: r.Errors}
	}
	level, total := r.Level.Level, r.Total.Points
	return Side{Level: &level, Total: &total}
}

// identify takes the agency, cycle and input from whichever result has them.
func identify(results ...*engine.Result) (*engine.Agency, *engine.Cycle, engine.Input) {
	var agency *engine.Agency
	var cycle *engine.Cycle
	var input engine.Input
	for _, r := range results {
		if agency == nil && r.Agency != (engine.Agency{}) {
			agency = &r.Agency
		}
		if cycle == nil && r.Cycle != (engine.Cycle{}) {
			cycle = &r.Cycle
		}
		if input.Path == "" && r.Input != nil {
			input = *r.Input
		}
	}
	return agency, cycle, input
}

// itemChanges lists the items whose points differ, in the candidate's
// order, then the items only the base scores.
func itemChanges(before, after []engine.Item) []ItemChange {
	out := []ItemChange{}
	for _, it := range after {
		i := slices.IndexFunc(before, func(b engine.Item) bool { return b.ID == it.ID })
		if i >= 0 && before[i].Points == it.Points {
			continue
		}
		c := ItemChange{ID: it.ID, Title: it.Title, After: &it.Points, TierAfter: it.Tier, ReasonAfter: &it.Reason}
		if i >= 0 {
			c.Before, c.TierBefore, c.ReasonBefore = &before[i].Points, before[i].Tier, &before[i].Reason
		}
		out = append(out, c)
	}
	for _, it := range before {
		if !slices.ContainsFunc(after, func(a engine.Item) bool { return a.ID == it.ID }) {
			out = append(out, ItemChange{ID: it.ID, Title: it.Title, Before: &it.Points, TierBefore: it.Tier, ReasonBefore: &it.Reason})
		}
	}
	return out
}

// firedOnly lists the vetoes and misconduct findings r fires and other does not.
func firedOnly(r, other *engine.Result) []VetoChange {
	out, others := []VetoChange{}, fired(other)
	for _, v := range fired(r) {
		if !slices.ContainsFunc(others, func(o engine.Veto) bool { return o.ID == v.ID }) {
			out = append(out, VetoChange{ID: v.ID, Title: v.Title, Reason: v.Reason})
		}
	}
	return out
}

func fired(r *engine.Result) []engine.Veto {
	out := slices.Clone(r.Vetoes)
	for _, m := range r.Misconduct {
		out = append(out, m.Veto)
	}
	return out
}

// BundleChanges are the differences between what two bundles score: ids
// of items, categories, levels and vetoes one has and the other lacks.
type BundleChanges struct {
	ItemsAdded        []string `json:"items_added"`
	ItemsRemoved      []string `json:"items_removed"`
	CategoriesAdded   []string `json:"categories_added"`
	CategoriesRemoved []string `json:"categories_removed"`
	LevelsAdded       []int    `json:"levels_added"`
	LevelsRemoved     []int    `json:"levels_removed"`
	VetoesAdded       []string `json:"vetoes_added"`
	VetoesRemoved     []string `json:"vetoes_removed"`
}

// Empty reports whether both bundles score the same items, categories,
// levels and vetoes.
func (c BundleChanges) Empty() bool {
	return len(c.ItemsAdded)+len(c.ItemsRemoved)+len(c.CategoriesAdded)+len(c.CategoriesRemoved)+
		len(c.LevelsAdded)+len(c.LevelsRemoved)+len(c.VetoesAdded)+len(c.VetoesRemoved) == 0
}

// CompareModels lists what the candidate adds to and removes from the base.
func CompareModels(base, candidate *model.Model) BundleChanges {
	itemID := func(it model.Item) string { return it.ID }
	categoryID := func(c model.Category) string { return c.ID }
	levelNumber := func(l model.Level) int { return l.Level }
	vetoID := func(v model.Veto) string { return v.ID }
	vetoes := func(m *model.Model) []model.Veto { return append(slices.Clone(m.Vetoes), m.Misconduct...) }
	var c BundleChanges
	c.ItemsAdded, c.ItemsRemoved = added(base.Items, candidate.Items, itemID), added(candidate.Items, base.Items, itemID)
	c.CategoriesAdded = added(base.Categories, candidate.Categories, categoryID)
	c.CategoriesRemoved = added(candidate.Categories, base.Categories, categoryID)
	c.LevelsAdded, c.LevelsRemoved = added(base.Levels, candidate.Levels, levelNumber), added(candidate.Levels, base.Levels, levelNumber)
	c.VetoesAdded = added(vetoes(base), vetoes(candidate), vetoID)
	c.VetoesRemoved = added(vetoes(candidate), vetoes(base), vetoID)
	return c
}

// added lists the keys of to that from lacks, in to's order.
func added[T any, K comparable](from, to []T, key func(T) K) []K {
	out := []K{}
	for _, t := range to {
		if !slices.ContainsFunc(from, func(f T) bool { return key(f) == key(t) }) {
			out = append(out, key(t))
		}
	}
	return out
}
