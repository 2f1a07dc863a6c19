package engine

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/open-policy-agent/opa/v1/ast"
)

// roundTrip is the former decoder (a JSON round trip), kept as the reference.
func roundTrip(decision any) (*Result, error) {
	raw, err := json.Marshal(decision)
	if err != nil {
		return nil, err
	}
	var r Result
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	if r.Warnings == nil {
		r.Warnings = []Warning{}
	}
	if r.Scored() && r.Vetoes == nil {
		r.Vetoes = []Veto{}
	}
	if r.Scored() && r.Misconduct == nil {
		r.Misconduct = []Misconduct{}
	}
	return &r, nil
}

func sameAsRoundTrip(t *testing.T, name string, decision any) {
	t.Helper()
	want, wantErr := roundTrip(decision)
	got, gotErr := decodeResult(decision)
	if (wantErr == nil) != (gotErr == nil) {
		t.Fatalf("%s: error %v, the JSON round trip gave %v", name, gotErr, wantErr)
	}
	var engineErr *Error
	if gotErr != nil && (!errors.As(gotErr, &engineErr) || engineErr.Code != CodeDecode) {
		t.Fatalf("%s: error %v is not a %s", name, gotErr, CodeDecode)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: decoded\n%+v\nthe JSON round trip gave\n%+v", name, got, want)
	}
}

func decisionOf(t *testing.T, e *Engine, path string) map[string]any {
	t.Helper()
	doc, diags := evidence.LoadFile(path, evidence.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	value, err := ast.InterfaceToValue(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	decision, err := e.evalValue(context.Background(), value)
	if err != nil {
		t.Fatal(err)
	}
	return decision.(map[string]any)
}

func TestDecodeMatchesJSONRoundTripOnShippedExamples(t *testing.T) {
	e, err := Load(context.Background(), LoadOptions{WithoutTests: true}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	if len(paths) == 0 {
		t.Fatal("no examples")
	}
	for _, p := range paths {
		sameAsRoundTrip(t, p, decisionOf(t, e, p))
	}
}

func TestDecodeMatchesJSONRoundTripOnOddShapes(t *testing.T) {
	item := func(k string, v any) map[string]any {
		return map[string]any{"id": "1.1", "points": json.Number("2"), "evidence": []any{}, k: v}
	}
	cases := map[string]any{
		"null":                 nil,
		"not an object":        []any{},
		"empty":                map[string]any{},
		"unknown keys ignored": map[string]any{"schema_version": json.Number("1"), "extra": "x"},
		"null fields":          map[string]any{"items": nil, "total": nil, "level": nil, "warnings": nil, "vetoes": nil},
		"empty arrays":         map[string]any{"items": []any{}, "vetoes": []any{}, "warnings": []any{}, "errors": []any{}},
		"typed nil array":      map[string]any{"items": []any(nil), "categories": map[string]any(nil)},
		"null elements":        map[string]any{"items": []any{nil, item("evidence", []any{nil, "a"})}},
		"fractional int":       map[string]any{"items": []any{item("max", json.Number("2.5"))}},
		"exponent int":         map[string]any{"schema_version": json.Number("1e2")},
		"float int":            map[string]any{"schema_version": 3.0},
		"string for int":       map[string]any{"schema_version": "1"},
		"number for string":    map[string]any{"agency": map[string]any{"id": json.Number("1")}},
		"string for object":    map[string]any{"level": "4"},
		"object for array":     map[string]any{"items": map[string]any{}},
		"bool":                 map[string]any{"next_level": map[string]any{"blocked_by_vetoes": true, "shortfall": map[string]any{"total": json.Number("3")}, "options": []any{}}},
		"bool mismatch":        map[string]any{"next_level": map[string]any{"blocked_by_vetoes": "yes"}},
		"veto source":          map[string]any{"vetoes": []any{map[string]any{"id": "V1", "source": map[string]any{"file": "f", "row": json.Number("3")}}, map[string]any{"id": "V2"}}},
		"misconduct list":      map[string]any{"misconduct": []any{map[string]any{"id": "M1", "barred_years": []any{json.Number("2025"), json.Number("2026")}, "consequence": map[string]any{"zh": "z", "en": "e"}}}},
		"misconduct bad year":  map[string]any{"misconduct": []any{map[string]any{"id": "M1", "barred_years": []any{"2025"}}}},
		"misconduct":           map[string]any{"level": map[string]any{"level": json.Number("4"), "reasons": []any{map[string]any{"zh": "z", "en": "e"}}, "misconduct_consequence": map[string]any{"zh": "z"}}},
		"errors only":          map[string]any{"errors": []any{map[string]any{"code": "c", "zh": "z", "en": "e", "at": "/x"}}},
		"categories":           map[string]any{"categories": map[string]any{"core": map[string]any{"points": json.Number("1"), "max": json.Number("2"), "declared_max": json.Number("3")}, "basic": nil}},
		"invalid utf-8":        map[string]any{"agency": map[string]any{"name": "a\xffb\xc3"}},
	}
	for name, decision := range cases {
		sameAsRoundTrip(t, name, decision)
	}
}
