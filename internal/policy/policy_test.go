package policy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/model"
)

const fixtureDir = "testdata/fixture"

// copyFixture copies the fixture bundle to a temporary directory and writes
// extra files (path → content) into it.
func copyFixture(t *testing.T, extra map[string]string) string {
	t.Helper()
	dst := copyTree(t, fixtureDir)
	for rel, content := range extra {
		if err := writeFile(filepath.Join(dst, rel), content); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// copyTree copies the files of src, Go files left out, to a temporary directory.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".go") {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dst, rel), string(data))
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

func writeFile(path, content string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(content), 0o644)
}

func mustLoad(t *testing.T, dir string) *Source {
	t.Helper()
	src, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func TestVerboseTestRunListsEveryTest(t *testing.T) {
	var out bytes.Buffer
	summary, err := Test(context.Background(), mustLoad(t, fixtureDir), TestOptions{Verbose: true}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if !summary.OK() || summary.Pass != 3 {
		t.Fatalf("summary %+v, want 3 passing\n%s", summary, &out)
	}
	for _, want := range []string{"test_no_findings_full_points: PASS", "test_three_trainings_tier_a: PASS", "PASS: 3/3"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, &out)
		}
	}
}

func TestFailingTestFailsTheRun(t *testing.T) {
	dir := copyFixture(t, map[string]string{"forerunner/v1/items/basic/broken_test.rego": `package forerunner.v1.items.basic.broken_test

import data.forerunner.v1.items.basic.fair

test_wrong_expectation if {
	fair.points == 3 with input as {"findings": []}
}
`})
	var out bytes.Buffer
	summary, err := Test(context.Background(), mustLoad(t, dir), TestOptions{}, &out)
	if err != nil {
		t.Fatal(err)
	}
	if summary.OK() || summary.Fail != 1 || summary.Pass != 3 {
		t.Fatalf("summary %+v, want 1 failure and 3 passes", summary)
	}
	if !strings.Contains(out.String(), "test_wrong_expectation: FAIL") {
		t.Errorf("failure not reported:\n%s", &out)
	}
}

func TestCoverageNamesUncoveredLinesOfRuleFilesOnly(t *testing.T) {
	var out bytes.Buffer
	summary, err := Test(context.Background(), mustLoad(t, fixtureDir), TestOptions{Coverage: true}, &out)
	if err != nil {
		t.Fatal(err)
	}
	report := summary.Coverage
	if report == nil || report.Coverage <= 0 || report.Coverage >= 100 {
		t.Fatalf("coverage %+v, want a figure strictly between 0 and 100", report)
	}
	for file := range report.Files {
		if isTestFile(file) {
			t.Errorf("test file %s counted in coverage", file)
		}
	}
	if !strings.Contains(out.String(), "forerunner/v1/items/basic/fair.rego  uncovered/未覆盖: 14, 21\n") {
		t.Errorf("line 21 of fair.rego (note) not reported uncovered:\n%s", &out)
	}
}

func TestFixtureChecksCleanExceptDeclaredMaximum(t *testing.T) {
	findings, err := Check(mustLoad(t, fixtureDir), []byte(`{"type": "object"}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 {
		t.Fatalf("findings %+v, want only the category maximum warning", findings)
	}
	f := findings[0]
	if f.Code != CodeCategoryMax || f.Severity != SevWarning || f.At != "config.categories.extra" {
		t.Errorf("finding %+v", f)
	}
	for _, want := range []string{"sum to 5", "declared max is 10", "I-X"} {
		if !strings.Contains(f.Message.EN, want) {
			t.Errorf("message %q lacks %q", f.Message.EN, want)
		}
	}
}

func TestCompileProblemsBecomeErrorFindings(t *testing.T) {
	cases := map[string]struct{ rule, code string }{
		"refused built-in": {`package forerunner.v1.clock
stamp := time.now_ns()
`, CodeRefusedBuiltin},
		"strict: unused local": {`package forerunner.v1.strict
f(x) := 1
`, "rego_compile_error"},
		"schema: unknown input field": {`package forerunner.v1.typed
bad if input.no_such_field == 1
`, "rego_type_error"},
	}
	schema := []byte(`{"type": "object", "additionalProperties": false,
		"properties": {"findings": {"type": "array"}, "counts": {"type": "object"}, "verbose": {"type": "boolean"}}}`)
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			dir := copyFixture(t, map[string]string{"forerunner/v1/extra.rego": c.rule})
			findings, err := Check(mustLoad(t, dir), schema)
			if err != nil {
				t.Fatal(err)
			}
			if !hasFinding(findings, c.code, SevError) {
				t.Fatalf("no %s error in %+v", c.code, findings)
			}
		})
	}
}

func hasFinding(findings []Finding, code string, sev Severity) bool {
	for _, f := range findings {
		if f.Code == code && f.Severity == sev {
			return true
		}
	}
	return false
}

func TestInspectListsItemsInClauseOrderWithSources(t *testing.T) {
	cat, err := mustLoad(t, fixtureDir).Model()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := WriteCatalog(&out, cat, FormatJSON); err != nil {
		t.Fatal(err)
	}
	var got struct{ Items []model.Item }
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 2 || got.Items[0].ID != "1.1" || got.Items[1].ID != "2.1" {
		t.Fatalf("items %+v", got.Items)
	}
	training := got.Items[1]
	if training.Location.File != "forerunner/v1/items/extra/training.rego" || training.Location.Row != 14 {
		t.Errorf("source %+v, want training.rego:14", training.Location)
	}
	if training.Max != 5 || len(training.Tiers) != 3 || training.Tiers[1].Min["trainings"] != 1 {
		t.Errorf("tiers %+v", training.Tiers)
	}
	out.Reset()
	if err := WriteCatalog(&out, cat, FormatMarkdown); err != nil {
		t.Fatal(err)
	}
	row := "| 2.1 | extra | 培训 | Training | 5 | a=5 trainings≥3; b=3 trainings≥1; c=0 (otherwise / 其他) | I-X |"
	if !strings.Contains(out.String(), row) {
		t.Errorf("markdown lacks %q:\n%s", row, &out)
	}
}

// tarEntries reads a .tar.gz into name → content.
func tarEntries(t *testing.T, data []byte) map[string]string {
	t.Helper()
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	entries := map[string]string{}
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return entries
		}
		if err != nil {
			t.Fatal(err)
		}
		content, _ := io.ReadAll(tr)
		entries[h.Name] = string(content)
	}
}

func TestStaleSourcesAreFoundAndRewritten(t *testing.T) {
	dir := copyFixture(t, map[string]string{"forerunner/v1/sources/data.json": `{
  "1.1": {"file": "forerunner/v1/items/basic/fair.rego", "row": 3},
  "2.1": {"file": "forerunner/v1/items/extra/training.rego", "row": 14},
  "V1": {"file": "forerunner/v1/vetoes/fees.rego", "row": 6}
}`})
	findings, err := Check(mustLoad(t, dir), []byte(`{"type": "object"}`))
	if err != nil {
		t.Fatal(err)
	}
	stale := 0
	for _, f := range findings {
		if f.Code == CodeSourceStale {
			stale++
			if !strings.Contains(f.Message.EN, "1.1: the sources data says forerunner/v1/items/basic/fair.rego:3, the rule is at forerunner/v1/items/basic/fair.rego:14") {
				t.Errorf("message %q", f.Message.EN)
			}
		}
	}
	if stale != 1 {
		t.Fatalf("want exactly the 1.1 entry stale, got %+v", findings)
	}
	cat, err := mustLoad(t, dir).Model()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := UpdateSources(dir, cat); err != nil {
		t.Fatal(err)
	}
	findings, err = Check(mustLoad(t, dir), []byte(`{"type": "object"}`))
	if err != nil {
		t.Fatal(err)
	}
	if hasFinding(findings, CodeSourceStale, SevError) {
		t.Fatalf("still stale after UpdateSources: %+v", findings)
	}
}

func TestUnformattedRegoIsAnErrorAndFormatDirFixesIt(t *testing.T) {
	dir := copyFixture(t, map[string]string{"forerunner/v1/items/basic/fair.rego": strings.Replace(
		readFixture(t, "forerunner/v1/items/basic/fair.rego"), "count(input.findings) == 0", "count(input.findings)==0", 1)})
	findings, err := Check(mustLoad(t, dir), []byte(`{"type": "object"}`))
	if err != nil {
		t.Fatal(err)
	}
	if !hasFinding(findings, CodeFormat, SevError) {
		t.Fatalf("no %s finding in %+v", CodeFormat, findings)
	}
	changed, err := FormatDir(dir)
	if err != nil || len(changed) != 1 || !strings.HasSuffix(changed[0], "fair.rego") {
		t.Fatalf("FormatDir changed %v (%v)", changed, err)
	}
	if got := readFile(t, filepath.Join(dir, "forerunner/v1/items/basic/fair.rego")); got != readFixture(t, "forerunner/v1/items/basic/fair.rego") {
		t.Errorf("formatted file differs from the formatted original:\n%s", got)
	}
}

func readFixture(t *testing.T, rel string) string {
	t.Helper()
	return readFile(t, filepath.Join(fixtureDir, rel))
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestOverriddenPlacesNameValuesAsFindingsDo(t *testing.T) {
	got := overriddenPlaces([]engine.Override{
		{Path: "/forerunner/v1/config/levels/0/min/total"},
		{Path: "/forerunner/v1/config/items/2.6.e/working_days"},
		{Path: "/forerunner/v1/config/window_years"},
		{Path: "/elsewhere/x"},
	})
	want := map[string]bool{"config.levels[0].min.total": true, `config.items["2.6.e"].working_days`: true, "config.window_years": true}
	if !maps.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
