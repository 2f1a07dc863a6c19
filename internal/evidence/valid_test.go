package evidence

import (
	"path/filepath"
	"testing"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

func TestValidExamplesHaveNoErrors(t *testing.T) {
	files, err := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	if err != nil || len(files) < 10 {
		t.Fatalf("valid examples: %v, %d files", err, len(files))
	}
	for _, file := range files {
		doc, diags := LoadFile(file, Options{})
		if diags.HasErrors() || doc.Value == nil {
			var b []byte
			for _, d := range diags {
				b = append(b, Render(d, doc.Raw, i18n.EN)...)
			}
			t.Errorf("%s: unexpected errors:\n%s", file, b)
		}
		for _, d := range diags.Warnings() {
			t.Logf("%s", Render(d, doc.Raw, i18n.EN))
		}
	}
}
