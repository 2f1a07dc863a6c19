package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Explanation is one item in depth: the clause as the bundle describes it,
// the item's result, and the evidence values it read.
type Explanation struct {
	Agency          engine.Agency        `json:"agency"`
	Item            engine.Item          `json:"item,omitzero"`
	Veto            *VetoOutcome         `json:"veto,omitzero"`
	Clause          engine.ItemDoc       `json:"clause"`
	EvidenceValues  []EvidenceValue      `json:"evidence_values"`
	Interpretations []InterpretationText `json:"interpretations"`
	Provenance      engine.Provenance    `json:"provenance"`
}

// EvidenceValue is the value at one of the item's evidence pointers.
type EvidenceValue struct {
	Pointer string `json:"pointer"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	Value   any    `json:"value"`
	Found   bool   `json:"found"`
}

// InterpretationText is an interpretation id with its text when the bundle has one.
type InterpretationText struct {
	ID   string     `json:"id"`
	Text *i18n.Text `json:"text,omitzero"`
}

// VetoOutcome says whether a veto fired, and why.
type VetoOutcome struct {
	ID     string     `json:"id"`
	Title  i18n.Text  `json:"title"`
	Fired  bool       `json:"fired"`
	Reason *i18n.Text `json:"reason,omitzero"`
}

// Explain gathers the explanation of item id ("2.6" picks every sub-item
// 2.6.a…e) or of a veto ("V2"); it fails when the bundle has no such item.
func Explain(r *engine.Result, id string, doc *evidence.Document, cat *engine.Catalog) ([]Explanation, error) {
	if e, ok := explainVeto(r, id, doc, cat); ok {
		return []Explanation{e}, nil
	}
	var out []Explanation
	for _, it := range r.Items {
		if it.ID != id && !strings.HasPrefix(it.ID, id+".") {
			continue
		}
		out = append(out, Explanation{
			Agency:          r.Agency,
			Item:            it,
			Clause:          clauseDoc(it, cat),
			EvidenceValues:  evidenceValues(it.Evidence, doc),
			Interpretations: interpretations(it.Interpretations, cat),
			Provenance:      r.Provenance,
		})
	}
	if len(out) == 0 {
		return nil, &UnknownItemError{ID: id, Known: itemIDs(r)}
	}
	return out, nil
}

// explainVeto explains veto id, fired or not, when the result or the bundle knows it.
func explainVeto(r *engine.Result, id string, doc *evidence.Document, cat *engine.Catalog) (Explanation, bool) {
	var rule engine.ItemDoc
	known := false
	if cat != nil {
		rule, known = cat.Vetoes[id]
	}
	e := Explanation{Agency: r.Agency, Clause: rule, Provenance: r.Provenance,
		Veto: &VetoOutcome{ID: id, Title: rule.Title}, EvidenceValues: []EvidenceValue{}, Interpretations: []InterpretationText{}}
	for _, v := range r.Vetoes {
		if v.ID == id {
			return explainFired(e, v, doc, cat, known), true
		}
	}
	for _, m := range r.Misconduct {
		if m.ID == id {
			return explainFired(e, m.Veto, doc, cat, known), true
		}
	}
	return e, known
}

// explainFired fills e with a fired veto (or misconduct finding) v.
func explainFired(e Explanation, v engine.Veto, doc *evidence.Document, cat *engine.Catalog, known bool) Explanation {
	reason := v.Reason
	e.Veto = &VetoOutcome{ID: v.ID, Title: v.Title, Fired: true, Reason: &reason}
	e.EvidenceValues = evidenceValues(v.Evidence, doc)
	e.Interpretations = interpretations(v.Interpretations, cat)
	if v.Source != nil && !known {
		e.Clause = engine.ItemDoc{ID: v.ID, Title: v.Title, File: v.Source.File, Row: v.Source.Row}
	}
	return e
}

// UnknownItemError names an item the result does not have.
type UnknownItemError struct {
	ID    string
	Known string
}

func (e *UnknownItemError) Error() string { return e.Text().EN }

// Text is the error in both languages.
func (e *UnknownItemError) Text() i18n.Text {
	return i18n.Tf("结果中没有条目 %q（已有：%s）", "no item %q in the result (items: %s)", e.ID, e.Known)
}

func itemIDs(r *engine.Result) string {
	ids := make([]string, len(r.Items))
	for i, it := range r.Items {
		ids[i] = it.ID
	}
	return strings.Join(ids, " ")
}

// clauseDoc is the catalog's description of the item, or what the result itself says.
func clauseDoc(it engine.Item, cat *engine.Catalog) engine.ItemDoc {
	if cat != nil {
		if doc, ok := cat.Items[it.ID]; ok {
			return doc
		}
	}
	return engine.ItemDoc{ID: it.ID, Category: it.Category, Title: it.Title, File: it.Source.File, Row: it.Source.Row, Max: it.Max}
}

func evidenceValues(pointers []string, doc *evidence.Document) []EvidenceValue {
	out := make([]EvidenceValue, 0, len(pointers))
	for _, p := range pointers {
		ev := EvidenceValue{Pointer: p}
		if doc != nil {
			ev.Value, ev.Found = resolvePointer(doc.Value, p)
			if pos, ok := doc.ValuePosition(p); ok {
				ev.Line, ev.Column = pos.Line, pos.Column
			}
		}
		out = append(out, ev)
	}
	return out
}

// resolvePointer follows an RFC 6901 JSON Pointer into a decoded document.
func resolvePointer(v any, pointer string) (any, bool) {
	if pointer == "" {
		return v, true
	}
	if !strings.HasPrefix(pointer, "/") {
		return nil, false
	}
	for _, token := range strings.Split(pointer[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[token]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(token)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

func interpretations(ids []string, cat *engine.Catalog) []InterpretationText {
	out := make([]InterpretationText, 0, len(ids))
	for _, id := range ids {
		it := InterpretationText{ID: id}
		if cat != nil {
			if t, ok := cat.Interpretations[id]; ok {
				it.Text = &t
			}
		}
		out = append(out, it)
	}
	return out
}

// Explain writes the explanations of one input, in the Writer's format:
// with several inputs json writes one array element per input.
func (wr *Writer) Explain(exps []Explanation) error {
	defer func() { wr.written++ }()
	switch wr.opts.Format {
	case JSON:
		return wr.writeJSONElement(exps)
	case JSONL:
		return writeJSONLine(wr.w, exps)
	case YAML:
		return wr.writeYAMLDocument(exps)
	}
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
		wr.explainText(e)
	}
	return nil
}

func (wr *Writer) explainText(e Explanation) {
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

func (wr *Writer) explainTiers(doc engine.ItemDoc, applied string) {
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

func (wr *Writer) minimums(min map[string]any) string {
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

func (wr *Writer) explainEvidence(values []EvidenceValue) {
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
		value := wr.say("（证据中没有此位置）", "(not in the evidence)")
		if v.Found {
			value = readableJSON(v.Value, "      ")
		}
		wr.printf("    %s%s\n      %s\n", v.Pointer, where, value)
	}
}

func (wr *Writer) explainInterpretations(list []InterpretationText) {
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

func (wr *Writer) explainVetoText(e Explanation) {
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
	wr.printf("  %s%s\n", wr.label("结果", "Outcome"), wr.style(wr.say("已触发：无论得分多少均为四级", "fired: level 4 whatever the points"), red))
	wr.printf("  %s%s\n", wr.label("理由", "Why"), wr.tr(*v.Reason))
	wr.explainEvidence(e.EvidenceValues)
	wr.explainInterpretations(e.Interpretations)
}
