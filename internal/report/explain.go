package report

import (
	"fmt"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// explainText writes the explanations of one input as text.
func (wr *printer) explainText(exps []explain.Explanation) error {
	if wr.written > 0 {
		wr.printf("\n%s\n\n", strings.Repeat("═", 72))
	}
	for i, e := range exps {
		if i == 0 && wr.several() {
			wr.printf("%s\n\n", wr.style(agencyName(e.Agency), bold))
		}
		if i > 0 {
			wr.printf("\n")
		}
		wr.explainOne(e)
	}
	return nil
}

func (wr *printer) explainOne(e explain.Explanation) {
	if e.Veto != nil {
		wr.explainVetoText(e)
		return
	}
	it, doc := e.Item, e.Clause
	wr.printf("%s %s%s\n", wr.style(it.ID, bold), wr.style(wr.tr(it.Title), bold),
		fmt.Sprintf(wr.say("（%s）", " (%s)"), wr.categoryTitle(it.Category)))
	wr.printf("  %s%s:%d (%s)\n", wr.label("规则", "Rule"), it.Source.File, it.Source.Row, doc.Rule)
	if doc.Clause != nil {
		wr.printf("  %s%s\n", wr.label("条文", "Clause"), wr.tr(*doc.Clause))
	}
	if doc.Description != "" {
		wr.printf("  %s%s\n", wr.label("说明", "Description"), indentRest(doc.Description, "    "))
	}
	wr.explainTiers(doc, it.Tier)
	tier := ""
	if it.Tier != "" {
		tier = fmt.Sprintf(wr.say("，档 %s", ", tier %s"), it.Tier)
	}
	wr.printf("  %s%s%s\n", wr.label("得分", "Points"), wr.style(fmt.Sprintf("%d / %d", it.Points, it.Max), pointsColour(it.Points, it.Max)), tier)
	wr.printf("  %s%s\n", wr.label("理由", "Why"), wr.tr(it.Reason))
	wr.explainEvidence(e.EvidenceValues)
	wr.explainInterpretations(e.Interpretations)
}

func (wr *printer) explainTiers(doc explain.Clause, applied string) {
	if len(doc.Tiers) == 0 {
		return
	}
	wr.printf("  %s\n", wr.say("分档（从高到低，取第一个全部满足的档）：", "Tiers (best first; the first whose every minimum holds applies):"))
	for _, t := range doc.Tiers {
		mark := " "
		if t.Tier == applied {
			mark = "▶"
		}
		wr.printf("  %s %s  %s  %s\n", mark, padRight(t.Tier, 2), padLeft(fmt.Sprintf(wr.say("%d分", "%d pts"), t.Points), 6), wr.minimums(t.Min))
	}
}

func (wr *printer) minimums(min map[string]int) string {
	if len(min) == 0 {
		return wr.say("其他情况", "otherwise")
	}
	keys := make([]string, 0, len(min))
	for k := range min {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s ≥ %v", k, min[k])
	}
	return strings.Join(parts, wr.say("，且 ", " and "))
}

func (wr *printer) explainEvidence(values []explain.EvidenceValue) {
	if len(values) == 0 {
		wr.printf("  %s%s\n", wr.label("读取的证据", "Evidence read"), wr.say("无（该项依据证据缺失或为空）", "none (the item rests on absent or empty evidence)"))
		return
	}
	wr.printf("  %s\n", wr.say("读取的证据：", "Evidence read:"))
	for _, v := range values {
		where := ""
		if v.Line > 0 {
			where = fmt.Sprintf(wr.say("（第 %d 行第 %d 列）", " (line %d, column %d)"), v.Line, v.Column)
		}
		if v.Cell != "" {
			where = fmt.Sprintf(wr.say("（单元格 %s）", " (cell %s)"), termsafe.Escape(v.Cell))
		}
		value := wr.say("（证据中没有此位置）", "(not in the evidence)")
		if v.Found {
			value = escapeLines(readableJSON(v.Value, "      "))
		}
		wr.printf("    %s%s\n      %s\n", v.Pointer, where, value)
	}
}

func (wr *printer) explainInterpretations(list []explain.InterpretationText) {
	if len(list) == 0 {
		return
	}
	wr.printf("  %s\n", wr.say("依据的解释：", "Interpretations used:"))
	for _, it := range list {
		if it.Text != nil {
			wr.printf("    %s %s\n", it.ID, wr.tr(*it.Text))
		} else {
			wr.printf("    %s\n", it.ID)
		}
	}
}

// readableJSON shows a value on one line when short, else indented under prefix.
func readableJSON(v any, prefix string) string {
	data, err := marshalJSON(v, false)
	if err != nil {
		return fmt.Sprint(v)
	}
	if displayWidth(string(data)) <= 100 {
		return string(data)
	}
	data, _ = marshalJSON(v, true)
	return indentRest(string(data), prefix)
}

func indentRest(s, prefix string) string {
	return strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func (wr *printer) explainVetoText(e explain.Explanation) {
	v, doc := e.Veto, e.Clause
	wr.printf("%s %s%s\n", wr.style(v.ID, bold), wr.style(wr.tr(v.Title), bold), wr.say("（一票否决项）", " (veto)"))
	if doc.File != "" {
		wr.printf("  %s%s:%d (%s)\n", wr.label("规则", "Rule"), doc.File, doc.Row, doc.Rule)
	}
	if doc.Clause != nil {
		wr.printf("  %s%s\n", wr.label("条文", "Clause"), wr.tr(*doc.Clause))
	}
	if doc.Description != "" {
		wr.printf("  %s%s\n", wr.label("说明", "Description"), indentRest(doc.Description, "    "))
	}
	if !v.Fired {
		wr.printf("  %s%s\n", wr.label("结果", "Outcome"), wr.style(wr.say("未触发", "did not fire"), green))
		return
	}
	wr.printf("  %s%s\n", wr.label("结果", "Outcome"), wr.style(wr.failing("已触发：无论得分多少均为%s", "fired: level %d whatever the points"), red))
	wr.printf("  %s%s\n", wr.label("理由", "Why"), wr.tr(*v.Reason))
	wr.explainEvidence(e.EvidenceValues)
	wr.explainInterpretations(e.Interpretations)
}

// escapeLines escapes control characters within each line of s, keeping its
// line breaks (the indentation of a multi-line value).
func escapeLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = termsafe.Escape(l)
	}
	return strings.Join(lines, "\n")
}
