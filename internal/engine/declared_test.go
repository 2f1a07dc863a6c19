package engine

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// Attack 2: an edited rule whose reason quoted an optional field was
// undefined for a document without it; the item disappeared and the result
// said "total 73/90", exit 0. Every item the bundle declares must be in the
// result: a missing one is an error naming it, and the document is not scored.
func TestMissingDeclaredItemIsAnError(t *testing.T) {
	e := editedBundle(t, "items/basic/archive.rego",
		`"en": sprintf("archived, retention %d years (at least %d required)", [archive.retention_years, least]),`,
		`"en": sprintf("archived, retention %d years (at least %d required), agency %s", [archive.retention_years, least, input.agency.credit_code]),`)
	doc := exampleWithout(t, e, "credit_code")
	_, err := e.Eval(context.Background(), doc, "sha256:x")
	expectNamed(t, err, "1.4")
}

// Attack 2, vetoes: a veto only appeared when it fired, so a veto rule
// undefined for a document (its reason quoting an absent optional field)
// looked like "did not fire". Every veto rule now gives a verdict, fired or
// not; a veto the bundle lists without one is an error naming it, and the
// document is not scored.
func TestMissingVetoVerdictIsAnError(t *testing.T) {
	e := editedBundle(t, "vetoes/false_information.rego",
		`"en": "false information in a published ranking or leader list"`,
		`"en": sprintf("false information in a published ranking or leader list of agency %s", [input.agency.credit_code])`)
	quiet := exampleWithout(t, e, "credit_code")
	r, err := e.Eval(context.Background(), quiet, "sha256:x")
	if err != nil || strings.Join(r.VetoesChecked, ",") != "V1,V2,V3,V4,V5" || len(r.Vetoes) != 0 {
		t.Fatalf("not fired, nothing undefined: got %v, %+v; want a score with all five vetoes checked", err, r)
	}
	fired := exampleWithout(t, e, "credit_code")
	fired["findings"].(map[string]any)["false_information"] = []any{map[string]any{"date": "2024-05-01", "summary": "x"}}
	_, err = e.Eval(context.Background(), fired, "sha256:x")
	expectNamed(t, err, "V1")
}

// A veto rule without `default fired := false` is undefined whenever it does
// not fire: refused too, naming the veto, rather than read as "not fired".
func TestVetoWithoutVerdictWhenNotFiredIsAnError(t *testing.T) {
	e := editedBundle(t, "vetoes/non_cooperation.rego", "default fired := false\n", "")
	_, err := e.Eval(context.Background(), exampleWithout(t, e, ""), "sha256:x")
	expectNamed(t, err, "V5")
}

// A bundle whose decision predates vetoes_checked is refused with a message
// saying so, not with five unexplained errors.
func TestDecisionWithoutVetoesCheckedIsRefused(t *testing.T) {
	e := editedBundle(t, "result.rego", "\t\"vetoes_checked\": vetoes_checked,\n", "")
	_, err := e.Eval(context.Background(), exampleWithout(t, e, ""), "sha256:x")
	expectNamed(t, err, "vetoes_checked")
}

// editedBundle loads a copy of the embedded bundle with one edit to the file
// at rel (under forerunner/v1), failing the test when the text to replace is gone.
func editedBundle(t *testing.T, rel, old, edited string) *Engine {
	t.Helper()
	dir := copyDir(t, "../../policies")
	path := filepath.Join(dir, "forerunner", "v1", filepath.FromSlash(rel))
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), old) {
		t.Fatalf("%s changed: update the edit this test makes", rel)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(src), old, edited, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := Load(context.Background(), LoadOptions{Path: dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// exampleWithout is the valid example document without the agency field named
// (none when empty).
func exampleWithout(t *testing.T, e *Engine, agencyField string) map[string]any {
	t.Helper()
	doc, diags := evidence.LoadFile("../../testdata/evidence/valid/example.yaml", evidence.Options{Counting: e.Model().Counting})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	value := doc.Value.(map[string]any)
	delete(value["agency"].(map[string]any), agencyField)
	return value
}

// expectNamed wants an engine error naming what in both languages.
func expectNamed(t *testing.T, err error, what string) {
	t.Helper()
	var engineErr *Error
	if !errors.As(err, &engineErr) || !strings.Contains(engineErr.Render("en"), what) || !strings.Contains(engineErr.Render("zh"), what) {
		t.Fatalf("got %v, want an error naming %s in zh and en", err, what)
	}
	if en, zh := engineErr.Render("en"), engineErr.Render("zh"); en == zh {
		t.Errorf("the error is not translated: %s", en)
	}
}
