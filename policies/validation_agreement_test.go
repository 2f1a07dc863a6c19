package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/schemas"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The bundle validates its own input (policies/forerunner/v1/validation). These
// tests hold it to what forerunner reports: the same validity and the same set
// of error codes and JSON Pointers (forerunner adds line:column). forerunner's
// verdict is that of `forerunner validate` and, for evidence it finds valid, the
// policy errors of `forerunner eval` (E-CALENDAR-YEAR: the calendar is bundle data).

// fileLevel are the codes of problems of the file itself (reading, encoding,
// syntax, YAML features, limits): such a file has no JSON value that a decision
// could receive.
var fileLevel = map[string]bool{
	evidence.CodeRead: true, evidence.CodeSize: true, evidence.CodeEmpty: true, evidence.CodeUTF8: true,
	evidence.CodeYAML: true, evidence.CodeJSON: true, evidence.CodeTrailing: true, evidence.CodeDupKey: true,
	evidence.CodeKeyType: true, evidence.CodeDepth: true, evidence.CodeAlias: true, evidence.CodeYAMLTag: true,
	evidence.CodeNumber: true,
}

// decider evaluates the bundle's validate and result decisions the way a
// stock OPA does, with built-in errors raised instead of swallowed, and
// forerunner's own engine as eval runs it.
type decider struct {
	validate, result rego.PreparedEvalQuery
	contract         *jsonschema.Schema // schemas/result.schema.json
	forerunner       *engine.Engine
}

