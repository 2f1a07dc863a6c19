package batch

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// The batch's first pass against the scoring pass's load of the same inputs:
// run both in one process, interleaved (go test -bench 'Pass' -count 5), and
// compare. Nothing here is consecutive, so only the parse-only pass runs.
func benchInputs(b *testing.B) []string {
	paths, err := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	if err != nil || len(paths) == 0 {
		b.Fatal("no inputs")
	}
	return paths
}

func BenchmarkPassBatchPlan(b *testing.B) {
	paths := benchInputs(b)
	noCarry := func(context.Context, any) (map[string]any, error) { return nil, nil }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prepare(context.Background(), paths, 1, evidence.Options{}, noCarry); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPassLoadAndValidate(b *testing.B) {
	paths := benchInputs(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range paths {
			evidence.LoadFile(p, evidence.Options{})
		}
	}
}
