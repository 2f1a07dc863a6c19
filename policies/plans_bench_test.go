package policies_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/cputime"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/rego"
)

// withoutPlans is the bundle with plans.rego replaced by a stub that adds nothing to
// next_level: the decision as it was before the plan search.
func withoutPlans(b testing.TB) *bundle.Bundle {
	b.Helper()
	stripped := readBundle(b)
	if err := policies.WithoutPlans(stripped); err != nil {
		b.Fatal(err)
	}
	return stripped
}

// BenchmarkPlans compares the decision with and without the plan search, side by
// side: each iteration evaluates both, in alternating order, on the same input, so
// that a loaded machine slows both alike. L2–L4 are one typical document each; mix
// cycles through the bench corpus's default mix, where level 1 has no plans at all. It reports each one's wall time per
// evaluation and the share the plans add, in wall time and in the evaluating thread's
// CPU time (the figure to trust on a loaded machine).
func BenchmarkPlans(b *testing.B) {
	with, without := prepare(b, readBundle(b)), prepare(b, withoutPlans(b))
	cases := map[string][]ast.Value{"mix": mixInputs(b, mixDocs)}
	for _, target := range []corpus.Target{corpus.Level2, corpus.Level3, corpus.Level4} {
		doc, _ := corpus.Generator{Size: benchSize(1)}.ForTarget(42, target)
		cases[string(target)] = []ast.Value{inputOfDoc(b, doc)}
	}
	for _, name := range []string{"L2", "L3", "L4", "mix"} {
		inputs := cases[name]
		b.Run(name, func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			var wall [2]time.Duration
			var cpu [2]int64
			queries := [2]rego.PreparedEvalQuery{with, without}
			n := 0
			for b.Loop() {
				input := inputs[n%len(inputs)]
				for k := range 2 {
					q := (n + k) % 2 // alternate which one goes first
					start, startCPU := time.Now(), cputime.Thread()
					if _, err := queries[q].Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalInterQueryBuiltinValueCache(valueCache)); err != nil {
						b.Fatal(err)
					}
					cpu[q] += cputime.Thread() - startCPU
					wall[q] += time.Since(start)
				}
				n++
			}
			b.ReportMetric(float64(wall[0].Nanoseconds())/float64(n), "with-ns/op")
			b.ReportMetric(float64(wall[1].Nanoseconds())/float64(n), "without-ns/op")
			b.ReportMetric(100*(float64(wall[0])/float64(wall[1])-1), "added-%")
			if cpu[1] > 0 {
				b.ReportMetric(float64(cpu[0])/float64(n), "with-cpu-ns/op")
				b.ReportMetric(float64(cpu[1])/float64(n), "without-cpu-ns/op")
				b.ReportMetric(100*(float64(cpu[0])/float64(cpu[1])-1), "added-cpu-%")
			}
		})
	}
}

// mixDocs: the "mix" case cycles through this many typical documents of the bench
// corpus's default mix of targets (levels 1–4 and each veto).
const mixDocs = 60

func mixInputs(b *testing.B, n int) []ast.Value {
	b.Helper()
	inputs := make([]ast.Value, 0, n)
	for i := range n {
		doc, _ := corpus.Generator{Size: corpus.Typical}.Document(corpus.Seed(7, i))
		inputs = append(inputs, inputOfDoc(b, doc))
	}
	return inputs
}

func inputOfDoc(b *testing.B, doc *corpus.Document) ast.Value {
	b.Helper()
	m, err := doc.Map()
	if err != nil {
		b.Fatal(err)
	}
	input, err := ast.InterfaceToValue(m)
	if err != nil {
		b.Fatal(err)
	}
	return input
}

// TestWithoutPlansStub: the stub really drops the plans (the benchmark would compare
// nothing otherwise) and keeps the rest of the decision.
func TestWithoutPlansStub(t *testing.T) {
	example := loadEvidence(t, "../testdata/evidence/valid/example.yaml")
	full := decide(t, prepare(t, readBundle(t)), example)
	bare := decide(t, prepare(t, withoutPlans(t)), example)
	if _, ok := full["next_level"].(map[string]any)["plans"]; !ok {
		t.Fatal("the full bundle gives no next_level.plans")
	}
	if _, ok := bare["next_level"].(map[string]any)["plans"]; ok {
		t.Fatal("the stub still gives next_level.plans")
	}
	if fmt.Sprint(full["level"]) != fmt.Sprint(bare["level"]) || fmt.Sprint(full["items"]) != fmt.Sprint(bare["items"]) {
		t.Fatal("the stub changed more than the plans")
	}
}
