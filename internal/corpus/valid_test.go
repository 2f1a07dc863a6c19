package corpus_test

import (
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/evidence"
)

// TestGeneratedDocumentsPassValidation loads generated documents through the
// evidence loader: schema and semantic rules, no errors, for every target and
// for the sizes benchmarks use.
func TestGeneratedDocumentsPassValidation(t *testing.T) {
	sizes := []corpus.Size{corpus.Small, corpus.Typical, corpus.Scaled(0), corpus.Scaled(1), corpus.Scaled(100)}
	for _, size := range sizes {
		g := corpus.Generator{Size: size}
		for _, target := range corpus.Targets {
			for i := range 6 {
				doc, _ := g.ForTarget(corpus.Seed(21, i), target)
				assertValid(t, doc, target)
			}
		}
	}
}

func TestMutatedDocumentsPassValidation(t *testing.T) {
	doc := corpus.Generate(3, corpus.Typical)
	doc.AddLedGroupStandard()
	doc.AddInternational("partially_adopted")
	doc.AddModel()
	doc.AddBrandCategory()
	doc.AddLedCategory()
	doc.AddCooperatedCategory()
	doc.AddTraining()
	doc.AddPublication("ranking")
	for _, l := range doc.FindingLists() {
		doc.AddFinding(l.Pointer)
	}
	assertValid(t, doc, "mutated")
}

func assertValid(t *testing.T, doc *corpus.Document, label corpus.Target) {
	t.Helper()
	raw, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	_, diags := evidence.Load("generated.json", raw, evidence.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: generated document invalid: %+v\n%s", label, diags.Errors(), raw)
	}
}
