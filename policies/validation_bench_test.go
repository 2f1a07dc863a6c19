package policies_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/cputime"
	"github.com/open-policy-agent/opa/v1/rego"
)

// BenchmarkValidation is what the bundle's own validation of its input adds
// to a typical decision (issue 15, goal ≤ 15 %), side by side in one process:
// for each document of the bench corpus's default mix, a fresh input (as a
// server parses each request) is evaluated by data.forerunner.v1.result
// (validation, then the scoring), by result_of_validated_input (the same
// decision without the validation, what forerunner queries after validating
// in Go) and by data.forerunner.v1.validate alone, in turns that rotate which
// goes first. It reports the evaluating thread's CPU time of each (steady on
// a loaded machine, unlike wall time) and the share the validation adds. The
// validation's expressions are cached by OPA across evaluations, as a server
// caches them.
func BenchmarkValidation(b *testing.B) {
	bundle := readBundle(b)
	queries := []rego.PreparedEvalQuery{
		prepareQuery(b, bundle, "data.forerunner.v1.result"),
		prepareQuery(b, bundle, "data.forerunner.v1.result_of_validated_input"),
		prepareQuery(b, bundle, "data.forerunner.v1.validate"),
	}
	docs := make([]*corpus.Document, mixDocs)
	for i := range docs {
		docs[i], _ = corpus.Generator{Size: corpus.Typical}.Document(corpus.Seed(7, i))
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var cpu [3]int64
	n := 0
	for b.Loop() {
		for k := range queries {
			q := (n + k) % len(queries)
			b.StopTimer()
			input := inputOfDoc(b, docs[n%len(docs)])
			b.StartTimer()
			start := cputime.Thread()
			if _, err := queries[q].Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalInterQueryBuiltinValueCache(valueCache)); err != nil {
				b.Fatal(err)
			}
			cpu[q] += cputime.Thread() - start
		}
		n++
	}
	b.ReportMetric(float64(cpu[0])/float64(n), "with-cpu-ns/op")
	b.ReportMetric(float64(cpu[1])/float64(n), "without-cpu-ns/op")
	b.ReportMetric(float64(cpu[2])/float64(n), "validate-cpu-ns/op")
	if cpu[1] > 0 {
		b.ReportMetric(100*(float64(cpu[0])/float64(cpu[1])-1), "added-cpu-%")
	}
}
