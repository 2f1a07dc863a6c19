package htmlreport

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

const validDir = "../../../testdata/evidence/valid"

var (
	engineOnce sync.Once
	testEngine *engine.Engine
	engineErr  error
)

func loadEngine(t testing.TB) *engine.Engine {
	t.Helper()
	engineOnce.Do(func() {
		testEngine, engineErr = engine.Load(context.Background(), engine.LoadOptions{WithoutTests: true}, engine.Options{})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return testEngine
}

// evaluate scores evidence files with the embedded bundle.
func evaluate(t testing.TB, paths ...string) []*engine.Result {
	t.Helper()
	e := loadEngine(t)
	var out []*engine.Result
	for _, p := range paths {
		doc, diags := evidence.LoadFile(p, evidence.Options{})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", p, diags)
		}
		r, err := e.Eval(context.Background(), doc.Value, "sha256:"+doc.SHA256)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, r)
	}
	return out
}

func validFiles(t testing.TB) []string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(validDir, "*.yaml"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no example evidence in %s: %v", validDir, err)
	}
	return paths
}

// testModel is the bundle model of the embedded bundle.
func testModel(t testing.TB) *model.Model {
	t.Helper()
	return loadEngine(t).Model()
}

// render writes the page of results.
func render(t testing.TB, lang i18n.Lang, several bool, results ...*engine.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := New(&buf, Options{Lang: lang, Model: testModel(t), Several: several, Generator: "forerunner test"})
	for _, r := range results {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
