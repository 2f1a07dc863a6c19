package impact

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/report"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// page is what the text and Markdown writers share: the destination, the
// language, the two bundles, and whether the heading was written.
type page struct {
	w       io.Writer
	lang    i18n.Lang
	header  Header
	started bool
}

func newPage(w io.Writer, lang i18n.Lang, h Header) *page { return &page{w: w, lang: lang, header: h} }

func (p *page) say(zh, en string) string { return i18n.T(zh, en).In(p.lang) }

// tr picks the text in the page's language; texts quote the evidence, so
// control characters are escaped.
func (p *page) tr(t i18n.Text) string { return termsafe.Escape(t.In(p.lang)) }

func (p *page) printf(format string, args ...any) { fmt.Fprintf(p.w, format, args...) }

// levelBefore and levelAfter are a level's title in the base and the
// candidate bundle.
func (p *page) levelBefore(n int) string { return p.tr(p.header.Base.Model.LevelTitle(n)) }
func (p *page) levelAfter(n int) string  { return p.tr(p.header.Candidate.Model.LevelTitle(n)) }

// levelTitle is level n's title in the candidate, or the base when only it has n.
func (p *page) levelTitle(n int) string {
	if !p.header.Candidate.Model.HasLevel(n) {
		return p.levelBefore(n)
	}
	return p.levelAfter(n)
}

// bundleLine names a bundle by revision, digest and source.
func (p *page) bundleLine(b Bundle) string {
	line := fmt.Sprintf("%s %s (%s) · %s", p.say("策略包", "bundle"), termsafe.Escape(b.Revision), b.Digest, termsafe.Escape(b.Source))
	if b.Checks != "" {
		line += p.say("（未经检查）", " (unchecked)")
	}
	return line + termsafe.Escape(b.whatIf(p.lang))
}

// changeList is the bundles' differences, one phrase per kind, or "" when none.
func (p *page) changeList() string {
	c := p.header.Changes
	var parts []string
	add := func(ids []string, zh, en string) {
		if len(ids) > 0 {
			parts = append(parts, p.say(zh, en)+" "+termsafe.Escape(strings.Join(ids, ", ")))
		}
	}
	add(c.ItemsAdded, "新增条款", "items added")
	add(c.ItemsRemoved, "删除条款", "items removed")
	add(c.CategoriesAdded, "新增类别", "categories added")
	add(c.CategoriesRemoved, "删除类别", "categories removed")
	add(numbers(c.LevelsAdded), "新增等级", "levels added")
	add(numbers(c.LevelsRemoved), "删除等级", "levels removed")
	add(c.VetoesAdded, "新增否决项", "vetoes added")
	add(c.VetoesRemoved, "删除否决项", "vetoes removed")
	return strings.Join(parts, " · ")
}

