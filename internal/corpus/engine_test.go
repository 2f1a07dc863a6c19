package corpus_test

import (
	"context"
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
)

// TestPolicyScoresWhatThePlanMeant scores generated documents with the
// embedded bundle and compares every item, the vetoes and the level with
// the plan the generator built them to (criteria.md read independently of
// the policy): a disagreement is a bug on one side or the other.
func TestPolicyScoresWhatThePlanMeant(t *testing.T) {
	eng, err := engine.Load(context.Background(), engine.LoadOptions{}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []corpus.Size{corpus.Small, corpus.Typical} {
		g := corpus.Generator{Size: size}
		for _, target := range corpus.Targets {
			for i := range 8 {
				doc, plan := g.ForTarget(corpus.Seed(31, i), target)
				compareWithPlan(t, eng, doc, plan)
			}
		}
	}
}

func compareWithPlan(t *testing.T, eng *engine.Engine, doc *corpus.Document, plan corpus.Plan) {
	t.Helper()
	raw, err := doc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	loaded, diags := evidence.Load("generated.json", raw, evidence.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: invalid: %+v", plan.Target, diags.Errors())
	}
	res, err := eng.Eval(context.Background(), loaded.Value, "sha256:"+loaded.SHA256)
	if err != nil {
		t.Fatalf("%s: %v", plan.Target, err)
	}
	if !res.Scored() {
		t.Fatalf("%s: not scored: %+v\n%s", plan.Target, res.Errors, raw)
	}
	for _, item := range res.Items {
		if want := plan.Points[item.ID]; item.Points != want {
			t.Errorf("%s: item %s scored %d, plan %d (reason: %s)", plan.Target, item.ID, item.Points, want, item.Reason.EN)
		}
	}
	var vetoes []string
	for _, v := range res.Vetoes {
		vetoes = append(vetoes, v.ID)
	}
	if !equal(vetoes, plan.Vetoes) || res.Level.Level != plan.Level {
		t.Errorf("%s: level %d vetoes %v, plan level %d vetoes %v", plan.Target, res.Level.Level, vetoes, plan.Level, plan.Vetoes)
	}
	if len(res.Items) != len(corpus.ItemIDs()) {
		t.Errorf("%s: %d items scored, want %d", plan.Target, len(res.Items), len(corpus.ItemIDs()))
	}
	if t.Failed() {
		t.Fatalf("document:\n%s", raw)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
