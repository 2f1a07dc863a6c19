package htmlreport

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// entry is the little kept of each result for the summary: the page's memory
// grows by one entry per agency, never by a section.
type entry struct {
	Anchor      string
	Order       int // input order, 1-based
	File        string
	Name        string
	ID          string
	Year        int
	Scored      bool
	Level       int
	LevelTitle  i18n.Text
	Points      int
	Max         int
	DeclaredMax int
	Vetoes      string
}

func entryOf(r *engine.Result, anchor string, order int) entry {
	e := entry{Anchor: anchor, Order: order, Name: termsafe.Escape(r.Agency.Name), ID: termsafe.Escape(r.Agency.ID), Year: r.Cycle.Year,
		Scored: r.Scored() && r.Level != nil && r.Total != nil}
	if r.Input != nil {
		e.File = termsafe.Escape(r.Input.Path)
	}
	if !e.Scored {
		return e
	}
	e.Level, e.LevelTitle = r.Level.Level, r.Level.Title
	e.Points, e.Max, e.DeclaredMax = r.Total.Points, r.Total.Max, r.Total.DeclaredMax
	ids := make([]string, 0, len(r.Vetoes)+len(r.Misconduct))
	for _, v := range r.Vetoes {
		ids = append(ids, v.ID)
	}
	for _, m := range r.Misconduct {
		ids = append(ids, m.ID)
	}
	e.Vetoes = strings.Join(ids, ", ")
	return e
}

// cycleView is the summary of one cycle.
type cycleView struct {
	Year      int
	Anchor    string
	Scored    int
	Unscored  []entry
	Counts    countChart
	Histogram histogram
	Ranking   []rankRow
}

type rankRow struct {
	entry
	Rank       int
	LevelLabel string
}

type levelCount struct {
	Level int
	Title string
	Count int
}

// Label names an entry in lists: the agency, else its id, else its file.
func (e entry) Label() string {
	for _, s := range []string{e.Name, e.ID, e.File} {
		if s != "" {
			return s
		}
	}
	return e.Anchor
}

// cycles groups the entries by cycle year, oldest first: levels, ranks and
// totals compare only within a cycle. Entries whose cycle could not be read
// are returned apart.
func (b *builder) cycles(entries []entry) ([]cycleView, []entry) {
	byYear := map[int][]entry{}
	var years []int
	var noCycle []entry
	for _, e := range entries {
		if e.Year == 0 && !e.Scored {
			noCycle = append(noCycle, e)
			continue
		}
		if _, seen := byYear[e.Year]; !seen {
			years = append(years, e.Year)
		}
		byYear[e.Year] = append(byYear[e.Year], e)
	}
	slices.Sort(years)
	out := make([]cycleView, 0, len(years))
	for _, y := range years {
		out = append(out, b.cycle(y, byYear[y]))
	}
	return out, noCycle
}

func (b *builder) cycle(year int, entries []entry) cycleView {
	c := cycleView{Year: year, Anchor: fmt.Sprintf("cycle-%d", year)}
	var scored []entry
	for _, e := range entries {
		if e.Scored {
			scored = append(scored, e)
		} else {
			c.Unscored = append(c.Unscored, e)
		}
	}
	c.Scored = len(scored)
	c.Ranking = b.ranking(scored)
	c.Counts = b.countChart(b.levelCounts(scored))
	totals := make([]int, len(scored))
	declared := 0
	for i, e := range scored {
		totals[i] = e.Points
		declared = max(declared, e.DeclaredMax)
	}
	c.Histogram = b.histogram(totals, declared)
	return c
}

// ranking orders by level (1 best), then total (higher first), then input order.
func (b *builder) ranking(scored []entry) []rankRow {
	sorted := slices.Clone(scored)
	slices.SortStableFunc(sorted, func(x, y entry) int {
		if c := cmp.Compare(x.Level, y.Level); c != 0 {
			return c
		}
		return cmp.Compare(y.Points, x.Points)
	})
	rows := make([]rankRow, len(sorted))
	for i, e := range sorted {
		rows[i] = rankRow{entry: e, Rank: i + 1, LevelLabel: b.tr(e.LevelTitle)}
		if rows[i].LevelLabel == "" {
			rows[i].LevelLabel = b.levelTitle(e.Level)
		}
	}
	return rows
}

// levelCounts counts agencies per level: every level of the bundle, even at
// zero, then any other level a result names.
func (b *builder) levelCounts(scored []entry) []levelCount {
	var counts []levelCount
	index := map[int]int{}
	for _, l := range b.model.Levels {
		index[l.Level] = len(counts)
		counts = append(counts, levelCount{Level: l.Level, Title: b.levelTitle(l.Level)})
	}
	for _, e := range scored {
		i, ok := index[e.Level]
		if !ok {
			i = len(counts)
			index[e.Level] = i
			counts = append(counts, levelCount{Level: e.Level, Title: b.tr(e.LevelTitle)})
		}
		counts[i].Count++
	}
	return counts
}
