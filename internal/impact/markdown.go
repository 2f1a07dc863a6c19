package impact

import (
	"fmt"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/report"
)

// markdownWriter writes a report to paste into a review: the bundles, a
// section per document as it comes, the summary tables last.
type markdownWriter struct{ *page }

func md(s string) string   { return report.MarkdownText(s) }
func cell(s string) string { return report.MarkdownCell(s) }

func (m *markdownWriter) head() {
	if m.started {
		return
	}
	m.started = true
	m.printf("# %s\n\n", m.say("规则修改的影响", "Impact of the rule change"))
	m.printf("- %s%s\n", m.say("基准：", "Base: "), m.bundleCell(m.header.Base))
	m.printf("- %s%s\n", m.say("候选：", "Candidate: "), m.bundleCell(m.header.Candidate))
	if changes := m.changeList(); changes != "" {
		m.printf("- %s%s\n", m.say("策略包差异：", "Bundle changes: "), md(changes))
	} else {
		m.printf("- %s\n", m.say("两个策略包的条款、类别、等级与否决项相同。", "Both bundles have the same items, categories, levels and vetoes."))
	}
	m.printf("\n## %s\n", m.say("机构", "Agencies"))
}

func (m *markdownWriter) bundleCell(b Bundle) string {
	s := fmt.Sprintf("%s %s `%s` · `%s`", m.say("策略包", "bundle"), md(b.Revision), b.Digest, report.MarkdownCode(b.Source))
	if b.Checks != "" {
		s += m.say("（未经检查）", " (unchecked)")
	}
	return s + md(b.whatIf(m.lang))
}

func (m *markdownWriter) Agency(a *Agency) error {
	m.head()
	m.printf("\n### %s\n\n", md(m.agencyLine(a)))
	switch a.Status {
	case NotScored:
		m.printf("%s\n\n", m.say("两个策略包均未评分：", "Scored by neither bundle:"))
		m.errors(a.Before.Errors)
	case ScoredBeforeOnly, ScoredAfterOnly:
		m.printf("%s\n\n", md(m.onlyOne(a)))
		m.errors(unscoredErrors(a))
	default:
		m.printf("%s\n", md(m.grades(a)))
		m.items(a.Items)
		m.vetoes(a)
	}
	return nil
}

func (m *markdownWriter) errors(errs []engine.PolicyError) {
	for _, e := range errs {
		m.printf("- `%s` %s%s\n", report.MarkdownCode(e.Code), md(m.tr(e.Text())), md(report.ErrorPlace(e, m.lang)))
	}
}

func (m *markdownWriter) items(items []ItemChange) {
	if len(items) == 0 {
		return
	}
	m.printf("\n| %s | %s | %s | %s |\n|---|---|---|---|\n", m.say("条款", "Item"), m.say("得分", "Points"),
		m.say("之前的理由", "Reason before"), m.say("之后的理由", "Reason after"))
	for _, c := range items {
		m.printf("| %s %s | %s | %s | %s |\n", cell(c.ID), cell(m.tr(c.Title)), cell(m.points(c)),
			cell(m.reason(c.ReasonBefore)), cell(m.reason(c.ReasonAfter)))
	}
}

// reason is a reason in the page's language, "–" when the bundle lacks the item.
func (m *markdownWriter) reason(r *i18n.Text) string {
	if r == nil {
		return "–"
	}
	return m.tr(*r)
}

func (m *markdownWriter) vetoes(a *Agency) {
	if len(a.VetoesGained)+len(a.VetoesLost) == 0 {
		return
	}
	m.printf("\n")
	for _, v := range a.VetoesGained {
		m.printf("- %s **%s** %s%s%s\n", m.say("新增否决", "Veto gained"), md(v.ID), md(m.tr(v.Title)), m.say("：", ": "), md(m.tr(v.Reason)))
	}
	for _, v := range a.VetoesLost {
		m.printf("- %s **%s** %s%s%s\n", m.say("解除否决", "Veto lost"), md(v.ID), md(m.tr(v.Title)), m.say("：", ": "), md(m.tr(v.Reason)))
	}
}

func (m *markdownWriter) Close(s *Summary) error {
	m.head()
	m.printf("\n## %s\n\n", fmt.Sprintf(m.say("汇总：%d 份文档", "Summary: %d documents"), s.Documents))
	m.printf("| %s | %s |\n|---|---:|\n", m.say("文档", "Documents"), m.say("数量", "Count"))
	for _, r := range m.countRows(s) {
		m.printf("| %s%s | %d |\n", strings.Repeat("— ", r.depth), r.label, r.count)
	}
	m.printf("\n%s\n", md(m.totalChange(s)))
	m.printf("\n### %s\n\n| %s | %s | %s |\n|---|---:|---:|\n", m.say("各等级机构数", "Agencies per level"),
		m.say("等级", "Level"), m.say("之前", "Before"), m.say("之后", "After"))
	for _, l := range s.Levels {
		m.printf("| %s | %d | %d |\n", cell(m.levelTitle(l.Level)), l.Before, l.After)
	}
	m.transitions(s)
	if len(s.Items) > 0 {
		m.printf("\n### %s\n\n| %s | %s |\n|---|---:|\n", m.say("得分变化的条款", "Items whose points changed"),
			m.say("条款", "Item"), m.say("机构数", "Agencies"))
		for _, it := range s.Items {
			m.printf("| %s | %d |\n", cell(it.ID), it.Agencies)
		}
	}
	return nil
}

func (m *markdownWriter) transitions(s *Summary) {
	m.printf("\n### %s\n\n| %s |", m.say("等级变化（行：之前，列：之后）", "Level transitions (rows: before, columns: after)"),
		m.say("之前 \\ 之后", "before \\ after"))
	for _, to := range s.Levels {
		m.printf(" %d |", to.Level)
	}
	m.printf("\n|---|%s\n", strings.Repeat("---:|", len(s.Levels)))
	for _, from := range s.Levels {
		m.printf("| %d |", from.Level)
		for _, to := range s.Levels {
			m.printf(" %d |", s.Transition(from.Level, to.Level))
		}
		m.printf("\n")
	}
}
