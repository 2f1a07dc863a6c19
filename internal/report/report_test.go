package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"go.yaml.in/yaml/v3"
)

func sample(id string, level, points int) *engine.Result {
	return &engine.Result{
		SchemaVersion: 1,
		Agency:        engine.Agency{ID: id, Name: "机构|" + id},
		Cycle:         engine.Cycle{Year: 2024, Start: "2024-01-01", End: "2024-12-31"},
		Items: []engine.Item{{ID: "1.1", Category: "basic", Points: points, Max: 90, Title: i18n.T("公平", "Fair"),
			Reason: i18n.T("无发现", "no *finding*"), Evidence: []string{"/basic/fairness_findings"}, Interpretations: []string{},
			Source: engine.Source{File: "x.rego", Row: 3}}},
		Categories: map[string]engine.CategoryScore{"basic": {Points: points, Max: 90, DeclaredMax: 100}},
		Total:      &engine.Score{Points: points, Max: 90, DeclaredMax: 100},
		Vetoes:     []engine.Veto{},
		Level: &engine.Level{Level: level, Title: i18n.Tf("%d级", "Level %d", level), Reasons: []i18n.Text{i18n.T("因为", "because")},
			Consequence: i18n.T("后果", "consequence")},
		Warnings:   []engine.Warning{{ZH: "注意", EN: "mind", At: "/core/publications/4"}},
		Provenance: engine.Provenance{Engine: "forerunner test", BundleRevision: "r", BundleDigest: "sha256:0", EvidenceDigest: "sha256:1"},
	}
}

// testModel has the embedded bundle's four levels: 1 and 2 pass, 3 is the
// lowest pass, 4 fails.
var testModel = &model.Model{Levels: []model.Level{
	{Level: 1, Title: i18n.T("一级", "Level 1"), Min: map[string]int{"total": 90}},
	{Level: 2, Title: i18n.T("二级", "Level 2"), Min: map[string]int{"total": 80}},
	{Level: 3, Title: i18n.T("三级", "Level 3"), Min: map[string]int{"total": 70}},
	{Level: 4, Title: i18n.T("四级", "Level 4"), Below: map[string]int{"total": 60}},
}}

// testOptions names a format of the registry with the options to make it with.
type testOptions struct {
	Format string
	Lang   i18n.Lang
	Color  bool
	Inputs int
}

const (
	Text     = "text"
	JSON     = "json"
	JSONL    = "jsonl"
	YAML     = "yaml"
	Markdown = "markdown"
)

func newFormat(w *bytes.Buffer, o testOptions) Format {
	reg, ok := Lookup(o.Format)
	if !ok {
		panic(o.Format)
	}
	return reg.New(w, Options{Lang: o.Lang, Color: o.Color, Inputs: o.Inputs, Model: testModel})
}

