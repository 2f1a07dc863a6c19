package engine

import (
	"context"
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// The validated decision skips only the bundle's own input validation: on
// every valid example it gives exactly the full decision's result.
func TestValidatedDecisionEqualsFullDecision(t *testing.T) {
	ctx := context.Background()
	full, err := Load(ctx, LoadOptions{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	validated, err := Load(ctx, LoadOptions{}, Options{InputValidated: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := decisionQuery(validated.compiler, Options{InputValidated: true}); got != ValidatedDecisionPath {
		t.Fatalf("embedded bundle: query %s, want %s", got, ValidatedDecisionPath)
	}
	paths, _ := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	if len(paths) == 0 {
		t.Fatal("no valid examples found")
	}
	for _, p := range paths {
		doc, diags := evidence.LoadFile(p, evidence.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", p, diags)
		}
		a, errA := full.Eval(ctx, doc.Value, "d")
		b, errB := validated.Eval(ctx, doc.Value, "d")
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v / %v", p, errA, errB)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !reflect.DeepEqual(ja, jb) {
			t.Errorf("%s: validated decision differs from the full one", p)
		}
	}
}

// A bundle without the validated decision (exported before it existed) is
// still served, through the full decision.
func TestValidatedDecisionFallsBack(t *testing.T) {
	e := loadMini(t, "testdata/mini")
	if got := decisionQuery(e.compiler, Options{InputValidated: true}); got != DecisionPath {
		t.Fatalf("query %s, want %s", got, DecisionPath)
	}
}
