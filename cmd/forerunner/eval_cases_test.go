package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// --- independent of the real bundle's content (the mini stand-in bundle) ---

func TestEvalUsageErrorsExit2(t *testing.T) {
	for _, args := range [][]string{
		{"eval"},
		{"eval", "--output", "pdf", validDir + "/example.yaml"},
		{"eval", "--lang", "fr", validDir + "/example.yaml"},
		{"eval", "--no-such-flag", validDir + "/example.yaml"},
		{"explain", validDir + "/example.yaml"},
	} {
		forerunner(t, args...).expect(t, ExitUsage)
	}
}

func TestMissingBundleExits3(t *testing.T) {
	r := forerunner(t, "eval", "--bundle", "no/such/bundle", validDir+"/example.yaml").expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "cannot read bundle no/such/bundle") {
		t.Fatalf("unclear message: %s", r.stderr)
	}
}

func TestBundleCallingHTTPSendRefused(t *testing.T) {
	r := forerunner(t, "eval", "--bundle", httpBundle, validDir+"/example.yaml").expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "forerunner/v1/result.rego:5: calls http.send") ||
		!strings.Contains(r.stderr, "forerunner/v1/result.rego:7: calls time.now_ns") {
		t.Fatalf("refusal must name file:line of each call:\n%s", r.stderr)
	}
	zh := forerunner(t, "eval", "--lang", "zh", "--bundle", httpBundle, validDir+"/example.yaml").expect(t, ExitBundle)
	if !strings.Contains(zh.stderr, "result.rego:5: 调用了 http.send") {
		t.Fatalf("no Chinese refusal:\n%s", zh.stderr)
	}
}

func TestInvalidFileAmongValidOnes(t *testing.T) {
	r := forerunner(t, "eval", "--bundle", miniBundle, "--no-check", "-o", "jsonl",
		validDir+"/level1.yaml", invalidDir+"/bad-date.yaml", validDir+"/level2.yaml").expect(t, ExitInvalid)
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], `"AG-0101"`) || !strings.Contains(lines[2], `"AG-0202"`) {
		t.Fatalf("want one entry per input in input order:\n%s", r.stdout)
	}
	var invalid struct {
		Input  struct{ Path string }
		Errors []struct {
			Code         string
			Line, Column int
		}
		Total any
	}
	if err := json.Unmarshal([]byte(lines[1]), &invalid); err != nil || invalid.Input.Path != invalidDir+"/bad-date.yaml" ||
		len(invalid.Errors) == 0 || invalid.Errors[0].Code != "E-DATE" || invalid.Errors[0].Line == 0 || invalid.Total != nil {
		t.Fatalf("the invalid file's entry (%v): %s", err, lines[1])
	}
	if !strings.Contains(r.stderr, "bad-date.yaml:") || !strings.Contains(r.stderr, "invalid evidence, not scored") {
		t.Fatalf("the invalid file's diagnostics are missing:\n%s", r.stderr)
	}
}

func TestPolicyErrorsMeanNotScoredExit1(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(validDir + "/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// The mini bundle refuses cycle year 1999, as the real one refuses a
	// working-day count in a year its calendar lacks.
	doc := strings.Replace(string(data), "year: 2024", "year: 1999", 1)
	if doc == string(data) {
		t.Fatal("example.yaml has no 'year: 2024' to change")
	}
	path := filepath.Join(dir, "old.yaml")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	r := forerunner(t, "eval", "--bundle", miniBundle, "--no-check", path, validDir+"/level1.yaml").expect(t, ExitInvalid)
	if !strings.Contains(r.stdout, "Not scored") || !strings.Contains(r.stdout, "[E-CALENDAR-YEAR]") || !strings.Contains(r.stdout, "AG-0101") {
		t.Fatalf("want the errors of one and the score of the other:\n%s", r.stdout)
	}
	j := forerunner(t, "eval", "--bundle", miniBundle, "--no-check", "-o", "json", path).expect(t, ExitInvalid)
	if strings.Contains(j.stdout, `"total"`) || !strings.Contains(j.stderr, "not scored [E-CALENDAR-YEAR]") {
		t.Fatalf("json: no score, errors on stderr:\n%s\n%s", j.stdout, j.stderr)
	}
	unscored, err := jsonschema.UnmarshalJSON(strings.NewReader(j.stdout))
	if err != nil {
		t.Fatal(err)
	}
	if err := resultSchema(t).Validate(unscored); err != nil {
		t.Fatalf("an unscored result must match the schema too: %v", err)
	}
}

func TestPolicyExportRefusesToOverwrite(t *testing.T) {
	dir := t.TempDir()
	forerunner(t, "policy", "export", dir).expect(t, ExitOK)
	if _, err := os.Stat(filepath.Join(dir, ".manifest")); err != nil {
		t.Fatal("export must write .manifest")
	}
	r := forerunner(t, "policy", "export", dir).expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "refusing to overwrite") || !strings.Contains(r.stderr, ".manifest") || strings.Count(r.stderr, ".rego") > 3 {
		t.Fatalf("unclear refusal: %s", r.stderr)
	}
}

