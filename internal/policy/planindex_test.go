package policy

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
)

// planIndexCheck runs the plan index check on src as Check does.
func planIndexCheck(t *testing.T, src *Source) []Finding {
	t.Helper()
	compiler, err := engine.Compile(src.Bundle, engine.CompileOptions{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := src.Model()
	if err != nil {
		t.Fatal(err)
	}
	return planIndexFindings(src, compiler, m)
}

// The shipped index is exactly what --fix writes, byte for byte.
func TestEmbeddedPlanIndexIsCurrent(t *testing.T) {
	src := mustLoad(t, "")
	if f := planIndexCheck(t, src); len(f) != 0 {
		t.Fatalf("embedded bundle: %v", f)
	}
	derived, ok, err := engine.DerivePlanIndex(context.Background(), src.Bundle)
	if !ok || err != nil {
		t.Fatalf("derive: %v, %v", ok, err)
	}
	want, err := engine.PlanIndexJSON(derived)
	if err != nil {
		t.Fatal(err)
	}
	if got := src.Files[engine.PlanIndexFile]; !bytes.Equal(got, want) {
		t.Fatalf("%s is not as --fix writes it (run forerunner policy check --fix --bundle policies)", engine.PlanIndexFile)
	}
}

// Changed points without a rewritten index are reported; --fix's rewrite
// makes the check pass again.
func TestEditedPointsMakeThePlanIndexStaleUntilFixed(t *testing.T) {
	src := mustLoad(t, "")
	lookupObject(src.Data, "forerunner", "v1", "config", "items", "1.3")["max"] = json.Number("6")
	f := planIndexCheck(t, src)
	if len(f) != 1 || f[0].Code != CodePlanIndex || f[0].At != engine.PlanIndexFile {
		t.Fatalf("want one %s finding, got %v", CodePlanIndex, f)
	}
	dir := t.TempDir()
	path, err := UpdatePlanIndex(dir, src)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil || path != filepath.Join(dir, filepath.FromSlash(engine.PlanIndexFile)) {
		t.Fatalf("%s: %v", path, err)
	}
	var stored any
	if err := json.Unmarshal(raw, &stored); err != nil {
		t.Fatal(err)
	}
	lookupObject(src.Data, "forerunner", "v1")["plan_index"] = stored
	if f := planIndexCheck(t, src); len(f) != 0 {
		t.Fatalf("after the rewrite: %v", f)
	}
	if again, err := UpdatePlanIndex(dir, src); err != nil || again != "" {
		t.Fatalf("an up-to-date index was rewritten: %q, %v", again, err)
	}
}
