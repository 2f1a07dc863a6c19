package report

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// rankEntry is the little kept of each scored result for the ranking.
type rankEntry struct {
	agency   string
	level    int
	title    i18n.Text
	points   int
	maxTotal int
}

func rankEntryOf(r *engine.Result) rankEntry {
	return rankEntry{agency: agencyLine(r), level: r.Level.Level, title: r.Level.Title,
		points: r.Total.Points, maxTotal: r.Total.Max}
}

// ranked is a printer that keeps a rank entry per scored result, for the
// ranking that closes the text and markdown reports of several inputs.
type ranked struct {
	*printer
	ranking []rankEntry
}

func newRanked(w io.Writer, opts Options) *ranked { return &ranked{printer: newPrinter(w, opts)} }

// keep notes a scored result when a ranking will be printed.
func (wr *ranked) keep(r *engine.Result) {
	if r.Scored() && wr.several() {
		wr.ranking = append(wr.ranking, rankEntryOf(r))
	}
}

// sorted orders by level (1 best), then total (higher first), then input order (stable sort).
func (wr *ranked) sorted() []rankEntry {
	entries := slices.Clone(wr.ranking)
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		if a.level != b.level {
			return a.level < b.level
		}
		return a.points > b.points
	})
	return entries
}

// levelCounts counts scored agencies per level: every level of the bundle,
// then any other level a result named.
func (wr *ranked) levelCounts() string {
	counts := map[int]int{}
	for _, e := range wr.ranking {
		counts[e.level]++
	}
	var levels []int
	for _, l := range wr.opts.Model.Levels {
		levels = append(levels, l.Level)
	}
	for l := range counts {
		if !slices.Contains(levels, l) {
			levels = append(levels, l)
		}
	}
	slices.Sort(levels)
	parts := make([]string, 0, len(levels))
	for _, l := range levels {
		parts = append(parts, fmt.Sprintf(wr.say("%s %d 家", "%s: %d"), wr.levelTitle(l), counts[l]))
	}
	return strings.Join(parts, " · ")
}

func (wr *ranked) writeTextRanking() error {
	if !wr.several() || len(wr.ranking) < 2 {
		return nil
	}
	wr.printf("\n%s\n\n", strings.Repeat("═", 72))
	wr.printf("%s\n", wr.style(wr.say("排名（先按等级，再按总分）", "Ranking (by level, then total)"), bold))
	for i, e := range wr.sorted() {
		total := fmt.Sprintf("%d/%d", e.points, e.maxTotal)
		wr.printf("  %3d  %s  %s  %s\n", i+1, padRight(wr.tr(e.title), 8), padLeft(total, 6), e.agency)
	}
	wr.printf("%s%s\n", wr.label("各等级数量", "Per level"), wr.levelCounts())
	return nil
}

func (wr *ranked) writeMarkdownRanking() error {
	if !wr.several() || len(wr.ranking) < 2 {
		return nil
	}
	wr.printf("\n---\n\n## %s\n\n", wr.say("排名（先按等级，再按总分）", "Ranking (by level, then total)"))
	wr.printf("| # | %s | %s | %s |\n|---:|---|---:|---|\n", wr.say("等级", "Level"), wr.say("总分", "Total"), wr.say("机构", "Agency"))
	for i, e := range wr.sorted() {
		wr.printf("| %d | %s | %d / %d | %s |\n", i+1, mdCell(wr.tr(e.title)), e.points, e.maxTotal, mdCell(e.agency))
	}
	wr.printf("\n%s%s\n", wr.label("各等级数量", "Per level"), wr.levelCounts())
	return nil
}

func sortedNames[V any](m map[string]V) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// kept is how many rank entries are held (tests check that machine formats hold none).
func (wr *ranked) kept() int { return len(wr.ranking) }