func TestVersion(t *testing.T) {
	r := forerunner(t, "version").expect(t, ExitOK)
	for _, want := range []string{`engine\s+forerunner \d`, `OPA\s+1\.`, `bundle revision\s+\S+`, `bundle digest\s+sha256:[0-9a-f]{64}`} {
		if !regexp.MustCompile(want).MatchString(r.stdout) {
			t.Fatalf("version lacks %s:\n%s", want, r.stdout)
		}
	}
	forerunner(t, "version", "--bundle", "no/such").expect(t, ExitBundle)
}

func TestCompletion(t *testing.T) {
	r := forerunner(t, "completion", "bash").expect(t, ExitOK)
	if !strings.Contains(r.stdout, "forerunner") {
		t.Fatal("no bash completion")
	}
	forerunner(t, "completion", "tcsh").expect(t, ExitUsage)
}

// --- on the real, embedded bundle ---

// TestExplainPlanUsage: --plan takes files and no item; markdown cannot show it.
func TestExplainPlanUsage(t *testing.T) {
	example := validDir + "/example.yaml"
	forerunner(t, "explain", example).expect(t, ExitUsage)
	forerunner(t, "explain", "--plan", "-o", "markdown", example).expect(t, ExitUsage)
	r := forerunner(t, "explain", "--plan", "-o", "json", example).expect(t, ExitOK)
	var doc struct {
		NextLevel struct {
			Plans []struct {
				Items []struct{ Item string } `json:"items"`
			} `json:"plans"`
		} `json:"next_level"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.NextLevel.Plans) != 2 || doc.NextLevel.Plans[0].Items[0].Item != "2.3" {
		t.Fatalf("explain --plan -o json: want the example's two plans, got %v: %s", err, r.stdout)
	}
}

func TestGoldenOutputs(t *testing.T) {
	example := validDir + "/example.yaml"
	cases := []struct {
		name string
		args []string
	}{
		{"example.en.txt", []string{"eval", "--lang", "en", example}},
		{"example.zh.txt", []string{"eval", "--lang", "zh", example}},
		{"example.json", []string{"eval", "-o", "json", example}},
		{"example.en.md", []string{"eval", "-o", "markdown", "--lang", "en", example}},
		{"example.zh.md", []string{"eval", "-o", "markdown", "--lang", "zh", example}},
		{"valid.en.txt", append([]string{"eval", "--lang", "en"}, validExamples(t)...)},
		{"explain-2.6.en.txt", []string{"explain", "--lang", "en", example, "2.6"}},
		{"explain-2.3.zh.txt", []string{"eval", "--lang", "zh", "--item", "2.3", example}},
		{"explain-V2.en.txt", []string{"explain", "--lang", "en", validDir + "/veto-v2.yaml", "V2"}},
		{"plans.en.txt", []string{"explain", "--plan", "--lang", "en", example, validDir + "/level3.yaml", validDir + "/level4.yaml", validDir + "/veto-v3.yaml"}},
		{"plans.zh.txt", []string{"explain", "--plan", "--lang", "zh", example, validDir + "/level1.yaml", validDir + "/level3.yaml"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			golden(t, c.name, forerunner(t, c.args...).expect(t, ExitOK).stdout)
		})
	}
}

// expectation is one entry of testdata/evidence/expect/valid.json.
type expectation struct {
	Level       int      `json:"level"`
	Total       int      `json:"total"`
	Basic       int      `json:"basic"`
	Core        int      `json:"core"`
	Encouraging int      `json:"encouraging"`
	Vetoes      []string `json:"vetoes"`
}

// scored is the part of a result document these tests read.
type scored struct {
	Agency     struct{ ID string } `json:"agency"`
	Categories map[string]struct {
		Points int `json:"points"`
	} `json:"categories"`
	Total struct {
		Points int `json:"points"`
	} `json:"total"`
	Level struct {
		Level int `json:"level"`
	} `json:"level"`
	Vetoes []struct {
		ID string `json:"id"`
	} `json:"vetoes"`
	Provenance struct {
		BundleDigest   string `json:"bundle_digest"`
		EvidenceDigest string `json:"evidence_digest"`
	} `json:"provenance"`
}

func TestShippedExamplesScoreAsExpected(t *testing.T) {
	var expect map[string]expectation
	data, err := os.ReadFile("../../testdata/evidence/expect/valid.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &expect); err != nil {
		t.Fatal(err)
	}
	for file, want := range expect {
		t.Run(file, func(t *testing.T) {
			var got scored
			out := forerunner(t, "eval", "-o", "json", filepath.Join(validDir, file)).expect(t, ExitOK).stdout
			if err := json.Unmarshal([]byte(out), &got); err != nil {
				t.Fatal(err)
			}
			vetoes := []string{}
			for _, v := range got.Vetoes {
				vetoes = append(vetoes, v.ID)
			}
			gotExp := expectation{Level: got.Level.Level, Total: got.Total.Points, Basic: got.Categories["basic"].Points,
				Core: got.Categories["core"].Points, Encouraging: got.Categories["encouraging"].Points, Vetoes: vetoes}
			a, _ := json.Marshal(gotExp)
			b, _ := json.Marshal(want)
			if string(a) != string(b) {
				t.Fatalf("got %s, want %s", a, b)
			}
		})
	}
}

// resultSchema compiles schemas/result.schema.json with formats asserted.
func resultSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	compiler := jsonschema.NewCompiler()
	compiler.AssertFormat()
	schema, err := compiler.Compile("../../schemas/result.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

func TestJSONOutputMatchesResultSchema(t *testing.T) {
	schema := resultSchema(t)
	out := forerunner(t, append([]string{"eval", "-o", "json"}, validExamples(t)...)...).expect(t, ExitOK).stdout
	results, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	list, ok := results.([]any)
	if !ok || len(list) < 2 {
		t.Fatalf("want an array of results, got %T", results)
	}
	for i, r := range list {
		if err := schema.Validate(r); err != nil {
			t.Errorf("result %d: %v", i, err)
		}
	}
	broken := list[0].(map[string]any)
	delete(broken, "level")
	if schema.Validate(broken) == nil {
		t.Fatal("the schema accepts a scored result without a level")
	}
}

func TestSameInputsGiveSameBytes(t *testing.T) {
	examples := validExamples(t)
	first := forerunner(t, append([]string{"eval", "-o", "json", "--workers", "1"}, examples...)...).expect(t, ExitOK).stdout
	for _, workers := range []string{"2", "4"} {
		again := forerunner(t, append([]string{"eval", "-o", "json", "--workers", workers}, examples...)...).expect(t, ExitOK).stdout
		if again != first {
			t.Fatalf("output with %s workers differs from 1 worker", workers)
		}
	}
	if !regexp.MustCompile(`"evidence_digest": "sha256:[0-9a-f]{64}"`).MatchString(first) {
		t.Fatal("no evidence digest in provenance")
	}
}

func TestChangedThresholdInBundleDirChangesLevel(t *testing.T) {
	dir := t.TempDir()
	forerunner(t, "policy", "export", dir).expect(t, ExitOK)
	var before, after, exported scored
	decode := func(out string, into *scored) {
		if err := json.Unmarshal([]byte(out), into); err != nil {
			t.Fatal(err)
		}
	}
	level3 := validDir + "/level3.yaml"
	decode(forerunner(t, "eval", "-o", "json", level3).expect(t, ExitOK).stdout, &before)
	decode(forerunner(t, "eval", "-o", "json", "--bundle", dir, level3).expect(t, ExitOK).stdout, &exported)
	if exported.Provenance.BundleDigest != before.Provenance.BundleDigest {
		t.Fatal("an exported, unchanged bundle must have the embedded bundle's digest")
	}
	raiseLevel3Total(t, filepath.Join(dir, "forerunner/v1/config/data.json"), before.Total.Points+1)
	decode(forerunner(t, "eval", "-o", "json", "--bundle", dir, level3).expect(t, ExitOK).stdout, &after)
	if before.Level.Level != 3 || after.Level.Level != 4 {
		t.Fatalf("level3.yaml: level %d with the embedded bundle, %d with level 3 needing %d points; want 3 then 4",
			before.Level.Level, after.Level.Level, before.Total.Points+1)
	}
	if after.Provenance.BundleDigest == before.Provenance.BundleDigest {
		t.Fatal("the edited bundle must have another digest")
	}
}

// raiseLevel3Total sets the total that level 3 needs in the config data.
func raiseLevel3Total(t *testing.T, path string, total int) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var config map[string]any
	if err := json.Unmarshal(data, &config); err != nil {
		t.Fatal(err)
	}
	levels, _ := config["levels"].([]any)
	changed := false
	for _, l := range levels {
		level, _ := l.(map[string]any)
		if level["level"] == float64(3) {
			level["min"].(map[string]any)["total"] = total
			changed = true
		}
	}
	if !changed {
		t.Fatal("no level 3 in config levels")
	}
	out, _ := json.MarshalIndent(config, "", "  ")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

// validExamples lists the shipped valid evidence files.
func validExamples(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(validDir, "*.yaml"))
	if err != nil || len(files) < 2 {
		t.Fatalf("valid examples: %v %v", files, err)
	}
	return files
}

func TestItemExplainsEveryInputAsOneJSONArray(t *testing.T) {
	out := forerunner(t, "eval", "--item", "2.6", "-o", "json", validDir+"/level1.yaml", validDir+"/level4.yaml").expect(t, ExitOK).stdout
	var perInput [][]struct {
		Agency struct{ ID string } `json:"agency"`
		Item   struct{ ID string } `json:"item"`
	}
	if err := json.Unmarshal([]byte(out), &perInput); err != nil {
		t.Fatalf("not one JSON document: %v\n%s", err, out)
	}
	if len(perInput) != 2 || len(perInput[0]) != 5 || perInput[0][4].Item.ID != "2.6.e" || perInput[1][0].Agency.ID != "AG-0404" {
		t.Fatalf("want 2.6.a-e for each of the two inputs, in order:\n%s", out)
	}
	r := forerunner(t, "explain", validDir+"/level1.yaml", "9.9").expect(t, ExitInvalid)
	if !strings.Contains(r.stderr, `no item "9.9"`) {
		t.Fatalf("unknown item must be named: %s", r.stderr)
	}
}

func TestEvalReadsStandardInput(t *testing.T) {
	data, err := os.ReadFile(validDir + "/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	fromFile := forerunner(t, "eval", "-o", "json", validDir+"/example.yaml").expect(t, ExitOK).stdout
	fromStdin := forerunnerWithInput(t, data, "eval", "-o", "json", "-").expect(t, ExitOK).stdout
	var file, stdin map[string]any
	if json.Unmarshal([]byte(fromFile), &file) != nil || json.Unmarshal([]byte(fromStdin), &stdin) != nil {
		t.Fatal("not JSON")
	}
	if in := stdin["input"].(map[string]any); in["path"] != "-" || in["digest"] != file["input"].(map[string]any)["digest"] {
		t.Fatalf("stdin's input: %v", in)
	}
	delete(file, "input")
	delete(stdin, "input")
	if !reflect.DeepEqual(file, stdin) {
		t.Fatal("the same bytes on stdin must give the same result as the file")
	}
}

func TestRealBundleRefusesAYearMissingFromTheCalendar(t *testing.T) {
	data, err := os.ReadFile(validDir + "/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(data), "occurred_on: 2024-09-27, notified_on: 2024-10-09", "occurred_on: 2035-09-27, notified_on: 2035-10-09", 1)
	if doc == string(data) {
		t.Fatal("example.yaml has no change dated 2024-09-27 to move")
	}
	path := filepath.Join(t.TempDir(), "year-2035.yaml")
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	r := forerunner(t, "eval", "--lang", "en", path, validDir+"/level1.yaml").expect(t, ExitInvalid)
	if !strings.Contains(r.stdout, "Not scored") || !strings.Contains(r.stdout, "2035") || !strings.Contains(r.stdout, "Level 1 · total 93") {
		t.Fatalf("want the missing year named and the other document scored:\n%s", r.stdout)
	}
}

// TestValidDirectoryScoresEveryExample runs eval on the directory of shipped
// examples, as the README does: every file there is evidence and scores.
func TestValidDirectoryScoresEveryExample(t *testing.T) {
	out := forerunner(t, "eval", "-o", "jsonl", validDir).expect(t, ExitOK)
	if got, want := strings.Count(out.stdout, "\n"), len(validExamples(t)); got != want {
		t.Fatalf("%d results for %d examples:\n%s", got, want, out.stderr)
	}
}
