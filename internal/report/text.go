package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

const reasonIndent = "                     " // under the item title

// writeText writes one result as a terminal report.
func (wr *printer) writeText(r *engine.Result) error {
	if wr.written > 0 {
		wr.printf("\n%s\n\n", strings.Repeat("═", 72))
	}
	wr.textHeader(r)
	if !r.Scored() {
		wr.textErrors(r)
	} else {
		wr.textItems(r)
		wr.textCategories(r)
		wr.textVetoes(r)
		wr.textMisconduct(r)
		wr.textLevel(r)
		wr.textNextLevel(r)
	}
	wr.textWarnings(r)
	wr.textProvenance(r)
	return nil
}

func (wr *printer) textHeader(r *engine.Result) {
	wr.printf("%s\n", wr.style(agencyLine(r), bold))
	if r.Cycle != (engine.Cycle{}) {
		wr.printf(wr.say("评估周期 %d（%s 至 %s）\n", "Cycle %d (%s to %s)\n"), r.Cycle.Year,
			termsafe.Escape(r.Cycle.Start), termsafe.Escape(r.Cycle.End))
	}
	if r.Input != nil {
		wr.printf("%s%s\n", wr.label("文件", "File"), termsafe.Escape(r.Input.Path))
	}
	if !r.Scored() {
		return
	}
	level := wr.style(wr.tr(r.Level.Title), bold+wr.levelColour(r.Level.Level))
	total := fmt.Sprintf(wr.say("总分 %d / %d（声明满分 %d）", "total %d / %d (declared max %d)"), r.Total.Points, r.Total.Max, r.Total.DeclaredMax)
	wr.printf("%s · %s\n\n", level, total)
}

// agencyLine names the agency, or the input when the agency could not be read.
func agencyLine(r *engine.Result) string {
	if r.Agency == (engine.Agency{}) && r.Input != nil {
		return termsafe.Escape(r.Input.Path)
	}
	return agencyName(r.Agency)
}

func agencyName(a engine.Agency) string {
	if a.Name == "" {
		return termsafe.Escape(a.ID)
	}
	return termsafe.Escape(fmt.Sprintf("%s (%s)", a.Name, a.ID))
}

func (wr *printer) textErrors(r *engine.Result) {
	wr.printf("\n%s\n", wr.style(wr.say("未评分", "Not scored"), bold+red))
	for _, e := range r.Errors {
		wr.printf("  - [%s] %s%s\n", e.Code, wr.tr(e.Text()), ErrorPlace(e, wr.opts.Lang))
	}
	wr.printf("\n")
}

// ErrorPlace is where a policy error is: its JSON Pointer and, when known,
// its line and column in the file.
func ErrorPlace(e engine.PolicyError, lang i18n.Lang) string {
	return at(termsafe.Escape(e.At)) + lineColumn(e, lang)
}

// lineColumn is where in the file an error is, when known.
func lineColumn(e engine.PolicyError, lang i18n.Lang) string {
	if e.Line == 0 {
		return ""
	}
	return fmt.Sprintf(i18n.T("（第 %d 行第 %d 列）", " (line %d, column %d)").In(lang), e.Line, e.Column)
}

func at(pointer string) string {
	if pointer == "" {
		return ""
	}
	return " (" + pointer + ")"
}

func (wr *printer) textItems(r *engine.Result) {
	for _, cat := range r.CategoryOrder() {
		c := r.Categories[cat]
		if c.Max == 0 {
			continue // a category without items has nothing to list
		}
		wr.printf("%s  %d / %d\n", wr.style(wr.categoryTitle(cat), bold), c.Points, c.Max)
		for _, it := range r.Items {
			if it.Category == cat {
				wr.textItem(it)
			}
		}
		wr.printf("\n")
	}
}

func (wr *printer) textItem(it engine.Item) {
	points := padLeft(fmt.Sprintf("%d/%d", it.Points, it.Max), 5)
	tier := padRight(it.Tier, 2)
	wr.printf("  %s %s  %s  %s\n", padRight(it.ID, 7), wr.style(points, pointsColour(it.Points, it.Max)), tier, wr.tr(it.Title))
	wr.printf("%s%s\n", reasonIndent, wr.style(wr.tr(it.Reason), dim))
}

func (wr *printer) textCategories(r *engine.Result) {
	wr.printf("%s\n", wr.style(wr.say("分类小计（得分 / 可得满分，声明满分）", "Subtotals (points / attainable max, declared max)"), bold))
	names := r.CategoryOrder()
	width := displayWidth(wr.say("合计", "Total"))
	for _, name := range names {
		width = max(width, displayWidth(wr.categoryTitle(name)))
	}
	row := func(title string, s engine.CategoryScore) {
		mark := ""
		if s.Max != s.DeclaredMax {
			mark = "  " + wr.say("（可得满分不等于声明满分）", "(attainable max differs from declared)")
		}
		wr.printf("  %s  %3d / %3d   %s %3d%s\n", padRight(title, width), s.Points, s.Max, wr.say("声明", "declared"), s.DeclaredMax, mark)
	}
	for _, name := range names {
		row(wr.categoryTitle(name), r.Categories[name])
	}
	row(wr.say("合计", "Total"), *r.Total)
	wr.printf("\n")
}

