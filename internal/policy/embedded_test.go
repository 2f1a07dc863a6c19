package policy

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/schemas"
)

// The default bundle must check clean apart from the I-1 warning: the
// encouraging category attains 25 of its declared 30.
func TestEmbeddedBundleChecksWithOnlyTheI1Warning(t *testing.T) {
	schema, err := schemas.FS.ReadFile("evidence.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	findings, err := Check(mustLoad(t, ""), schema)
	if err != nil {
		t.Fatal(err)
	}
	notes := 0
	for len(findings) > 1 && findings[len(findings)-1].Severity == SevNote {
		notes++
		findings = findings[:len(findings)-1]
	}
	if len(findings) != 1 || notes != 3 {
		t.Fatalf("findings %+v and %d notes, want only the I-1 warning and the 3 never-binding totals", findings, notes)
	}
	f := findings[0]
	if f.Code != CodeCategoryMax || f.Severity != SevWarning || f.At != "config.categories.encouraging" {
		t.Fatalf("finding %+v", f)
	}
	for _, want := range []string{"sum to 25", "declared max is 30", "I-1"} {
		if !strings.Contains(f.Message.EN, want) {
			t.Errorf("%q lacks %q", f.Message.EN, want)
		}
	}
}

func TestEmbeddedBundleCatalogCoversEveryClause(t *testing.T) {
	cat, err := mustLoad(t, "").Model()
	if err != nil {
		t.Fatal(err)
	}
	if len(cat.Items) != 29 || cat.Items[0].ID != "1.1" || cat.Items[28].ID != "3.5" {
		t.Fatalf("%d items, first %s", len(cat.Items), cat.Items[0].ID)
	}
	for _, v := range cat.Vetoes {
		if v.Rule == nil {
			t.Errorf("veto %s has no rule", v.ID)
		}
	}
}

func TestEmbeddedBundleTestsPass(t *testing.T) {
	summary, err := Test(context.Background(), mustLoad(t, ""), TestOptions{}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if !summary.OK() {
		t.Fatalf("%+v", summary)
	}
}
