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
	dir := copyDir(t, "../../policies")
	rule := filepath.Join(dir, "forerunner", "v1", "items", "basic", "archive.rego")
	src, err := os.ReadFile(rule)
	if err != nil {
		t.Fatal(err)
	}
	old := `"en": sprintf("archived, retention %d years (at least %d required)", [archive.retention_years, least]),`
	edited := `"en": sprintf("archived, retention %d years (at least %d required), agency %s", [archive.retention_years, least, input.agency.credit_code]),`
	if !strings.Contains(string(src), old) {
		t.Fatal("archive.rego changed: update the edit this test makes")
	}
	if err := os.WriteFile(rule, []byte(strings.Replace(string(src), old, edited, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := Load(context.Background(), LoadOptions{Path: dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, diags := evidence.LoadFile("../../testdata/evidence/valid/example.yaml", evidence.Options{Counting: e.Model().Counting})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	delete(doc.Value.(map[string]any)["agency"].(map[string]any), "credit_code")
	_, err = e.Eval(context.Background(), doc.Value, "sha256:"+doc.SHA256)
	var engineErr *Error
	if !errors.As(err, &engineErr) || !strings.Contains(engineErr.Render("en"), "1.4") || !strings.Contains(engineErr.Render("zh"), "1.4") {
		t.Fatalf("got %v, want an error naming item 1.4", err)
	}
}
