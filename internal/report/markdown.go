package report

import (
	"fmt"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// writeMarkdown writes one result as a report to paste into a document.
func (wr *printer) writeMarkdown(r *engine.Result) error {
	if wr.written > 0 {
		wr.printf("\n---\n\n")
	}
	wr.printf("# %s\n\n", mdText(agencyLine(r)))
	if r.Cycle != (engine.Cycle{}) {
		wr.printf(wr.say("- 评估周期：%d（%s 至 %s）\n", "- Cycle: %d (%s to %s)\n"), r.Cycle.Year, mdText(r.Cycle.Start), mdText(r.Cycle.End))
	}
	if r.Input != nil {
		wr.printf("- %s`%s`\n", wr.label("文件", "File"), mdCode(r.Input.Path))
	}
	if !r.Scored() {
		wr.printf("\n**%s**\n\n", wr.say("未评分", "Not scored"))
		for _, e := range r.Errors {
			wr.printf("- `%s` %s%s%s\n", e.Code, mdText(wr.tr(e.Text())), mdPointer(e.At), mdText(lineColumn(e, wr.opts.Lang)))
		}
		wr.printf("\n")
	} else {
		wr.printf("- %s**%s**\n", wr.label("等级", "Level"), mdText(wr.tr(r.Level.Title)))
		wr.printf(wr.say("- 总分：**%d / %d**（声明满分 %d）\n\n", "- Total: **%d / %d** (declared max %d)\n\n"),
			r.Total.Points, r.Total.Max, r.Total.DeclaredMax)
		wr.mdItems(r)
		wr.mdCategories(r)
		wr.mdVetoes(r)
		wr.mdMisconduct(r)
		wr.mdLevel(r)
		wr.mdNextLevel(r)
	}
	wr.mdWarnings(r)
	p := r.Provenance
	wr.printf("<sub>%s%s · OPA %s · %s %s `%s` · %s `%s`</sub>\n", wr.label("来源", "Provenance"), p.Engine, p.OPA,
		wr.say("策略包", "bundle"), mdText(p.BundleRevision), p.BundleDigest, wr.say("证据", "evidence"), p.EvidenceDigest)
	notes := engine.ProvenanceNotes
	if len(p.Overrides) > 0 {
		wr.printf("\n<sub>**%s** %s</sub>\n", wr.tr(notes.WhatIf), mdText(wr.whatIf(p)))
	}
	if p.Unchecked() {
		wr.printf("\n<sub>**%s** %s</sub>\n", wr.tr(notes.UncheckedTitle), wr.tr(notes.Unchecked))
	}
	return nil
}

func (wr *printer) mdItems(r *engine.Result) {
	wr.printf("## %s\n\n", wr.say("逐项得分", "Items"))
	wr.printf("| %s | %s | %s | %s | %s |\n|---|---|---:|---|---|\n", wr.say("条款", "Clause"), wr.say("名称", "Title"),
		wr.say("得分", "Points"), wr.say("档", "Tier"), wr.say("理由", "Reason"))
	for _, it := range r.Items {
		wr.printf("| %s | %s | %d / %d | %s | %s |\n", it.ID, mdCell(wr.tr(it.Title)), it.Points, it.Max, it.Tier, mdCell(wr.tr(it.Reason)))
	}
	wr.printf("\n")
}

func (wr *printer) mdCategories(r *engine.Result) {
	wr.printf("## %s\n\n", wr.say("分类小计", "Subtotals"))
	wr.printf("| %s | %s | %s | %s |\n|---|---:|---:|---:|\n", wr.say("类别", "Category"), wr.say("得分", "Points"),
		wr.say("可得满分", "Attainable max"), wr.say("声明满分", "Declared max"))
	for _, name := range r.CategoryOrder() {
		c := r.Categories[name]
		wr.printf("| %s | %d | %d | %d |\n", mdCell(wr.categoryTitle(name)), c.Points, c.Max, c.DeclaredMax)
	}
	wr.printf("| **%s** | **%d** | %d | %d |\n\n", wr.say("合计", "Total"), r.Total.Points, r.Total.Max, r.Total.DeclaredMax)
}

func (wr *printer) mdVetoes(r *engine.Result) {
	wr.printf("## %s\n\n", wr.say("否决项", "Vetoes"))
	if len(r.Vetoes) == 0 {
		wr.printf("%s\n\n", wr.say("无。", "None."))
		return
	}
	for _, v := range r.Vetoes {
		wr.printf("- **%s %s**: %s", v.ID, mdText(wr.tr(v.Title)), mdText(wr.tr(v.Reason)))
		if len(v.Evidence) > 0 {
			wr.printf(" (%s)", mdPointers(v.Evidence))
		}
		wr.printf("\n")
	}
	wr.printf("\n")
}

// mdMisconduct lists serious misconduct (I-13) beside the vetoes, only when found.
func (wr *printer) mdMisconduct(r *engine.Result) {
	if len(r.Misconduct) == 0 {
		return
	}
	wr.printf("## %s\n\n", wr.say("严重违规（I-13）", "Serious misconduct (I-13)"))
	for _, m := range r.Misconduct {
		wr.printf("- **%s %s**: %s", m.ID, mdText(wr.tr(m.Title)), mdText(wr.tr(m.Reason)))
		if len(m.Evidence) > 0 {
			wr.printf(" (%s)", mdPointers(m.Evidence))
		}
		wr.printf("\n  %s%s\n", wr.label("后果", "Consequence"), mdText(wr.tr(m.Consequence)))
	}
	wr.printf("\n")
}

func (wr *printer) mdLevel(r *engine.Result) {
	wr.printf("## %s%s\n\n", wr.label("定级", "Level"), mdText(wr.tr(r.Level.Title)))
	for _, reason := range r.Level.Reasons {
		wr.printf("- %s\n", mdText(wr.tr(reason)))
	}
	wr.printf("\n**%s** %s\n", wr.say("后果：", "Consequence:"), mdText(wr.tr(r.Level.Consequence)))
	if m := r.Level.MisconductConsequence; m != nil {
		wr.printf("\n**%s** %s\n", wr.say("严重违规：", "Misconduct:"), mdText(wr.tr(*m)))
	}
	wr.printf("\n")
}

func (wr *printer) mdNextLevel(r *engine.Result) {
	n := r.NextLevel
	if n == nil {
		return
	}
	wr.printf("## %s\n\n", fmt.Sprintf(wr.say("升到%s需要", "To reach %s"), mdText(wr.levelTitle(n.Level))))
	if n.BlockedByVetoes {
		wr.printf("- %s\n", wr.failing("先消除否决项：有否决项时无论得分多少都是%s。", "First clear the vetoes: with a veto the level is %d whatever the points."))
	}
	if n.BlockedByMisconduct {
		wr.printf("- %s\n", wr.failing("存在严重违规（I-13）：资格取消，无论得分多少都是%s。", "Serious misconduct (I-13): the qualification is revoked; the level is %d whatever the points."))
	}
	if short := wr.shortfall(n.Shortfall); short != "" {
		wr.printf("- %s%s\n", wr.label("差距", "Shortfall"), mdText(short))
	}
	wr.mdPlan(r, n)
	wr.printf("\n")
}

func (wr *printer) mdWarnings(r *engine.Result) {
	if len(r.Warnings) == 0 {
		return
	}
	wr.printf("## %s\n\n", wr.say("警告", "Warnings"))
	for _, w := range r.Warnings {
		wr.printf("- %s%s\n", mdText(wr.tr(w.Text())), mdPointer(w.At))
	}
	wr.printf("\n")
}

func mdPointer(p string) string {
	if p == "" {
		return ""
	}
	return " (`" + p + "`)"
}

func mdPointers(ps []string) string {
	quoted := make([]string, len(ps))
	for i, p := range ps {
		quoted[i] = "`" + p + "`"
	}
	return strings.Join(quoted, ", ")
}

// mdText escapes the characters that would start markup inside a line.
var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`)

// Control characters are escaped first: a newline in a name must not start
// a heading, an ESC must not reach a terminal showing the file.
func mdText(s string) string { return mdEscaper.Replace(termsafe.Escape(s)) }

// mdCode is text for inside backticks: control characters escaped, a
// backtick replaced so the code span cannot end early.
func mdCode(s string) string { return strings.ReplaceAll(termsafe.Escape(s), "`", "'") }

// mdCell is mdText for a table cell: no pipes, no line breaks.
func mdCell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(mdText(s), "|", `\|`), "\n", " ")
}

// MarkdownText escapes s for a line of Markdown (other packages' reports).
func MarkdownText(s string) string { return mdText(s) }

// MarkdownCell escapes s for a Markdown table cell.
func MarkdownCell(s string) string { return mdCell(s) }

// MarkdownCode escapes s for inside backticks.
func MarkdownCode(s string) string { return mdCode(s) }