func render(t *testing.T, opts testOptions, results ...*engine.Result) string {
	t.Helper()
	var buf bytes.Buffer
	w := newFormat(&buf, opts)
	for _, r := range results {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestTextColourOnlyWhenAsked(t *testing.T) {
	plain := render(t, testOptions{Format: Text, Lang: i18n.EN}, sample("A", 3, 70))
	if strings.Contains(plain, "\x1b[") {
		t.Fatalf("ANSI escape without colour:\n%s", plain)
	}
	coloured := render(t, testOptions{Format: Text, Lang: i18n.EN, Color: true}, sample("A", 3, 70))
	if !strings.Contains(coloured, yellow) {
		t.Fatalf("no colour with Color set:\n%s", coloured)
	}
}

func TestTextLanguages(t *testing.T) {
	zh := render(t, testOptions{Format: Text, Lang: i18n.ZH}, sample("A", 3, 70))
	en := render(t, testOptions{Format: Text, Lang: i18n.EN}, sample("A", 3, 70))
	for _, want := range []string{"3级 · 总分 70 / 90", "无发现", "后果：", "注意 (/core/publications/4)"} {
		if !strings.Contains(zh, want) {
			t.Errorf("zh lacks %q:\n%s", want, zh)
		}
	}
	for _, want := range []string{"Level 3 · total 70 / 90", "no *finding*", "Consequence:", "mind (/core/publications/4)"} {
		if !strings.Contains(en, want) {
			t.Errorf("en lacks %q:\n%s", want, en)
		}
	}
}

func TestRankingByLevelThenTotal(t *testing.T) {
	out := render(t, testOptions{Format: Text, Lang: i18n.EN, Inputs: 3}, sample("A", 4, 80), sample("B", 3, 70), sample("C", 3, 75))
	ranking := out[strings.Index(out, "Ranking"):]
	c, b, a := strings.Index(ranking, "(C)"), strings.Index(ranking, "(B)"), strings.Index(ranking, "(A)")
	if !(c < b && b < a) || !strings.Contains(ranking, "Level 3: 2 · Level 4: 1") {
		t.Fatalf("wrong ranking:\n%s", ranking)
	}
	if single := render(t, testOptions{Format: Text, Lang: i18n.EN, Inputs: 1}, sample("A", 4, 80)); strings.Contains(single, "Ranking") {
		t.Fatal("a single agency gets no ranking")
	}
}

func TestJSONObjectOrArray(t *testing.T) {
	one := render(t, testOptions{Format: JSON, Inputs: 1}, sample("A", 3, 70))
	var obj map[string]any
	if err := json.Unmarshal([]byte(one), &obj); err != nil || obj["agency"] == nil {
		t.Fatalf("one input must give an object: %v\n%s", err, one)
	}
	many := render(t, testOptions{Format: JSON, Inputs: 3}, sample("A", 3, 70), sample("B", 4, 10))
	var arr []map[string]any
	if err := json.Unmarshal([]byte(many), &arr); err != nil || len(arr) != 2 {
		t.Fatalf("several inputs must give an array: %v\n%s", err, many)
	}
	none := render(t, testOptions{Format: JSON, Inputs: 2})
	if strings.TrimSpace(none) != "[]" {
		t.Fatalf("no result must give [], got %q", none)
	}
}

func TestJSONLOneLinePerResult(t *testing.T) {
	out := render(t, testOptions{Format: JSONL, Inputs: 2}, sample("A", 3, 70), sample("B", 4, 10))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[1], `"id":"B"`) {
		t.Fatalf("jsonl:\n%s", out)
	}
}

func TestYAMLReadsBackAsTheJSON(t *testing.T) {
	r := sample("A", 3, 70)
	out := render(t, testOptions{Format: YAML, Inputs: 1}, r)
	var fromYAML any
	if err := yaml.Unmarshal([]byte(out), &fromYAML); err != nil {
		t.Fatal(err)
	}
	var fromJSON any
	data, _ := json.Marshal(r)
	_ = json.Unmarshal(data, &fromJSON)
	a, _ := json.Marshal(fromYAML)
	b, _ := json.Marshal(fromJSON)
	if !bytes.Equal(a, b) {
		t.Fatalf("yaml differs from json:\n%s\n%s", a, b)
	}
	if !strings.Contains(out, `start: "2024-01-01"`) {
		t.Fatalf("dates must stay strings:\n%s", out)
	}
}

func TestMarkdownEscapesCells(t *testing.T) {
	out := render(t, testOptions{Format: Markdown, Lang: i18n.EN, Inputs: 2}, sample("A", 3, 70), sample("B", 4, 10))
	for _, want := range []string{`no \*finding\*`, `机构\|A`, "## Ranking", "| 1.1 | Fair | 70 / 90 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestUnscoredResultShowsErrors(t *testing.T) {
	r := &engine.Result{SchemaVersion: 1, Agency: engine.Agency{ID: "A"}, Warnings: []engine.Warning{},
		Errors: []engine.PolicyError{{Code: "E-CALENDAR-YEAR", ZH: "日历缺少 2031 年", EN: "calendar lacks 2031", At: "/core"}}}
	out := render(t, testOptions{Format: Text, Lang: i18n.EN, Inputs: 2}, r, sample("B", 3, 70))
	if !strings.Contains(out, "Not scored") || !strings.Contains(out, "[E-CALENDAR-YEAR] calendar lacks 2031 (/core)") {
		t.Fatalf("errors not shown:\n%s", out)
	}
	if strings.Contains(out, "Ranking") {
		t.Fatal("an unscored result must not be ranked")
	}
}

func TestExplainVetoFiredOrNot(t *testing.T) {
	r := sample("A", 4, 70)
	reason := i18n.T("两年未发布", "nothing published for two years")
	r.Vetoes = []engine.Veto{{ID: "V2", Title: i18n.T("连续两年未发布", "Two years without publication"), Reason: reason,
		Evidence: []string{"/core/publications"}}}
	m := *testModel
	m.Vetoes = []model.Veto{
		{ID: "V2", Rule: &model.Item{ID: "V2", Location: model.Location{File: "vetoes/v2.rego", Row: 9},
			Clause: i18n.T("连续两年没有发布", "fires on two silent cycles")}},
		{ID: "V5", Title: i18n.T("不配合", "Non-cooperation")}}
	fired, err := explain.Gather(r, "V2", nil, &m)
	if err != nil || !fired[0].Veto.Fired || fired[0].Clause.Row != 9 {
		t.Fatalf("V2: %+v %v", fired, err)
	}
	quiet, err := explain.Gather(r, "V5", nil, &m)
	if err != nil || quiet[0].Veto.Fired {
		t.Fatalf("V5 did not fire: %+v %v", quiet, err)
	}
	var buf bytes.Buffer
	w := newFormat(&buf, testOptions{Format: Text, Lang: i18n.EN})
	if err := w.Explain(append(fired, quiet...)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"V2 Two years without publication (veto)", "Clause: fires on two silent cycles", "fired: level 4", "nothing published", "V5 Non-cooperation (veto)", "did not fire"} {
		if !strings.Contains(out, want) {
			t.Errorf("lacks %q:\n%s", want, out)
		}
	}
	if _, err := explain.Gather(r, "V9", nil, &m); err == nil {
		t.Fatal("an unknown veto must be an error")
	}
}

// TestMachineFormatsKeepNoRanking: only text and markdown end with a ranking,
// so only they keep an entry per result; jsonl and json stream in constant memory.
func TestMachineFormatsKeepNoRanking(t *testing.T) {
	for format, keeps := range map[string]bool{JSONL: false, JSON: false, YAML: false, Text: true, Markdown: true} {
		var out bytes.Buffer
		wr := newFormat(&out, testOptions{Format: format, Lang: i18n.EN, Inputs: 3})
		for i := range 3 {
			if err := wr.Write(sample("AG-"+string(rune('A'+i)), 2, 80)); err != nil {
				t.Fatal(err)
			}
		}
		rk, ranks := wr.(interface{ kept() int })
		if got := ranks && rk.kept() > 0; got != keeps {
			t.Errorf("%s: keeps ranking entries = %v, want %v", format, got, keeps)
		}
	}
}

func TestDisplayWidth(t *testing.T) {
	if displayWidth("基础ab") != 6 || padRight("基础", 6) != "基础  " {
		t.Fatal("wide characters must count two columns")
	}
}
