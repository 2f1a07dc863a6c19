package workbook

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// validExamples lists every valid evidence example of the repository.
func validExamples(t testing.TB) []string {
	paths, err := filepath.Glob("../../testdata/evidence/valid/*")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no valid examples: %v", err)
	}
	return paths
}

func loadValue(t testing.TB, path string) any {
	t.Helper()
	doc, diags := evidence.LoadFile(path, evidence.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	return doc.Value
}

func canonical(t testing.TB, v any) string {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestRoundTrip writes every valid example as a workbook in both languages,
// reads it back through the evidence loader and wants the same value, valid.
func TestRoundTrip(t *testing.T) {
	for _, path := range validExamples(t) {
		want := loadValue(t, path)
		for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
			t.Run(filepath.Base(path)+"/"+string(lang), func(t *testing.T) {
				var buf bytes.Buffer
				if err := WriteEvidence(&buf, want, Options{Lang: lang}); err != nil {
					t.Fatal(err)
				}
				doc, diags := evidence.Load("book.xlsx", buf.Bytes(), evidence.Options{})
				if diags.HasErrors() {
					for _, d := range diags {
						t.Errorf("%s %s %s %s", d.Code, d.Cell, d.Pointer, d.Message.EN)
					}
					return
				}
				if got, w := canonical(t, doc.Value), canonical(t, want); got != w {
					t.Errorf("round trip changed the value:\n got %s\nwant %s", got, w)
				}
			})
		}
	}
}

// TestConvertFormats writes every valid example as YAML and as JSON (the
// other half of `convert`) and reads the same value back.
func TestConvertFormats(t *testing.T) {
	for _, path := range validExamples(t) {
		want := loadValue(t, path)
		for _, format := range []Format{FormatYAML, FormatJSON} {
			var buf bytes.Buffer
			if err := WriteDocument(&buf, want, format, Options{}); err != nil {
				t.Fatal(err)
			}
			doc, diags := evidence.Load("out."+string(format), buf.Bytes(), evidence.Options{})
			if diags.HasErrors() {
				t.Fatalf("%s as %s: %v\n%s", path, format, diags, buf.String())
			}
			if got, w := canonical(t, doc.Value), canonical(t, want); got != w {
				t.Errorf("%s as %s changed:\n got %s\nwant %s", path, format, got, w)
			}
		}
	}
}
