package policy

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"maps"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/schemas"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// schemaMatcher answers what json.match_schema answers for a value, the way
// the bundle calls it.
type schemaMatcher struct {
	query rego.PreparedEvalQuery
}

func newSchemaMatcher(t *testing.T, schema []byte) *schemaMatcher {
	t.Helper()
	var s any
	if err := json.Unmarshal(schema, &s); err != nil {
		t.Fatal(err)
	}
	value, err := ast.InterfaceToValue(s)
	if err != nil {
		t.Fatal(err)
	}
	// The schema is a constant of the query, as it is of the bundle.
	q, err := rego.New(rego.ParsedQuery(ast.MustParseBodyWithOpts(
		fmt.Sprintf("x := json.match_schema(input, %v)[0]", value), ast.ParserOptions{RegoVersion: ast.RegoV1})),
		rego.StrictBuiltinErrors(true), rego.SetRegoVersion(ast.RegoV1)).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return &schemaMatcher{query: q}
}

func (m *schemaMatcher) valid(t *testing.T, v ast.Value) bool {
	t.Helper()
	rs, err := m.query.Eval(context.Background(), rego.EvalParsedInput(v))
	if err != nil || len(rs) != 1 {
		t.Fatalf("json.match_schema: %v %v", rs, err)
	}
	return rs[0].Bindings["x"] == true
}

func evidenceSchema(t *testing.T) []byte {
	t.Helper()
	schema, err := fs.ReadFile(schemas.FS, "evidence.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// patternJudge answers the bundle's own question, plainly_valid: do the
// evidence patterns accept a value (so that json.match_schema is skipped)?
type patternJudge struct{ query rego.PreparedEvalQuery }

func newPatternJudge(t *testing.T) *patternJudge {
	t.Helper()
	q, err := rego.New(rego.Query("data.forerunner.v1.validation.plainly_valid"),
		rego.ParsedBundle("forerunner", mustLoad(t, "").Bundle.Bundle), rego.StrictBuiltinErrors(true),
		rego.SetRegoVersion(ast.RegoV1)).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return &patternJudge{query: q}
}

func (j *patternJudge) accepts(t *testing.T, v ast.Value) bool {
	t.Helper()
	rs, err := j.query.Eval(context.Background(), rego.EvalParsedInput(v))
	if err != nil {
		t.Fatal(err)
	}
	return len(rs) == 1
}

// TestEvidencePatternAcceptsOnlyValidDocuments: the patterns never accept a
// document json.match_schema refuses (the bundle would then miss its errors):
// the valid examples and generated documents, and every value of the example
// replaced by awkward values (quotes, backslashes, control characters,
// separators inside text, numbers written as 3.0 or 1e2, bounds, impossible
// and leap dates, other types), members removed and added; and they accept
// most valid documents (else the validation gains nothing from them). The
// question is put to the bundle's own rule, as a decision puts it.
func TestEvidencePatternAcceptsOnlyValidDocuments(t *testing.T) {
	matcher, judge := newSchemaMatcher(t, evidenceSchema(t)), newPatternJudge(t)
	docs := validDocuments(t)
	accepted, cases := 0, 0
	check := func(name string, doc any) bool {
		value, err := ast.InterfaceToValue(doc)
		if err != nil {
			t.Fatal(err)
		}
		cases++
		if !judge.accepts(t, value) {
			return false
		}
		if !matcher.valid(t, value) {
			t.Fatalf("%s: the patterns accept a document the schema refuses:\n%v", name, value)
		}
		return true
	}
	for name, doc := range docs {
		if check("="+name, doc) {
			accepted++
		}
	}
	for _, m := range patternMutations(docs["example.yaml"], nil) { // every leaf of the example
		check("example.yaml "+m.name, m.doc)
	}
	t.Logf("%d documents checked; %d of %d valid documents accepted", cases, accepted, len(docs))
	if accepted < len(docs)*9/10 {
		t.Fatalf("the patterns accept only %d of %d valid documents", accepted, len(docs))
	}
}

// TestEvidencePatternsRunInOnePass: each shipped pattern is one Go runs as a
// one-pass matcher (fewer than 1,000 instructions, every choice decided by the
// next character), the speed the patterns are for. A schema edit that breaks
// this only costs time; this test names the member whose pattern to look at.
func TestEvidencePatternsRunInOnePass(t *testing.T) {
	match, ok, err := evidenceMatching(evidenceSchema(t))
	if err != nil || !ok {
		t.Fatalf("no patterns for the evidence schema: %v", err)
	}
	for _, g := range match.groups {
		for _, p := range []string{groupPattern(g), strictDates(groupPattern(g))} {
			field := reflect.ValueOf(regexp.MustCompile(p)).Elem().FieldByName("onepass")
			if !field.IsValid() {
				t.Skip("this Go's regexp keeps no one-pass program where this test looks for it")
			}
			if field.IsNil() {
				t.Errorf("the pattern of %v (%d bytes) is not matched in one pass", g, len(p))
			}
		}
	}
}

// validDocuments: the valid examples and generated documents of every size.
func validDocuments(t *testing.T) map[string]any {
	t.Helper()
	out := map[string]any{}
	files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "evidence", "valid", "*.yaml"))
	for _, file := range files {
		doc, diags := evidence.LoadFile(file, evidence.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: invalid", file)
		}
		out[filepath.Base(file)] = doc.Value
	}
	for _, size := range []corpus.Size{corpus.Small, corpus.Typical} {
		for i := range 20 {
			m, err := corpus.Generate(corpus.Seed(11, i), size).Map()
			if err != nil {
				t.Fatal(err)
			}
			out[fmt.Sprintf("generated %v %d", size, i)] = m
		}
	}
	if len(out) < 30 {
		t.Fatalf("only %d valid documents", len(out))
	}
	return out
}

