package policies_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/rego"
)

const plansModule = "forerunner/v1/plans.rego"

// withoutPlans is the bundle with plans.rego replaced by a rule that adds nothing to
// next_level: the decision as it was before the plan search.
func withoutPlans(b testing.TB) *bundle.Bundle {
	b.Helper()
	stripped := readBundle(b)
	const stub = "package forerunner.v1\n\nplan_fields := {}\n"
	parsed, err := ast.ParseModuleWithOpts(plansModule, stub, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		b.Fatal(err)
	}
	found := false
	for i, m := range stripped.Modules {
		if strings.HasSuffix(m.Path, plansModule) {
			stripped.Modules[i].Parsed, stripped.Modules[i].Raw = parsed, []byte(stub)
			found = true
		}
	}
	if !found {
		b.Fatalf("bundle has no %s", plansModule)
	}
	return stripped
}

// BenchmarkPlans compares the decision with and without the plan search, side by
// side: each iteration evaluates both, in alternating order, on the same input, so
// that a loaded machine slows both alike. It reports each one's wall time per
// evaluation and the share the plans add.
func BenchmarkPlans(b *testing.B) {
	with, without := prepare(b, readBundle(b)), prepare(b, withoutPlans(b))
	for _, target := range []corpus.Target{corpus.Level2, corpus.Level3, corpus.Level4} {
		doc, _ := corpus.Generator{Size: benchSize(1)}.ForTarget(42, target)
		m, err := doc.Map()
		if err != nil {
			b.Fatal(err)
		}
		input, err := ast.InterfaceToValue(m)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(string(target), func(b *testing.B) {
			var spent [2]time.Duration
			queries := [2]rego.PreparedEvalQuery{with, without}
			n := 0
			for b.Loop() {
				for k := range 2 {
					q := (n + k) % 2 // alternate which one goes first
					start := time.Now()
					if _, err := queries[q].Eval(context.Background(), rego.EvalParsedInput(input)); err != nil {
						b.Fatal(err)
					}
					spent[q] += time.Since(start)
				}
				n++
			}
			b.ReportMetric(float64(spent[0].Nanoseconds())/float64(n), "with-ns/op")
			b.ReportMetric(float64(spent[1].Nanoseconds())/float64(n), "without-ns/op")
			b.ReportMetric(100*(float64(spent[0])/float64(spent[1])-1), "added-%")
		})
	}
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
