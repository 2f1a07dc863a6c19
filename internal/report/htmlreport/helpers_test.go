package htmlreport

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/policies"
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
func testModel(t testing.TB) *Model {
	t.Helper()
	raw, err := policies.FS.ReadFile("forerunner/v1/config/data.json")
	if err != nil {
		t.Fatal(err)
	}
	var config struct {
		Categories map[string]struct {
			Title       i18n.Text `json:"title"`
			DeclaredMax int       `json:"declared_max"`
		} `json:"categories"`
		Total struct {
			Title i18n.Text `json:"title"`
		} `json:"total"`
		Levels []struct {
			Level int            `json:"level"`
			Title i18n.Text      `json:"title"`
			Min   map[string]int `json:"min"`
			Below map[string]int `json:"below"`
		} `json:"levels"`
		Vetoes []struct {
			ID string `json:"id"`
		} `json:"vetoes"`
		Interpretations map[string]i18n.Text `json:"interpretations"`
	}
	if err := json.Unmarshal(raw, &config); err != nil {
		t.Fatal(err)
	}
	cat := loadEngine(t).Model()
	m := &Model{TotalTitle: config.Total.Title, Interpretations: config.Interpretations, ItemTitles: map[string]i18n.Text{}}
	for _, id := range []string{"basic", "core", "encouraging"} {
		c := config.Categories[id]
		m.Categories = append(m.Categories, Category{ID: id, Title: c.Title, DeclaredMax: c.DeclaredMax})
	}
	for _, it := range cat.Items {
		m.ItemTitles[it.ID] = it.Title
		for i := range m.Categories {
			if m.Categories[i].ID == it.Category {
				m.Categories[i].Max += it.Max
			}
		}
	}
	for _, l := range config.Levels {
		m.Levels = append(m.Levels, Level{Level: l.Level, Title: l.Title, Min: l.Min, Below: l.Below})
	}
	for _, v := range config.Vetoes {
		m.VetoIDs = append(m.VetoIDs, v.ID)
	}
	return m
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
