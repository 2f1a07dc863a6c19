package policies_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown/cache"
)

const decisionQuery = "data.forerunner.v1.result"

// readBundle reads the embedded bundle as the host does: tests left out.
func readBundle(t testing.TB) *bundle.Bundle {
	t.Helper()
	loader, err := bundle.NewFSLoader(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.NewCustomReader(loader.WithFilter(func(abspath string, info fs.FileInfo, _ int) bool {
		return strings.HasSuffix(info.Name(), "_test.rego")
	})).WithRegoVersion(ast.RegoV1).Read()
	if err != nil {
		t.Fatal(err)
	}
	return &b
}

func prepare(t testing.TB, b *bundle.Bundle) rego.PreparedEvalQuery {
	t.Helper()
	return prepareQuery(t, b, decisionQuery)
}

// prepareQuery prepares query over the parsed bundle.
func prepareQuery(t testing.TB, parsed *bundle.Bundle, query string) rego.PreparedEvalQuery {
	t.Helper()
	pq, err := rego.New(rego.Query(query), rego.ParsedBundle("forerunner", parsed), rego.SetRegoVersion(ast.RegoV1)).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return pq
}

// outcome is the part of a decision that expect/valid.json states.
type outcome struct {
	Level       int      `json:"level"`
	Total       int      `json:"total"`
	Basic       int      `json:"basic"`
	Core        int      `json:"core"`
	Encouraging int      `json:"encouraging"`
	Vetoes      []string `json:"vetoes"`
}

// valueCache keeps json.match_schema's compiled evidence schema across
// evaluations, as OPA's server and forerunner's engine do.
var valueCache = cache.NewInterQueryValueCache(context.Background(), nil)

func decide(t testing.TB, pq rego.PreparedEvalQuery, input ast.Value) map[string]any {
	t.Helper()
	rs, err := pq.Eval(context.Background(), rego.EvalParsedInput(input), rego.EvalInterQueryBuiltinValueCache(valueCache))
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		t.Fatalf("decision undefined: %v", rs)
	}
	raw, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		t.Fatal(err)
	}
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func outcomeOf(t testing.TB, d map[string]any) outcome {
	t.Helper()
	if errs, ok := d["errors"]; ok {
		t.Fatalf("decision has errors: %v", errs)
	}
	raw, _ := json.Marshal(map[string]any{
		"level":       d["level"].(map[string]any)["level"],
		"total":       d["total"].(map[string]any)["points"],
		"basic":       categoryPoints(d, "basic"),
		"core":        categoryPoints(d, "core"),
		"encouraging": categoryPoints(d, "encouraging"),
		"vetoes":      vetoIDs(d),
	})
	var o outcome
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func categoryPoints(d map[string]any, name string) any {
	return d["categories"].(map[string]any)[name].(map[string]any)["points"]
}

func vetoIDs(d map[string]any) []string {
	ids := []string{}
	for _, v := range d["vetoes"].([]any) {
		ids = append(ids, v.(map[string]any)["id"].(string))
	}
	return ids
}

func loadEvidence(t testing.TB, path string) ast.Value {
	t.Helper()
	doc, diags := evidence.LoadFile(path, evidence.Options{})
	for _, d := range diags {
		if d.Severity == evidence.SeverityError {
			t.Fatalf("%s: invalid evidence: %+v", path, d)
		}
	}
	v, err := ast.InterfaceToValue(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestValidExamples scores every testdata/evidence/valid example and compares with
// the hand-computed expectations of testdata/evidence/expect/valid.json.
func TestValidExamples(t *testing.T) {
	dir := filepath.Join("..", "testdata", "evidence", "valid")
	raw, err := os.ReadFile(filepath.Join("..", "testdata", "evidence", "expect", "valid.json"))
	if err != nil {
		t.Fatal(err)
	}
	var expect map[string]outcome
	if err := json.Unmarshal(raw, &expect); err != nil {
		t.Fatal(err)
	}
	if len(expect) == 0 {
		t.Fatal("expect/valid.json lists no example")
	}
	pq := prepare(t, readBundle(t))
	names := make([]string, 0, len(expect))
	for name := range expect {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			got := outcomeOf(t, decide(t, pq, loadEvidence(t, filepath.Join(dir, name))))
			if fmt.Sprint(got) != fmt.Sprint(expect[name]) {
				t.Errorf("got %+v, expect/valid.json says %+v", got, expect[name])
			}
		})
	}
}

// TestThresholdIsData: the evidence.md example is level 4 only because core 34 < 35
// (I-9); lowering level 3's core minimum in the bundle data to 34 makes it level 3.
func TestThresholdIsData(t *testing.T) {
	example := loadEvidence(t, filepath.Join("..", "testdata", "evidence", "valid", "example.yaml"))
	b := readBundle(t)
	if got := outcomeOf(t, decide(t, prepare(t, b), example)).Level; got != 4 {
		t.Fatalf("example: level %d, want 4", got)
	}
	setLevelMinimum(t, b, 3, "core", 34)
	if got := outcomeOf(t, decide(t, prepare(t, b), example)).Level; got != 3 {
		t.Fatalf("with level 3 core minimum 34: level %d, want 3", got)
	}
}

func setLevelMinimum(t testing.TB, b *bundle.Bundle, level int, name string, value int) {
	t.Helper()
	config := b.Data["forerunner"].(map[string]any)["v1"].(map[string]any)["config"].(map[string]any)
	for _, l := range config["levels"].([]any) {
		row := l.(map[string]any)
		if fmt.Sprint(row["level"]) == fmt.Sprint(level) {
			row["min"].(map[string]any)[name] = json.Number(fmt.Sprint(value))
			return
		}
	}
	t.Fatalf("no level %d in config", level)
}

// benchSize is the typical evidence of issue 3 (5 listed enterprises, 10 listed
// standards, 120 models), its lists multiplied by factor.
func benchSize(factor int) corpus.Size {
	s := corpus.Typical
	s.Enterprises, s.Standards, s.Models = 5*factor, 10*factor, 120*factor
	return s
}

func benchInput(b *testing.B, size corpus.Size) ast.Value {
	b.Helper()
	doc, _ := corpus.Generator{Size: size}.ForTarget(42, corpus.Level2)
	m, err := doc.Map()
	if err != nil {
		b.Fatal(err)
	}
	v, err := ast.InterfaceToValue(m)
	if err != nil {
		b.Fatal(err)
	}
	return v
}

// cpuTime is the CPU time (user + system) this process has used, in nanoseconds.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkDecision times one evaluation of a prepared decision: typical, 10x, 100x.
func BenchmarkDecision(b *testing.B) {
	pq := prepare(b, readBundle(b))
	for _, factor := range []int{1, 10, 100} {
		input := benchInput(b, benchSize(factor))
		b.Run(fmt.Sprintf("x%d", factor), func(b *testing.B) {
			ctx := context.Background()
			start := cpuTime()
			for b.Loop() {
				if _, err := pq.Eval(ctx, rego.EvalParsedInput(input), rego.EvalInterQueryBuiltinValueCache(valueCache)); err != nil {
					b.Fatal(err)
				}
			}
			// On a shared machine wall time mostly measures waiting for a core; the
			// process CPU time per evaluation is the figure to compare.
			b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
		})
	}
}