func (wr *printer) textVetoes(r *engine.Result) {
	if len(r.Vetoes) == 0 {
		wr.printf("%s%s\n\n", wr.style(wr.label("否决项", "Vetoes"), bold), wr.say("无", "none"))
		return
	}
	wr.printf("%s\n", wr.style(wr.failing("否决项（一票否决）：%.0s", "Vetoes (each forces level %d):"), bold+red))
	for _, v := range r.Vetoes {
		wr.printf("  %s %s: %s\n", v.ID, wr.tr(v.Title), wr.tr(v.Reason))
		if len(v.Evidence) > 0 {
			wr.printf("     %s%s\n", wr.label("证据", "evidence"), strings.Join(v.Evidence, ", "))
		}
	}
	wr.printf("\n")
}

// textMisconduct lists serious misconduct (I-13) beside the vetoes, only when found.
func (wr *printer) textMisconduct(r *engine.Result) {
	if len(r.Misconduct) == 0 {
		return
	}
	wr.printf("%s\n", wr.style(wr.failing("严重违规（I-13，不论得分均为%s）：", "Serious misconduct (I-13, level %d whatever the points):"), bold+red))
	for _, m := range r.Misconduct {
		wr.printf("  %s %s: %s\n", m.ID, wr.tr(m.Title), wr.tr(m.Reason))
		wr.printf("     %s%s\n", wr.label("后果", "consequence"), wr.tr(m.Consequence))
		if len(m.Evidence) > 0 {
			wr.printf("     %s%s\n", wr.label("证据", "evidence"), strings.Join(m.Evidence, ", "))
		}
	}
	wr.printf("\n")
}

func (wr *printer) textLevel(r *engine.Result) {
	l := r.Level
	wr.printf("%s%s\n", wr.style(wr.label("定级", "Level"), bold), wr.style(wr.tr(l.Title), bold+wr.levelColour(l.Level)))
	for _, reason := range l.Reasons {
		wr.printf("  - %s\n", wr.tr(reason))
	}
	wr.printf("  %s%s\n", wr.label("后果", "Consequence"), wr.tr(l.Consequence))
	if l.MisconductConsequence != nil {
		wr.printf("  %s%s\n", wr.label("严重违规", "Misconduct"), wr.tr(*l.MisconductConsequence))
	}
	wr.printf("\n")
}

func (wr *printer) textNextLevel(r *engine.Result) {
	n := r.NextLevel
	if n == nil {
		return
	}
	wr.printf("%s\n", wr.style(fmt.Sprintf(wr.say("升到%s需要：", "To reach %s:"), wr.levelTitle(n.Level)), bold))
	if n.BlockedByVetoes {
		wr.printf("  %s\n", wr.failing("先消除否决项：有否决项时无论得分多少都是%s。", "first clear the vetoes: with a veto the level is %d whatever the points."))
	}
	if n.BlockedByMisconduct {
		wr.printf("  %s\n", wr.failing("存在严重违规（I-13）：资格取消，无论得分多少都是%s。", "serious misconduct (I-13): the qualification is revoked; the level is %d whatever the points."))
	}
	if short := wr.shortfall(n.Shortfall); short != "" {
		wr.printf("  %s%s\n", wr.label("差距", "shortfall"), short)
	}
	wr.textPlan(r, n)
	wr.printf("\n")
}

// shortfall lists the non-zero gaps: the total first, then the categories.
func (wr *printer) shortfall(gaps map[string]int) string {
	var parts []string
	names := []string{"total"}
	for _, name := range slices.Sorted(maps.Keys(gaps)) {
		if name != "total" {
			names = append(names, name)
		}
	}
	for _, name := range names {
		if gaps[name] <= 0 {
			continue
		}
		title := name
		if name == "total" {
			title = wr.say("总分", "total")
		} else {
			title = wr.categoryTitle(name)
		}
		parts = append(parts, fmt.Sprintf("%s %d", title, gaps[name]))
	}
	return strings.Join(parts, wr.say("，", ", "))
}

func (wr *printer) textWarnings(r *engine.Result) {
	if len(r.Warnings) == 0 {
		return
	}
	wr.printf("%s\n", wr.style(wr.say("警告：", "Warnings:"), bold+yellow))
	for _, w := range r.Warnings {
		wr.printf("  - %s%s\n", wr.tr(w.Text()), at(w.At))
	}
	wr.printf("\n")
}

func (wr *printer) textProvenance(r *engine.Result) {
	p := r.Provenance
	wr.printf("%s%s · OPA %s · %s %s (%s) · %s %s\n", wr.style(wr.label("来源", "Provenance"), dim),
		p.Engine, p.OPA, wr.say("策略包", "bundle"), p.BundleRevision, p.BundleDigest, wr.say("证据", "evidence"), p.EvidenceDigest)
	notes := engine.ProvenanceNotes
	if len(p.Overrides) > 0 {
		wr.printf("%s%s\n", wr.style(wr.label(notes.WhatIf.ZH, notes.WhatIf.EN), bold+yellow), wr.whatIf(p))
	}
	if p.Unchecked() {
		wr.printf("%s%s\n", wr.style(wr.label(notes.UncheckedTitle.ZH, notes.UncheckedTitle.EN), bold+yellow), wr.tr(notes.Unchecked))
	}
}
