package model_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// The model read from the embedded bundle's METADATA and data must describe
// every item the decision returns, with the same title, and tiers where it
// has them.
func TestModelDescribesEveryItemOfTheEmbeddedBundle(t *testing.T) {
	e, err := engine.Load(context.Background(), engine.LoadOptions{WithoutTests: true}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := evidence.LoadFile("../../testdata/evidence/valid/example.yaml", evidence.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	r, err := e.Eval(context.Background(), doc.Value, "sha256:"+doc.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	m := e.Model()
	if len(m.Items) != len(r.Items) {
		t.Errorf("model has %d items, the result %d", len(m.Items), len(r.Items))
	}
	for i, it := range r.Items {
		d, ok := m.Item(it.ID)
		switch {
		case !ok:
			t.Errorf("item %s missing from the model", it.ID)
		case m.Items[i].ID != it.ID:
			t.Errorf("item %d: model %s, result %s: not the same clause order", i, m.Items[i].ID, it.ID)
		case d.Title != it.Title || d.Category != it.Category || d.Max != it.Max:
			t.Errorf("item %s: model %+v differs from the result", it.ID, d)
		case !strings.HasSuffix(d.Rule, ".result") || d.Location.Row == 0 || !bilingual(d.Clause):
			t.Errorf("item %s: rule %q row %d clause %+v", it.ID, d.Rule, d.Location.Row, d.Clause)
		case it.Tier != "" && len(d.Tiers) == 0:
			t.Errorf("item %s has tier %s but no tiers in the model", it.ID, it.Tier)
		}
	}
	if v2, ok := m.Veto("V2"); len(m.Vetoes) != 5 || !ok || v2.Rule == nil || v2.Rule.Location.Row == 0 {
		t.Errorf("vetoes: %+v", m.Vetoes)
	}
	if m1, ok := m.Veto("M1"); len(m.Misconduct) != 1 || !ok || m1.Rule == nil || m1.Rule.Location.Row == 0 {
		t.Errorf("misconduct: %+v", m.Misconduct)
	}
	for _, v := range m.Vetoes {
		if v.Rule == nil || !bilingual(v.Rule.Clause) {
			t.Errorf("veto %s: no rule, or its clause lacks zh or en", v.ID)
		}
	}
	var ids []string
	for _, c := range m.Categories {
		ids = append(ids, c.ID)
		if c.Title.ZH == "" || c.DeclaredMax == 0 {
			t.Errorf("category %s: %+v", c.ID, c)
		}
	}
	if strings.Join(ids, " ") != "basic core encouraging" {
		t.Errorf("category order %v", ids)
	}
	if failing, ok := m.Failing(); !ok || failing.Level != 4 || len(m.Graded()) != 3 || m.LevelTitle(1).ZH == "" {
		t.Errorf("levels: %+v", m.Levels)
	}
	if m.StandingOf(3) != model.LowestPass || m.StandingOf(1) != model.Passing || m.StandingOf(4) != model.Failing {
		t.Error("standings of levels 1, 3, 4")
	}
}

// bilingual: a clause text users read in either language.
func bilingual(t i18n.Text) bool { return t.ZH != "" && t.EN != "" }

func TestClauseOrder(t *testing.T) {
	ids := []string{"10.1", "2.5.b", "1.6.a", "2.5.a", "1.6", "2.1", "1.10", "2.5.e", "2.6.a"}
	want := []string{"1.6", "1.6.a", "1.10", "2.1", "2.5.a", "2.5.b", "2.5.e", "2.6.a", "10.1"}
	slices.SortFunc(ids, model.CompareClauseIDs)
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", ids, want)
	}
}
