package htmlreport

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"html"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

func example(t *testing.T) *engine.Result {
	t.Helper()
	return evaluate(t, filepath.Join(validDir, "example.yaml"))[0]
}

func TestEvidenceTextIsEscaped(t *testing.T) {
	r := example(t)
	r.Agency.Name = `<script>alert(1)</script>`
	r.Items[0].Reason = i18n.T(`"><img src=x onerror=alert(2)>`, `"><img src=x onerror=alert(2)>`)
	r.Items[0].Evidence = []string{`/basic/</code><b>`}
	r.Agency.ID = "AG-\u202e1234"
	page := string(render(t, i18n.EN, false, r))
	if strings.Contains(page, "\u202e") || !strings.Contains(page, `AG-\u202e1234`) {
		t.Error("a bidirectional override in the evidence is not shown escaped")
	}
	for _, raw := range []string{`<script>alert(1)`, `<img src=x`, `</code><b>`} {
		if strings.Contains(page, raw) {
			t.Errorf("evidence text %q reached the page unescaped", raw)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the agency name is not shown escaped")
	}
}

func TestSameResultsSameBytes(t *testing.T) {
	results := evaluate(t, validFiles(t)...)
	a := render(t, i18n.ZH, true, results...)
	b := render(t, i18n.ZH, true, results...)
	if !bytes.Equal(a, b) {
		t.Error("two renderings of the same results differ")
	}
}

var (
	styleBlock  = regexp.MustCompile(`(?s)<style>(.*?)</style>`)
	scriptBlock = regexp.MustCompile(`(?s)<script>(.*?)</script>`)
	cspMeta     = regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`)
)

// TestSelfContained: nothing outside the page is referred to, and the
// policy allows exactly the page's own style and script.
func TestSelfContained(t *testing.T) {
	page := render(t, i18n.EN, true, evaluate(t, validFiles(t)...)...)
	for _, ref := range []string{"http:", "https:", "ftp:", "@import", "@font-face", " src=", " href=\"/", " href=\"."} {
		if i := bytes.Index(page, []byte(ref)); i >= 0 {
			t.Errorf("page refers outside itself: %q near %q", ref, page[max(0, i-40):min(len(page), i+40)])
		}
	}
	if n := len(regexp.MustCompile(`url\((?:[^)#][^)]*)\)`).FindAll(page, -1)); n > 0 {
		t.Errorf("%d url() references other than in-page fragments", n)
	}
	policy := html.UnescapeString(string(cspMeta.FindSubmatch(page)[1]))
	for _, block := range []*regexp.Regexp{styleBlock, scriptBlock} {
		m := block.FindSubmatch(page)
		if m == nil {
			t.Fatalf("no %s in the page", block)
		}
		sum := sha256.Sum256(m[1])
		if h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"; !strings.Contains(policy, h) {
			t.Errorf("the policy %q does not allow the page's own block %s", policy, h)
		}
	}
	if !strings.Contains(policy, "default-src 'none'") {
		t.Errorf("policy %q does not forbid everything else", policy)
	}
}

func TestLanguageIsDeclared(t *testing.T) {
	r := example(t)
	for lang, want := range map[i18n.Lang]string{i18n.EN: `<html lang="en">`, i18n.ZH: `<html lang="zh-CN">`} {
		page := string(render(t, lang, false, r))
		if !strings.Contains(page, want) {
			t.Errorf("%s page does not declare %s", lang, want)
		}
		if !strings.Contains(page, r.Level.Title.In(lang)) || !strings.Contains(page, r.Items[0].Reason.In(lang)) {
			t.Errorf("%s page lacks the level or a reason in its language", lang)
		}
	}
}

// TestSpoolMovesToAFile renders a batch through a temporary file and gets
// the same page as in memory.
func TestSpoolMovesToAFile(t *testing.T) {
	results := evaluate(t, validFiles(t)...)
	inMemory := render(t, i18n.EN, true, results...)
	defer func(n int) { spoolMemory = n }(spoolMemory)
	spoolMemory = 1000
	if spilled := render(t, i18n.EN, true, results...); !bytes.Equal(spilled, inMemory) {
		t.Error("the page differs when the sections go through a temporary file")
	}
}

func TestUnscoredResultIsShownWithItsErrors(t *testing.T) {
	scored := example(t)
	unscored := &engine.Result{SchemaVersion: 1, Agency: engine.Agency{ID: "AG-9", Name: "无日历机构"}, Cycle: scored.Cycle,
		Errors: []engine.PolicyError{{Code: "E-CALENDAR-YEAR", ZH: "日历缺少 2031 年", EN: "the calendar lacks 2031",
			At: "/core/listed_standards/0/changes/0"}}, Provenance: scored.Provenance}
	unscored.Input = &engine.Input{Path: "agencies/ag-9.yaml"}
	unreadable := &engine.Result{SchemaVersion: 1, Input: &engine.Input{Path: "broken.yaml"},
		Errors: []engine.PolicyError{{Code: "E-YAML", ZH: "YAML 语法错误", EN: "YAML syntax error", Line: 3, Column: 7}}}
	page := string(render(t, i18n.EN, true, scored, unscored, unreadable))
	for _, want := range []string{"Not scored", "E-CALENDAR-YEAR", "the calendar lacks 2031",
		"/core/listed_standards/0/changes/0", `href="#r2"`, "3 inputs, 1 scored, 2 not scored", "agencies/ag-9.yaml",
		"Not scored, cycle unreadable", `<a href="#r3">broken.yaml</a>`, "Cycle unreadable", "<code>3:7</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Count(page, `<tr data-anchor=`) != 1 {
		t.Error("the unscored result is ranked")
	}
}

func TestNoResultsStillAPage(t *testing.T) {
	for _, several := range []bool{false, true} {
		page := string(render(t, i18n.ZH, several))
		if !strings.HasPrefix(page, "<!DOCTYPE html>") || !strings.HasSuffix(strings.TrimSpace(page), "</html>") {
			t.Errorf("several=%v: not a whole page:\n%s", several, page)
		}
	}
}

// TestOtherBundleShape: five levels, a fourth category and other names
// render from the model and the result alone.
func TestOtherBundleShape(t *testing.T) {
	m := &model.Model{
		Categories: []model.Category{{ID: "alpha", Title: i18n.T("甲类", "Alpha"), Max: 10, DeclaredMax: 10},
			{ID: "beta", Title: i18n.T("乙类", "Beta"), Max: 10, DeclaredMax: 20}},
		TotalTitle: i18n.T("合计", "Sum"),
		Levels: []model.Level{
			{Level: 1, Title: i18n.T("金", "Gold"), Min: map[string]int{"total": 18}},
			{Level: 2, Title: i18n.T("银", "Silver"), Min: map[string]int{"total": 15, "beta": 8}},
			{Level: 3, Title: i18n.T("铜", "Bronze"), Min: map[string]int{"total": 12}},
			{Level: 4, Title: i18n.T("铁", "Iron"), Min: map[string]int{"total": 8}},
			{Level: 5, Title: i18n.T("未达标", "Below"), Below: map[string]int{"total": 8}},
		},
		Items: []model.Item{{ID: "B.2", Category: "beta", Title: i18n.T("乙二", "Beta two"), Max: 5}},
	}
	r := &engine.Result{SchemaVersion: 1, Agency: engine.Agency{ID: "X-1", Name: "Xylo"}, Cycle: engine.Cycle{Year: 2030},
		Items: []engine.Item{
			{ID: "A.1", Category: "alpha", Points: 10, Max: 10, Title: i18n.T("甲一", "Alpha one")},
			{ID: "B.1", Category: "beta", Points: 2, Max: 5, Tier: "c", Title: i18n.T("乙一", "Beta one")},
			{ID: "B.2", Category: "beta", Points: 0, Max: 5, Title: i18n.T("乙二", "Beta two")},
			{ID: "G.1", Category: "gamma", Points: 1, Max: 1, Title: i18n.T("丙一", "Gamma one")},
		},
		Categories: map[string]engine.CategoryScore{"alpha": {Points: 10, Max: 10, DeclaredMax: 10},
			"beta": {Points: 2, Max: 10, DeclaredMax: 20}, "gamma": {Points: 1, Max: 1, DeclaredMax: 1}},
		Total: &engine.Score{Points: 13, Max: 21, DeclaredMax: 31},
		Level: &engine.Level{Level: 3, Title: i18n.T("铜", "Bronze")},
		NextLevel: &engine.NextLevel{Level: 2, Shortfall: map[string]int{"total": 2, "beta": 6},
			Options: []engine.Option{{Item: "B.2", Gain: 5}}},
	}
	var buf bytes.Buffer
	w := New(&buf, Options{Lang: i18n.EN, Model: m, Several: true})
	if err := w.Write(r); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{"Alpha", "Beta", "gamma", "Sum", "Gold", "Silver", "Bronze", "Iron", "Below &lt; 8",
		"Silver ≥ 8 ✗ −6", "To reach Silver", "Beta two <strong>+5</strong>", `data-level="5"`, `class="lost zero"`} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Basic", "Core", "Encouraging", "Level 4", "basic"} {
		if strings.Contains(page, unwanted) {
			t.Errorf("page names %q, which this bundle does not have", unwanted)
		}
	}
}

