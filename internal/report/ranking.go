package report

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/batch"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// ranked is a printer that keeps a rank row per scored result, for the
// per-cycle rankings that close the text and markdown reports of several inputs.
type ranked struct {
	*printer
	ranking []batch.Row
	// unscored counts the entries that were not scored (never ranked).
	unscored int
}

func newRanked(w io.Writer, opts Options) *ranked { return &ranked{printer: newPrinter(w, opts)} }

// keep notes a scored result when a ranking will be printed, and counts the
// unscored ones.
func (wr *ranked) keep(r *engine.Result) {
	switch {
	case !r.Scored():
		wr.unscored++
	case wr.several():
		wr.ranking = append(wr.ranking, rankRow(wr.written, r))
	}
}

// rankRow is the little kept of each scored result for the rankings.
func rankRow(index int, r *engine.Result) batch.Row {
	row := batch.Row{Index: index, Agency: agencyLine(r), Year: r.Cycle.Year, Level: r.Level.Level,
		LevelTitle: r.Level.Title, Points: r.Total.Points, Max: r.Total.Max}
	if r.Input != nil {
		row.Path = termsafe.Escape(r.Input.Path)
	}
	for _, v := range r.Vetoes {
		row.Vetoes = append(row.Vetoes, v.ID)
	}
	for _, m := range r.Misconduct {
		row.Vetoes = append(row.Vetoes, m.ID)
	}
	return row
}

// levelCounts counts a cycle's ranked agencies per level: every level of the
// bundle, then any other level a result named.
func (wr *ranked) levelCounts(counts map[int]int) string {
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

// showsRanking: several inputs and at least two ranked results; results of
// different cycles are ranked apart.
func (wr *ranked) showsRanking() bool { return wr.several() && len(wr.ranking) >= 2 }

func (wr *ranked) rankingTitle(year int) string {
	return fmt.Sprintf(wr.say("%d 周期排名（先按等级，再按总分）", "Ranking, cycle %d (by level, then total)"), year)
}

func vetoList(ids []string) string {
	if len(ids) == 0 {
		return "—"
	}
	return strings.Join(ids, ", ")
}

// notRanked says how many inputs were reported but not ranked (not scored).
func (wr *ranked) notRanked() string {
	if wr.unscored == 0 {
		return ""
	}
	return fmt.Sprintf(wr.say("未排名：%d 个输入未评分（见上文各条目）", "Not ranked: %d inputs not scored (see their entries above)"), wr.unscored)
}

func (wr *ranked) writeTextRanking() error {
	if !wr.showsRanking() {
		return nil
	}
	cycle := wr.say("周期", "Cycle")
	wr.printf("\n%s\n", strings.Repeat("═", 72))
	for _, c := range batch.Rank(wr.ranking) {
		wr.printf("\n%s\n", wr.style(wr.rankingTitle(c.Year), bold))
		wr.printf("  %3s  %s  %s  %s  %s  %s  %s\n", "#", padRight(wr.say("等级", "Level"), 8), padLeft(wr.say("总分", "Total"), 6),
			padRight(wr.say("否决/违规", "Vetoes"), 9), padRight(wr.say("机构", "Agency"), 30), cycle, wr.say("文件", "File"))
		for i, e := range c.Rows {
			total := fmt.Sprintf("%d/%d", e.Points, e.Max)
			wr.printf("  %3d  %s  %s  %s  %s  %s  %s\n", i+1, padRight(wr.tr(e.LevelTitle), 8), padLeft(total, 6),
				padRight(vetoList(e.Vetoes), 9), padRight(e.Agency, 30), padRight(fmt.Sprint(e.Year), displayWidth(cycle)), e.Path)
		}
		wr.printf("%s%s\n", wr.label("各等级数量", "Per level"), wr.levelCounts(c.Counts))
	}
	if note := wr.notRanked(); note != "" {
		wr.printf("\n%s\n", note)
	}
	return nil
}

func (wr *ranked) writeMarkdownRanking() error {
	if !wr.showsRanking() {
		return nil
	}
	wr.printf("\n---\n")
	for _, c := range batch.Rank(wr.ranking) {
		wr.printf("\n## %s\n\n", mdText(wr.rankingTitle(c.Year)))
		wr.printf("| # | %s | %s | %s | %s | %s | %s |\n|---:|---|---:|---|---|---|---|\n", wr.say("等级", "Level"),
			wr.say("总分", "Total"), wr.say("否决/违规", "Vetoes"), wr.say("机构", "Agency"), wr.say("周期", "Cycle"), wr.say("文件", "File"))
		for i, e := range c.Rows {
			wr.printf("| %d | %s | %d / %d | %s | %s | %d | %s |\n", i+1, mdCell(wr.tr(e.LevelTitle)), e.Points, e.Max,
				mdCell(vetoList(e.Vetoes)), mdCell(e.Agency), e.Year, mdCell(e.Path))
		}
		wr.printf("\n%s%s\n", wr.label("各等级数量", "Per level"), wr.levelCounts(c.Counts))
	}
	if note := wr.notRanked(); note != "" {
		wr.printf("\n%s\n", mdText(note))
	}
	return nil
}

// kept is how many rank entries are held (tests check that machine formats hold none).
func (wr *ranked) kept() int { return len(wr.ranking) }