type patternMutation struct {
	name string
	doc  any
}

var (
	awkwardStrings = []any{"", "a", `"`, `\`, `\"`, "a\"b", "a\\\"b", "\n", "\t", "\x07", "\x7f", "\u2028", "é",
		"中文", "\U000F0000", `a", "b": 1`, "}", "]", `\u0022`, "null", "true", "0", "2024-02-29", "2023-02-29",
		"1900-02-29", "2000-02-29", "2100-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "1899-12-31",
		"2200-01-01", "2199-12-31", "1900-01-01", "2024-1-01", " 2024-01-01", "2024-01-01T00:00:00Z",
		"91110000XXXXXXXXXX", "91110000XXXXXXXXXI", "91110000XXXXXXXXX", "lead", "Lead", "ranking "}
	awkwardNumbers = []any{json.Number("0"), json.Number("1"), json.Number("-1"), json.Number("1.0"), json.Number("1e2"),
		json.Number("2147483647"), json.Number("2147483648"), json.Number("999999999"), json.Number("1000000000"),
		json.Number("0.5"), json.Number("-0"), json.Number("1899"), json.Number("1900"), json.Number("9999"),
		json.Number("10000"), json.Number("01")}
	awkwardOthers = []any{nil, true, false, []any{}, map[string]any{}, []any{"x"}, []any{json.Number("1")}}
)

// patternMutations replaces every value below v in turn.
func patternMutations(v any, path []string) []patternMutation {
	var out []patternMutation
	at := func(what string) string { return fmt.Sprintf("%s /%s", what, joinPath(path)) }
	replace := func(with any) { out = append(out, patternMutation{at(fmt.Sprintf("%q", fmt.Sprint(with))), with}) }
	awkward := awkwardOthers
	switch v.(type) {
	case string:
		awkward = slices.Concat(awkwardStrings, awkwardNumbers[:4], awkwardOthers)
	case json.Number, bool:
		awkward = slices.Concat(awkwardStrings[:8], awkwardNumbers, awkwardOthers)
	}
	for _, with := range awkward {
		replace(with)
	}
	if text, err := ast.InterfaceToValue(v); err == nil { // a string that reads like the value
		replace(text.String())
	}
	switch x := v.(type) {
	case map[string]any:
		withUnknown := clone(x)
		withUnknown["unknown"] = "x"
		out = append(out, patternMutation{at("unknown member"), withUnknown})
		for _, k := range slices.Sorted(maps.Keys(x)) {
			without := clone(x)
			delete(without, k)
			out = append(out, patternMutation{at("without " + k), without})
			for _, m := range patternMutations(x[k], append(slices.Clone(path), k)) {
				with := clone(x)
				with[k] = m.doc
				out = append(out, patternMutation{m.name, with})
			}
		}
	case []any:
		for i, item := range x {
			for _, m := range patternMutations(item, append(slices.Clone(path), fmt.Sprint(i))) {
				with := slices.Clone(x)
				with[i] = m.doc
				out = append(out, patternMutation{m.name, with})
			}
		}
	}
	return out
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

func joinPath(path []string) string {
	out := ""
	for i, p := range path {
		if i > 0 {
			out += "/"
		}
		out += p
	}
	return out
}