func newDecider(t testing.TB) *decider {
	t.Helper()
	b := readBundle(t)
	prepare := func(query string) rego.PreparedEvalQuery {
		pq, err := rego.New(rego.Query(query), rego.ParsedBundle("forerunner", b),
			rego.SetRegoVersion(ast.RegoV1), rego.StrictBuiltinErrors(true)).PrepareForEval(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return pq
	}
	eng, err := engine.Load(context.Background(), engine.LoadOptions{WithoutTests: true}, engine.Options{InputValidated: true})
	if err != nil {
		t.Fatal(err)
	}
	return &decider{validate: prepare("data.forerunner.v1.validate"), result: prepare(decisionQuery),
		contract: resultContract(t), forerunner: eng}
}

// verdict is what forerunner reports for a document it loaded with diags:
// validate's errors, or for valid evidence the policy errors eval reports
// (it then scores nothing).
func (d *decider) verdict(t *testing.T, value any, diags evidence.Diagnostics) []string {
	t.Helper()
	if diags.HasErrors() {
		return forerunnerErrors(diags)
	}
	result, err := d.forerunner.Eval(context.Background(), value, "")
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, e := range result.Errors {
		out = append(out, e.Code+" "+e.At)
	}
	sort.Strings(out)
	return out
}

// resultContract compiles schemas/result.schema.json with formats asserted.
func resultContract(t testing.TB) *jsonschema.Schema {
	t.Helper()
	raw, err := fs.ReadFile(schemas.FS, "result.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("result.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("result.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// errorsOf returns the "code pointer" pairs of a decision's errors, sorted.
func errorsOf(decision map[string]any) []string {
	list, _ := decision["errors"].([]any)
	out := make([]string, 0, len(list))
	for _, e := range list {
		m, _ := e.(map[string]any)
		out = append(out, fmt.Sprintf("%v %v", m["code"], m["at"]))
	}
	sort.Strings(out)
	return out
}

// forerunnerErrors returns the "code pointer" pairs of the errors forerunner reports, sorted.
func forerunnerErrors(diags evidence.Diagnostics) []string {
	out := []string{}
	for _, d := range diags.Errors() {
		out = append(out, d.Code+" "+d.Pointer)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

func isFileLevel(diags evidence.Diagnostics) bool {
	for _, d := range diags.Errors() {
		if fileLevel[d.Code] {
			return true
		}
	}
	return false
}

// check compares the bundle with forerunner on one decoded document and
// checks that the result decision is the error form, or scored when valid.
func (d *decider) check(t *testing.T, value any, want []string) {
	t.Helper()
	input, err := ast.InterfaceToValue(value)
	if err != nil {
		t.Fatal(err)
	}
	verdict := decide(t, d.validate, input)
	all := errorsOf(verdict)
	if !slices.Equal(all, want) {
		t.Fatalf("the bundle reports %q, forerunner %q", all, want)
	}
	if verdict["valid"] != (len(all) == 0) {
		t.Fatalf("validate says valid=%v with errors %q", verdict["valid"], all)
	}
	result := decide(t, d.result, input)
	if err := d.contract.Validate(asHostWrites(result)); err != nil {
		t.Fatalf("the result breaks schemas/result.schema.json: %v", err)
	}
	if len(all) > 0 {
		expectErrorForm(t, result, all)
	} else if _, ok := result["level"]; !ok {
		t.Fatalf("valid evidence not scored: %v", result["errors"])
	}
}

// asHostWrites adds what the host adds to a decision (the schema describes
// eval's output): the input and the provenance.
func asHostWrites(decision map[string]any) map[string]any {
	digest := "sha256:" + strings.Repeat("0", 64)
	out := map[string]any{
		"input": map[string]any{"path": "-", "digest": digest},
		"provenance": map[string]any{"engine": "forerunner test", "opa": "test", "bundle_revision": "test",
			"bundle_digest": digest, "evidence_digest": digest},
	}
	for k, v := range decision {
		out[k] = v
	}
	return out
}

// expectErrorForm: errors as validate reports them, and nothing scored.
func expectErrorForm(t *testing.T, result map[string]any, want []string) {
	t.Helper()
	for _, scored := range []string{"items", "categories", "total", "vetoes", "level", "next_level"} {
		if _, ok := result[scored]; ok {
			t.Fatalf("invalid evidence got %q in its result", scored)
		}
	}
	if got := errorsOf(result); !slices.Equal(got, want) {
		t.Fatalf("result errors %q, validate errors %q", got, want)
	}
}

// TestBundleValidationAgreesOnInvalidExamples: every invalid example whose
// value forerunner could read gets the same codes and pointers from the bundle,
// and an error form instead of a score. A file-level problem has no value to
// send; what reaches a decision instead is its text, which the bundle rejects
// as a string without reading it as JSON.
func TestBundleValidationAgreesOnInvalidExamples(t *testing.T) {
	d := newDecider(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "evidence", "invalid", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid examples: %v", err)
	}
	valueLevel := 0
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, diags := evidence.LoadFile(file, evidence.Options{MaxErrors: -1})
			want := forerunnerErrors(diags)
			if len(want) == 0 {
				t.Fatal("forerunner accepts an example of invalid evidence")
			}
			if isFileLevel(diags) {
				d.check(t, string(doc.Raw), []string{evidence.CodeType + " "})
				return
			}
			valueLevel++
			d.check(t, doc.Value, want)
		})
	}
	if valueLevel < 10 {
		t.Fatalf("only %d invalid examples have a value to compare", valueLevel)
	}
}

// TestBundleValidationAcceptsValidExamples: what forerunner accepts, the bundle scores.
func TestBundleValidationAcceptsValidExamples(t *testing.T) {
	d := newDecider(t)
	files, err := filepath.Glob(filepath.Join("..", "testdata", "evidence", "valid", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no valid examples: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, diags := evidence.LoadFile(file, evidence.Options{MaxErrors: -1})
			if diags.HasErrors() {
				t.Fatalf("invalid: %v", forerunnerErrors(diags))
			}
			d.check(t, doc.Value, d.verdict(t, doc.Value, diags))
		})
	}
}

// TestBundleValidationAgreesOnMutations breaks the example document in every
// place, one mutation at a time (a member removed, an unknown member added, a
// value of the wrong type, an empty string, an impossible date, a negative or
// fractional number, a date moved before its counterpart or out of range, or into a
// year the holiday calendar lacks), and compares the bundle with forerunner on each.
func TestBundleValidationAgreesOnMutations(t *testing.T) {
	d := newDecider(t)
	doc, diags := evidence.LoadFile(filepath.Join("..", "testdata", "evidence", "valid", "example.yaml"), evidence.Options{})
	if diags.HasErrors() {
		t.Fatal(forerunnerErrors(diags))
	}
	cases := mutations(doc.Value, "")
	if len(cases) < 300 {
		t.Fatalf("only %d mutations", len(cases))
	}
	invalid, calendar := 0, 0
	for _, m := range cases {
		mutated := m.apply(doc.Value)
		raw, err := json.Marshal(mutated)
		if err != nil {
			t.Fatal(err)
		}
		reread, diags := evidence.Load("mutated.json", raw, evidence.Options{MaxErrors: -1})
		t.Run(m.name, func(t *testing.T) {
			want := d.verdict(t, reread.Value, diags)
			if len(want) > 0 {
				invalid++
			}
			if slices.ContainsFunc(want, func(e string) bool { return strings.HasPrefix(e, evidence.CodeCalendarYear+" ") }) {
				calendar++
			}
			d.check(t, reread.Value, want)
		})
	}
	t.Logf("%d mutations, %d of them invalid, %d need a year the calendar lacks", len(cases), invalid, calendar)
	if invalid < len(cases)/2 || calendar == 0 {
		t.Fatalf("%d of %d mutations are invalid, %d need a missing calendar year: the mutations test little", invalid, len(cases), calendar)
	}
}

// mutation replaces (or, with remove, deletes) the value at pointer.
type mutation struct {
	name    string
	pointer []string
	value   any
	remove  bool
}

func (m mutation) apply(doc any) any {
	return rewrite(doc, m.pointer, m)
}

func rewrite(v any, path []string, m mutation) any {
	if len(path) == 0 {
		return m.value
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, child := range x {
			out[k] = child
		}
		if len(path) == 1 && m.remove {
			delete(out, path[0])
			return out
		}
		out[path[0]] = rewrite(x[path[0]], path[1:], m)
		return out
	case []any:
		i, _ := strconv.Atoi(path[0])
		out := slices.Clone(x)
		out[i] = rewrite(x[i], path[1:], m)
		return out
	}
	return v
}

// mutations lists the mutations of every value below v (at pointer at).
func mutations(v any, at string) []mutation {
	var out []mutation
	add := func(kind string, value any, remove bool, path ...string) {
		out = append(out, mutation{name: kind + " " + at, pointer: path, value: value, remove: remove})
	}
	path := splitPointer(at)
	switch x := v.(type) {
	case map[string]any:
		withUnknown := map[string]any{"unknown_member": true}
		for k, child := range x {
			withUnknown[k] = child
		}
		add("unknown member in", withUnknown, false, path...)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			childAt := at + "/" + k
			out = append(out, mutation{name: "remove " + childAt, pointer: append(slices.Clone(path), k), remove: true})
			out = append(out, mutations(x[k], childAt)...)
		}
		add("list instead of object", []any{}, false, path...)
	case []any:
		for i, child := range x {
			out = append(out, mutations(child, at+"/"+strconv.Itoa(i))...)
		}
		add("object instead of list", map[string]any{}, false, path...)
		add("number in list", []any{json.Number("7")}, false, path...)
	case string:
		add("empty string", "", false, path...)
		add("impossible date", "2024-02-30", false, path...)
		add("early date", "1999-01-01", false, path...)
		add("late date", "2099-12-31", false, path...)
		add("date out of range", "1850-06-01", false, path...)
		add("number instead of string", json.Number("2024"), false, path...)
	case json.Number:
		add("negative", json.Number("-1"), false, path...)
		add("fraction", json.Number("1.5"), false, path...)
		add("integral fraction", json.Number(x.String()+".0"), false, path...)
		add("huge", json.Number("100000"), false, path...)
		add("text number", x.String(), false, path...)
	case bool:
		add("yes", "yes", false, path...)
		add("null", nil, false, path...)
	case nil:
		add("date instead of null", "2024-06-01", false, path...)
		add("boolean instead of null", false, false, path...)
	}
	return out
}

func splitPointer(at string) []string {
	if at == "" {
		return nil
	}
	return strings.Split(strings.TrimPrefix(at, "/"), "/")
}
