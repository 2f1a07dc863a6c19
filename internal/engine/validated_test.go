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

// The grade decision is the validated decision without next_level, on every
// valid example.
func TestGradeDecisionIsTheDecisionWithoutNextLevel(t *testing.T) {
	ctx := context.Background()
	full, err := Load(ctx, LoadOptions{}, Options{InputValidated: true})
	if err != nil {
		t.Fatal(err)
	}
	grade, err := Load(ctx, LoadOptions{}, Options{InputValidated: true, GradeOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := decisionQuery(grade.compiler, Options{InputValidated: true, GradeOnly: true}); got != GradePath {
		t.Fatalf("embedded bundle: query %s, want %s", got, GradePath)
	}
	paths, _ := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	withNextLevel := 0
	for _, p := range paths {
		doc, diags := evidence.LoadFile(p, evidence.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", p, diags)
		}
		a, errA := full.Eval(ctx, doc.Value, "d")
		b, errB := grade.Eval(ctx, doc.Value, "d")
		if errA != nil || errB != nil {
			t.Fatalf("%s: %v / %v", p, errA, errB)
		}
		if a.NextLevel != nil {
			withNextLevel++
		}
		a.NextLevel = nil
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if b.NextLevel != nil || !reflect.DeepEqual(ja, jb) {
			t.Errorf("%s: grade decision differs from the validated one without next_level", p)
		}
	}
	if withNextLevel == 0 {
		t.Fatal("no example has a next level: the comparison proves nothing")
	}
	if got := decisionQuery(loadMini(t, "testdata/mini").compiler, Options{InputValidated: true, GradeOnly: true}); got != DecisionPath {
		t.Errorf("a bundle without the grade decision falls back to %s, got %s", DecisionPath, got)
	}
}