func numbers(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// agencyLine names the agency (or the input when unreadable), its cycle and its file.
func (p *page) agencyLine(a *Agency) string {
	var parts []string
	if a.Agency != nil {
		parts = append(parts, agencyName(*a.Agency))
	}
	if a.Cycle != nil {
		parts = append(parts, fmt.Sprintf(p.say("%d 周期", "cycle %d"), a.Cycle.Year))
	}
	return strings.Join(append(parts, termsafe.Escape(a.Input.Path)), " · ")
}

func agencyName(a engine.Agency) string {
	if a.Name == "" {
		return termsafe.Escape(a.ID)
	}
	return termsafe.Escape(fmt.Sprintf("%s (%s)", a.Name, a.ID))
}

// grades is "Level 3 → Level 2 · total 78 → 80 (+2)", or one level and
// total when neither changed.
func (p *page) grades(a *Agency) string {
	before, after := *a.Before.Level, *a.After.Level
	level := p.levelBefore(before) + " → " + p.levelAfter(after)
	if before == after {
		level = p.levelAfter(after)
	}
	total := fmt.Sprintf(p.say("总分 %d → %d（%s）", "total %d → %d (%s)"), *a.Before.Total, *a.After.Total, signed(*a.TotalChange))
	if *a.TotalChange == 0 {
		total = fmt.Sprintf(p.say("总分 %d", "total %d"), *a.After.Total)
	}
	return level + " · " + total
}

// onlyOne says which bundle scored a document the other did not.
func (p *page) onlyOne(a *Agency) string {
	if a.Status == ScoredBeforeOnly {
		return fmt.Sprintf(p.say("仅基准策略包评分（%s，总分 %d），候选策略包未评分：", "scored by the base bundle only (%s, total %d); the candidate does not score it:"),
			p.levelBefore(*a.Before.Level), *a.Before.Total)
	}
	return fmt.Sprintf(p.say("仅候选策略包评分（%s，总分 %d），基准策略包未评分：", "scored by the candidate bundle only (%s, total %d); the base does not score it:"),
		p.levelAfter(*a.After.Level), *a.After.Total)
}

// unscoredErrors are the errors of the bundle that did not score a.
func unscoredErrors(a *Agency) []engine.PolicyError {
	if a.Status == ScoredAfterOnly {
		return a.Before.Errors
	}
	return a.After.Errors
}

// points is an item's points before → after, "added" or "removed" when one
// bundle lacks it, with the tiers when they are named.
func (p *page) points(c ItemChange) string {
	switch {
	case c.Added():
		return fmt.Sprintf(p.say("新增条款：%d", "item added: %d"), *c.After) + p.tier(c.TierAfter)
	case c.Removed():
		return fmt.Sprintf(p.say("删除条款：原 %d", "item removed: was %d"), *c.Before) + p.tier(c.TierBefore)
	}
	s := fmt.Sprintf("%d → %d", *c.Before, *c.After)
	if c.TierBefore != "" || c.TierAfter != "" {
		s += fmt.Sprintf(p.say("（档 %s → %s）", " (tier %s → %s)"), dash(c.TierBefore), dash(c.TierAfter))
	}
	return s
}

func (p *page) tier(t string) string {
	if t == "" {
		return ""
	}
	return fmt.Sprintf(p.say("（档 %s）", " (tier %s)"), termsafe.Escape(t))
}

func dash(s string) string {
	if s == "" {
		return "–"
	}
	return termsafe.Escape(s)
}

func signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

func signedFloat(f float64) string {
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if f > 0 {
		return "+" + s
	}
	return s
}

// textWriter writes a terminal report: the bundles, an entry per document
// as it comes, the summary last.
type textWriter struct{ *page }

func (t *textWriter) head() {
	if t.started {
		return
	}
	t.started = true
	t.printf("%s%s\n", t.say("基准：", "Base:      "), t.bundleLine(t.header.Base))
	t.printf("%s%s\n", t.say("候选：", "Candidate: "), t.bundleLine(t.header.Candidate))
	if changes := t.changeList(); changes != "" {
		t.printf("%s%s\n", t.say("策略包差异：", "Bundle changes: "), changes)
	} else {
		t.printf("%s\n", t.say("两个策略包的条款、类别、等级与否决项相同。", "Both bundles have the same items, categories, levels and vetoes."))
	}
}

func (t *textWriter) Agency(a *Agency) error {
	t.head()
	t.printf("\n%s\n", t.agencyLine(a))
	switch a.Status {
	case NotScored:
		t.printf("  %s\n", t.say("两个策略包均未评分：", "scored by neither bundle:"))
		t.errors(a.Before.Errors)
	case ScoredBeforeOnly, ScoredAfterOnly:
		t.printf("  %s\n", t.onlyOne(a))
		t.errors(unscoredErrors(a))
	default:
		t.printf("  %s\n", t.grades(a))
		for _, c := range a.Items {
			t.item(c)
		}
		t.vetoes(t.say("新增否决", "veto gained"), a.VetoesGained)
		t.vetoes(t.say("解除否决", "veto lost"), a.VetoesLost)
	}
	return nil
}

func (t *textWriter) errors(errs []engine.PolicyError) {
	for _, e := range errs {
		t.printf("    - [%s] %s%s\n", termsafe.Escape(e.Code), t.tr(e.Text()), report.ErrorPlace(e, t.lang))
	}
}

func (t *textWriter) item(c ItemChange) {
	t.printf("  %s %s%s%s\n", termsafe.Escape(c.ID), t.tr(c.Title), t.say("：", ": "), t.points(c))
	if c.ReasonBefore != nil {
		t.printf("      %s%s\n", t.say("之前：", "before: "), t.tr(*c.ReasonBefore))
	}
	if c.ReasonAfter != nil {
		t.printf("      %s%s\n", t.say("之后：", "after:  "), t.tr(*c.ReasonAfter))
	}
}

func (t *textWriter) vetoes(label string, vs []VetoChange) {
	for _, v := range vs {
		t.printf("  %s %s %s%s%s\n", label, termsafe.Escape(v.ID), t.tr(v.Title), t.say("：", ": "), t.tr(v.Reason))
	}
}

func (t *textWriter) Close(s *Summary) error {
	t.head()
	t.printf("\n%s\n", fmt.Sprintf(t.say("汇总：%d 份文档", "Summary: %d documents"), s.Documents))
	for _, r := range t.countRows(s) {
		t.printf("  %s %s\n", report.Pad(strings.Repeat("  ", r.depth)+r.label, 30), report.PadLeft(strconv.Itoa(r.count), 6))
	}
	t.printf("  %s\n", t.totalChange(s))
	t.levels(s)
	t.transitions(s)
	if len(s.Items) > 0 {
		var parts []string
		for _, it := range s.Items {
			parts = append(parts, fmt.Sprintf("%s × %d", termsafe.Escape(it.ID), it.Agencies))
		}
		t.printf("\n%s%s\n", t.say("得分变化的条款（机构数）：", "Items whose points changed (agencies): "), strings.Join(parts, ", "))
	}
	return nil
}

// countRow is one count of the summary, under depth others.
type countRow struct {
	label string
	depth int
	count int
}

// countRows are the summary's counts of documents, as text and Markdown show them.
func (p *page) countRows(s *Summary) []countRow {
	return []countRow{
		{p.say("两个策略包均评分", "scored by both bundles"), 0, s.Compared},
		{p.say("有变化", "changed"), 1, s.Changed},
		{p.say("等级变化", "level changed"), 2, s.LevelChanged},
		{p.say("总分变化", "total changed"), 2, s.TotalChanged},
		{p.say("条款得分变化", "some item changed"), 2, s.ItemsChanged},
		{p.say("否决项变化", "vetoes changed"), 2, s.VetoesChanged},
		{p.say("仅基准策略包评分", "scored by the base only"), 0, s.ScoredBeforeOnly},
		{p.say("仅候选策略包评分", "scored by the candidate only"), 0, s.ScoredAfterOnly},
		{p.say("均未评分", "scored by neither"), 0, s.NotScored},
	}
}

// totalChange is the mean and the largest total change.
func (p *page) totalChange(s *Summary) string {
	switch {
	case s.Compared == 0:
		return p.say("总分变化：没有两个策略包均评分的文档", "total change: no document scored by both bundles")
	case s.LargestTotalChange == nil:
		return p.say("总分变化：无", "total change: none")
	}
	l := s.LargestTotalChange
	who := termsafe.Escape(l.Input)
	if l.Agency != nil {
		who = termsafe.Escape(l.Agency.ID) + ", " + who
	}
	return fmt.Sprintf(p.say("总分变化：平均 %s，最大 %s（%s）", "total change: mean %s, largest %s (%s)"),
		signedFloat(s.MeanTotalChange), signed(l.Change), who)
}

func (t *textWriter) levels(s *Summary) {
	t.printf("\n%s %s %s\n", report.Pad(t.say("各等级机构数", "Agencies per level"), 24),
		report.PadLeft(t.say("之前", "before"), 8), report.PadLeft(t.say("之后", "after"), 8))
	for _, l := range s.Levels {
		t.printf("  %s %8d %8d\n", report.Pad(t.levelTitle(l.Level), 22), l.Before, l.After)
	}
}

// transitions prints the level-transition matrix, rows before, columns after.
func (t *textWriter) transitions(s *Summary) {
	t.printf("\n%s\n", t.say("等级变化（行：之前，列：之后；两个策略包均评分的机构）",
		"Level transitions (rows: before, columns: after; agencies scored by both)"))
	t.printf("  %6s", "")
	for _, to := range s.Levels {
		t.printf(" %6d", to.Level)
	}
	t.printf("\n")
	for _, from := range s.Levels {
		t.printf("  %6d", from.Level)
		for _, to := range s.Levels {
			t.printf(" %6d", s.Transition(from.Level, to.Level))
		}
		t.printf("\n")
	}
}
