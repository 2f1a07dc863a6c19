package impact

import (
	"cmp"
	"maps"
	"math"
	"slices"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/model"
)

// Summary is what a comparison of many documents adds up to. It holds
// counters only (a few per level, item and level pair), never a document.
type Summary struct {
	Documents int `json:"documents"`
	// Compared: documents both bundles scored; the counts below them are of
	// these.
	Compared      int `json:"compared"`
	Changed       int `json:"changed"`
	LevelChanged  int `json:"level_changed"`
	TotalChanged  int `json:"total_changed"`
	ItemsChanged  int `json:"items_changed"`
	VetoesChanged int `json:"vetoes_changed"`
	// ScoredBeforeOnly, ScoredAfterOnly and NotScored count the documents
	// of those statuses.
	ScoredBeforeOnly int `json:"scored_before_only"`
	ScoredAfterOnly  int `json:"scored_after_only"`
	NotScored        int `json:"not_scored"`
	// Levels: agencies per level under each bundle (every document that
	// bundle scored), for every level either bundle has.
	Levels []LevelCount `json:"levels"`
	// Transitions is the level-transition matrix of the compared documents:
	// its cells that are not zero, diagonal included.
	Transitions []Transition `json:"transitions"`
	// MeanTotalChange over the compared documents, to two decimals.
	MeanTotalChange float64 `json:"mean_total_change"`
	// LargestTotalChange is the change of the largest magnitude (the first
	// document of it in input order); null when no total changed.
	LargestTotalChange *Largest `json:"largest_total_change"`
	// Items: for each item whose points changed for some agency, how many.
	Items []ItemCount `json:"items"`

	levelsBefore, levelsAfter map[int]int
	transitions               map[[2]int]int
	items                     map[string]int
	sumChange                 int
	order                     []string
}

// LevelCount is how many agencies one level has before and after.
type LevelCount struct {
	Level  int `json:"level"`
	Before int `json:"before"`
	After  int `json:"after"`
}

// Transition is one cell of the level-transition matrix.
type Transition struct {
	From     int `json:"from"`
	To       int `json:"to"`
	Agencies int `json:"agencies"`
}

// Largest is the largest total change and the document it came from.
type Largest struct {
	Change int            `json:"change"`
	Agency *engine.Agency `json:"agency"`
	Input  string         `json:"input"`
}

// ItemCount is how many agencies an item's points changed for.
type ItemCount struct {
	ID       string `json:"id"`
	Agencies int    `json:"agencies"`
}

// NewSummary starts a summary of the comparison of base with candidate:
// their levels are listed even when no agency reaches them, items in the
// candidate's order then those only the base has.
func NewSummary(base, candidate *model.Model) *Summary {
	s := &Summary{levelsBefore: map[int]int{}, levelsAfter: map[int]int{}, transitions: map[[2]int]int{},
		items: map[string]int{}}
	for _, m := range []*model.Model{base, candidate} {
		for _, l := range m.Levels {
			s.levelsBefore[l.Level] += 0
		}
	}
	for _, m := range []*model.Model{candidate, base} {
		for _, it := range m.Items {
			if !slices.Contains(s.order, it.ID) {
				s.order = append(s.order, it.ID)
			}
		}
	}
	return s
}

// Add counts one document's comparison.
func (s *Summary) Add(a *Agency) {
	s.Documents++
	if a.Before.Scored() {
		s.levelsBefore[*a.Before.Level]++
	}
	if a.After.Scored() {
		s.levelsAfter[*a.After.Level]++
	}
	switch a.Status {
	case NotScored:
		s.NotScored++
		return
	case ScoredBeforeOnly:
		s.ScoredBeforeOnly++
		return
	case ScoredAfterOnly:
		s.ScoredAfterOnly++
		return
	}
	s.Compared++
	s.transitions[[2]int{*a.Before.Level, *a.After.Level}]++
	change := *a.TotalChange
	s.sumChange += change
	s.count(a.Status == Changed, &s.Changed)
	s.count(a.LevelChanged(), &s.LevelChanged)
	s.count(change != 0, &s.TotalChanged)
	s.count(len(a.Items) > 0, &s.ItemsChanged)
	s.count(len(a.VetoesGained)+len(a.VetoesLost) > 0, &s.VetoesChanged)
	for _, it := range a.Items {
		s.items[it.ID]++
	}
	if change != 0 && (s.LargestTotalChange == nil || abs(change) > abs(s.LargestTotalChange.Change)) {
		s.LargestTotalChange = &Largest{Change: change, Agency: copyOf(a.Agency), Input: a.Input.Path}
	}
}

func (s *Summary) count(yes bool, n *int) {
	if yes {
		*n++
	}
}

func abs(n int) int { return max(n, -n) }

// AnyChange reports whether some document's result differs between the
// bundles (a document scored by one bundle only is a difference).
func (s *Summary) AnyChange() bool {
	return s.Changed+s.ScoredBeforeOnly+s.ScoredAfterOnly > 0
}

// Finish fills the lists from the counters; call it once, after the last Add.
func (s *Summary) Finish() {
	levels := slices.Sorted(maps.Keys(s.levelsBefore))
	for l := range s.levelsAfter {
		if !slices.Contains(levels, l) {
			levels = append(levels, l)
		}
	}
	slices.Sort(levels)
	s.Levels = []LevelCount{}
	for _, l := range levels {
		s.Levels = append(s.Levels, LevelCount{Level: l, Before: s.levelsBefore[l], After: s.levelsAfter[l]})
	}
	s.Transitions = []Transition{}
	for cell, n := range s.transitions {
		s.Transitions = append(s.Transitions, Transition{From: cell[0], To: cell[1], Agencies: n})
	}
	slices.SortFunc(s.Transitions, func(a, b Transition) int {
		return cmp.Or(cmp.Compare(a.From, b.From), cmp.Compare(a.To, b.To))
	})
	s.Items = []ItemCount{}
	for _, id := range slices.Sorted(maps.Keys(s.items)) { // none expected: results score the models' items
		if !slices.Contains(s.order, id) {
			s.order = append(s.order, id)
		}
	}
	for _, id := range s.order {
		if n := s.items[id]; n > 0 {
			s.Items = append(s.Items, ItemCount{ID: id, Agencies: n})
		}
	}
	if s.Compared > 0 {
		s.MeanTotalChange = math.Round(float64(s.sumChange)/float64(s.Compared)*100) / 100
	}
}

// Transition returns the number of compared agencies that went from one
// level to another.
func (s *Summary) Transition(from, to int) int { return s.transitions[[2]int{from, to}] }

// copyOf copies what p points to, so that the summary keeps no part of a result.
func copyOf[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
