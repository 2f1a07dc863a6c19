// Package explain gathers what is needed to explain one item or veto of a
// result in depth: the clause as the bundle's model describes it, the item's
// result, the evidence values it read (with their positions) and the texts of
// the interpretations it used. Rendering is the report package's job.
package explain

import (
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// Explanation is one item in depth: the clause as the bundle describes it,
// the item's result, and the evidence values it read.
type Explanation struct {
	Agency          engine.Agency        `json:"agency"`
	Item            engine.Item          `json:"item,omitzero"`
	Veto            *VetoOutcome         `json:"veto,omitzero"`
	Clause          Clause               `json:"clause"`
	EvidenceValues  []EvidenceValue      `json:"evidence_values"`
	Interpretations []InterpretationText `json:"interpretations"`
	Provenance      engine.Provenance    `json:"provenance"`
}

// EvidenceValue is the value at one of the item's evidence pointers.
type EvidenceValue struct {
	Pointer string `json:"pointer"`
	Line    int    `json:"line,omitempty"`
	Column  int    `json:"column,omitempty"`
	// Cell is the place in a workbook (入围企业!C7) when the evidence is one.
	Cell  string `json:"cell,omitempty"`
	Value any    `json:"value"`
	Found bool   `json:"found"`
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

// Clause is the bundle's description of the item or veto explained.
type Clause struct {
	ID          string         `json:"id"`
	Category    string         `json:"category,omitempty"`
	Title       i18n.Text      `json:"title"`
	Description string         `json:"description,omitempty"`
	Clause      *i18n.Text     `json:"clause,omitzero"`
	Rule        string         `json:"rule"`
	File        string         `json:"file"`
	Row         int            `json:"row"`
	Max         int            `json:"max"`
	Tiers       []model.Tier   `json:"tiers,omitzero"`
	Custom      map[string]any `json:"custom,omitzero"`
}

// clauseOf describes a rule of the model.
func clauseOf(it model.Item) Clause {
	c := Clause{ID: it.ID, Category: it.Category, Title: it.Title, Description: it.Description,
		Rule: it.Rule, File: it.Location.File, Row: it.Location.Row, Max: it.Max, Tiers: it.Tiers, Custom: it.Custom}
	if it.Clause != (i18n.Text{}) {
		text := it.Clause
		c.Clause = &text
	}
	return c
}

// Gather explains item id of r ("2.6" picks every sub-item 2.6.a…e) or a
// veto ("V2"); it fails when the bundle has no such item.
func Gather(r *engine.Result, id string, doc *evidence.Document, m *model.Model) ([]Explanation, error) {
	if m == nil {
		m = &model.Model{}
	}
	if e, ok := explainVeto(r, id, doc, m); ok {
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
			Clause:          clauseDoc(it, m),
			EvidenceValues:  evidenceValues(it.Evidence, doc),
			Interpretations: interpretations(it.Interpretations, m),
			Provenance:      r.Provenance,
		})
	}
	if len(out) == 0 {
		return nil, &UnknownItemError{ID: id, Known: itemIDs(r)}
	}
	return out, nil
}

// explainVeto explains veto id, fired or not, when the result or the bundle knows it.
func explainVeto(r *engine.Result, id string, doc *evidence.Document, m *model.Model) (Explanation, bool) {
	var rule Clause
	veto, known := m.Veto(id)
	if known && veto.Rule != nil {
		rule = clauseOf(*veto.Rule)
	} else if known {
		rule = Clause{ID: id, Title: veto.Title}
	}
	e := Explanation{Agency: r.Agency, Clause: rule, Provenance: r.Provenance,
		Veto: &VetoOutcome{ID: id, Title: rule.Title}, EvidenceValues: []EvidenceValue{}, Interpretations: []InterpretationText{}}
	for _, v := range r.Vetoes {
		if v.ID == id {
			return explainFired(e, v, doc, m, known), true
		}
	}
	for _, mc := range r.Misconduct {
		if mc.ID == id {
			return explainFired(e, mc.Veto, doc, m, known), true
		}
	}
	return e, known
}

// explainFired fills e with a fired veto (or misconduct finding) v.
func explainFired(e Explanation, v engine.Veto, doc *evidence.Document, m *model.Model, known bool) Explanation {
	reason := v.Reason
	e.Veto = &VetoOutcome{ID: v.ID, Title: v.Title, Fired: true, Reason: &reason}
	e.EvidenceValues = evidenceValues(v.Evidence, doc)
	e.Interpretations = interpretations(v.Interpretations, m)
	if v.Source != nil && !known {
		e.Clause = Clause{ID: v.ID, Title: v.Title, File: v.Source.File, Row: v.Source.Row}
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

// clauseDoc is the model's description of the item, or what the result itself says.
func clauseDoc(it engine.Item, m *model.Model) Clause {
	if doc, ok := m.Item(it.ID); ok {
		return clauseOf(doc)
	}
	return Clause{ID: it.ID, Category: it.Category, Title: it.Title, File: it.Source.File, Row: it.Source.Row, Max: it.Max}
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
			ev.Cell = doc.Cell(p)
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

func interpretations(ids []string, m *model.Model) []InterpretationText {
	out := make([]InterpretationText, 0, len(ids))
	for _, id := range ids {
		it := InterpretationText{ID: id}
		if t, ok := m.Interpretations[id]; ok {
			it.Text = &t
		}
		out = append(out, it)
	}
	return out
}