// TestMisconductBesideTheVetoes: a serious-misconduct finding is listed with
// the vetoes, with its consequence and barred years, and ranked with its id.
func TestMisconductBesideTheVetoes(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(validDir, "level1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(data), "  serious_misconduct: []",
		"  serious_misconduct:\n    - {date: 2024-08-12, summary: 伪造检测报告, reference: 市监处〔2024〕88号}", 1)
	r := evaluate(t, writeTemp(t, "misconduct.yaml", []byte(doc)))[0]
	if len(r.Misconduct) == 0 {
		t.Fatal("the finding did not make a misconduct entry; did the evidence template change?")
	}
	m := r.Misconduct[0]
	page := string(render(t, i18n.EN, true, r, example(t)))
	for _, want := range []string{`data-veto="` + m.ID + `"`, "Serious misconduct", template.HTMLEscapeString(m.Consequence.EN),
		"⚠ " + m.ID, "the qualification is revoked"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	for _, y := range m.BarredYears {
		if !strings.Contains(page, strconv.Itoa(y)) {
			t.Errorf("barred year %d not shown", y)
		}
	}
}

// TestFirstPlanInFull: the next-level guidance shows the first plan's items
// with their points and gains, and how many other plans there are.
func TestFirstPlanInFull(t *testing.T) {
	r := example(t)
	n := r.NextLevel
	if n == nil || len(n.Plans) == 0 {
		t.Fatal("the example has no plan; did the bundle change?")
	}
	page := string(render(t, i18n.EN, false, r))
	first := n.Plans[0]
	for _, it := range first.Items {
		row := fmt.Sprintf(`<tr data-plan-item="%s">`, it.Item)
		if !strings.Contains(page, row) || !strings.Contains(page, fmt.Sprintf("%d → %d", it.From, it.To)) {
			t.Errorf("plan item %s (%d → %d) not shown", it.Item, it.From, it.To)
		}
	}
	if !strings.Contains(page, template.HTMLEscapeString(first.Summary.EN)) {
		t.Errorf("plan summary %q not shown", first.Summary.EN)
	}
	if others := len(n.Plans) - 1; others > 0 && !strings.Contains(page, fmt.Sprintf("%d other plans", others)) {
		t.Errorf("the count of the %d other plans is not shown", others)
	}
}
