package engine

import (
	"context"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// The catalog read from the embedded bundle's METADATA must describe every
// item the decision returns, with the same title, and tiers where it has them.
func TestCatalogDescribesEveryItemOfTheEmbeddedBundle(t *testing.T) {
	e, err := Load(context.Background(), LoadOptions{WithoutTests: true}, Options{})
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
	cat := e.Catalog()
	if len(cat.Items) != len(r.Items) {
		t.Errorf("catalog has %d items, the result %d", len(cat.Items), len(r.Items))
	}
	for _, it := range r.Items {
		d, ok := cat.Items[it.ID]
		switch {
		case !ok:
			t.Errorf("item %s missing from the catalog", it.ID)
		case d.Title != it.Title || d.Category != it.Category || d.Max != it.Max:
			t.Errorf("item %s: catalog %+v differs from the result", it.ID, d)
		case !strings.HasSuffix(d.Rule, ".result") || d.Row == 0 || !bilingual(d.Clause):
			t.Errorf("item %s: rule %q row %d clause %+v", it.ID, d.Rule, d.Row, d.Clause)
		case it.Tier != "" && len(d.Tiers) == 0:
			t.Errorf("item %s has tier %s but no tiers in the catalog", it.ID, it.Tier)
		}
	}
	if len(cat.Vetoes) != 6 || cat.Vetoes["V2"].Row == 0 || cat.Vetoes["M1"].Row == 0 {
		t.Errorf("vetoes: %+v", cat.Vetoes)
	}
	for id, v := range cat.Vetoes {
		if !bilingual(v.Clause) {
			t.Errorf("veto %s: clause %+v lacks zh or en", id, v.Clause)
		}
	}
	for _, name := range []string{"basic", "core", "encouraging"} {
		if cat.Categories[name].Title.ZH == "" || cat.Categories[name].DeclaredMax == 0 {
			t.Errorf("category %s: %+v", name, cat.Categories[name])
		}
	}
	if cat.Levels[1].ZH == "" || cat.Levels[4].EN == "" {
		t.Errorf("level titles: %+v", cat.Levels)
	}
	ids := cat.ItemIDs()
	if ids[0] != "1.1" || ids[len(ids)-1] != "3.5" || !ClauseLess("1.6.e", "2.1") || !ClauseLess("2.5.e", "2.6.a") {
		t.Errorf("clause order: %v", ids)
	}
}

// bilingual: a clause text users read in either language.
func bilingual(t *i18n.Text) bool {
	return t != nil && t.ZH != "" && t.EN != ""
}
