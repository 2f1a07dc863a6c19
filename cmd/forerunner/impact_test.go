package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/forerunner-project/forerunner/internal/impact"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// fourTrainingsBundle is the walk-through's edit: tier a of 3.1 asks four
// trainings instead of three.
func fourTrainingsBundle(t *testing.T) string {
	t.Helper()
	dir := exportedBundle(t)
	editConfig(t, dir, func(c map[string]any) {
		tiers := c["items"].(map[string]any)["3.1"].(map[string]any)["tiers"].([]any)
		tiers[0].(map[string]any)["min"].(map[string]any)["trainings"] = 4
	})
	return dir
}

// impactOutput is the part of impact's JSON the tests read.
type impactOutput struct {
	Candidate struct{ Source string } `json:"candidate"`
	Changes   impact.BundleChanges    `json:"bundle_changes"`
	Agencies  []struct {
		Agency *struct{ ID string }  `json:"agency"`
		Input  struct{ Path string } `json:"input"`
		Status string                `json:"status"`
		Before struct {
			Level, Total *int
			Errors       []struct{ Code, ZH, EN string }
		} `json:"before"`
		After struct {
			Level, Total *int
			Errors       []struct{ Code, ZH, EN string }
		} `json:"after"`
		Items []struct {
			ID            string
			Before, After *int
		} `json:"items"`
	} `json:"agencies"`
	Summary struct {
		Documents        int `json:"documents"`
		Compared         int `json:"compared"`
		Changed          int `json:"changed"`
		LevelChanged     int `json:"level_changed"`
		ScoredBeforeOnly int `json:"scored_before_only"`
		ScoredAfterOnly  int `json:"scored_after_only"`
		NotScored        int `json:"not_scored"`
		Transitions      []struct{ From, To, Agencies int }
	} `json:"summary"`
}

// impactJSON runs impact -o json, checks the exit status and that the output
// matches schemas/impact.schema.json, and decodes it.
func impactJSON(t *testing.T, code int, args ...string) impactOutput {
	t.Helper()
	r := forerunner(t, append([]string{"impact", "-o", "json"}, args...)...).expect(t, code)
	validateImpact(t, r.stdout)
	var out impactOutput
	if err := json.Unmarshal([]byte(r.stdout), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func validateImpact(t *testing.T, out string) {
	t.Helper()
	compiler := jsonschema.NewCompiler()
	compiler.AssertFormat()
	schema, err := compiler.Compile("../../schemas/impact.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("impact -o json is not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("impact -o json does not match schemas/impact.schema.json: %v", err)
	}
}

// TestGoldenImpact: the walk-through's edit compared with the embedded
// bundle over the valid examples, in every format and both languages; exit 4
// says something changed.
func TestGoldenImpact(t *testing.T) {
	dir := fourTrainingsBundle(t)
	cases := []struct {
		name string
		args []string
	}{
		{"impact.en.txt", []string{"--lang", "en"}},
		{"impact.zh.txt", []string{"--lang", "zh"}},
		{"impact.en.md", []string{"--lang", "en", "-o", "markdown"}},
		{"impact.zh.md", []string{"--lang", "zh", "-o", "markdown"}},
		{"impact.json", []string{"-o", "json"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := append(append([]string{"impact"}, c.args...), "--bundle", dir, validDir)
			r := forerunner(t, args...).expect(t, ExitChanged)
			golden(t, c.name, strings.ReplaceAll(r.stdout, dir, "my-bundle"))
			if c.name == "impact.json" {
				validateImpact(t, r.stdout)
			}
		})
	}
}

func TestImpactReportsWhoMoves(t *testing.T) {
	out := impactJSON(t, ExitChanged, "--all", "--bundle", fourTrainingsBundle(t), validDir)
	s := out.Summary
	if s.Documents != 10 || s.Compared != 10 || len(out.Agencies) != 10 || s.Changed != 7 || s.LevelChanged != 2 {
		t.Fatalf("summary: %+v", s)
	}
	moved := map[string]string{}
	for _, a := range out.Agencies {
		if *a.Before.Level != *a.After.Level {
			moved[filepath.Base(a.Input.Path)] = a.Status
		}
		if a.Status == "changed" && (len(a.Items) != 1 || a.Items[0].ID != "3.1" || *a.Items[0].Before != 5 || *a.Items[0].After != 3) {
			t.Errorf("%s: want 3.1 5 → 3, got %+v", a.Input.Path, a.Items)
		}
	}
	if len(moved) != 2 || moved["level1.yaml"] != "changed" || moved["level2.yaml"] != "changed" {
		t.Fatalf("level 1 and level 2 examples move down, got %v", moved)
	}
	for _, tr := range s.Transitions {
		if tr.From == 1 && tr.To != 2 || tr.From == 2 && tr.To != 3 {
			t.Errorf("transition %+v", tr)
		}
	}
}

// An edit that moves nobody exits 0: lowering level 1's total minimum alone
// (its category minima already add up to 90, see threshold_never_binds).
func TestImpactExitsZeroWhenNothingChanged(t *testing.T) {
	dir := exportedBundle(t)
	editConfig(t, dir, func(c map[string]any) {
		c["levels"].([]any)[0].(map[string]any)["min"].(map[string]any)["total"] = 85
	})
	out := impactJSON(t, ExitOK, "--bundle", dir, validDir)
	if out.Summary.Changed != 0 || out.Summary.Compared != 10 || len(out.Agencies) != 0 {
		t.Fatalf("nothing moves, got %+v", out)
	}
	text := forerunner(t, "impact", "--lang", "en", "--summary", "--bundle", dir, validDir).expect(t, ExitOK)
	if !strings.Contains(text.stdout, "total change: none") || strings.Contains(text.stdout, "valid/level1.yaml") {
		t.Fatalf("--summary:\n%s", text.stdout)
	}
	all := forerunner(t, "impact", "--lang", "zh", "--all", "-o", "markdown", "--bundle", dir, validDir).expect(t, ExitOK)
	if n := strings.Count(all.stdout, "\n### "); n != 10+2 || !strings.Contains(all.stdout, "一级 · 总分 93") {
		t.Fatalf("--all lists every agency, unchanged (%d sections):\n%s", n, all.stdout)
	}
}

// Invalid documents are reported per document, as eval reports them, and
// the exit status says not everything was compared.
func TestImpactReportsInvalidDocuments(t *testing.T) {
	dir := fourTrainingsBundle(t)
	bad := invalidDir + "/bad-date.yaml"
	r := forerunner(t, "impact", "--lang", "zh", "--bundle", dir, validDir+"/level1.yaml", bad).expect(t, ExitInvalid)
	if !strings.Contains(r.stderr, "bad-date.yaml：证据无效，不评分") || !strings.Contains(r.stderr, "E-DATE") {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
	if !strings.Contains(r.stdout, "两个策略包均未评分") || !strings.Contains(r.stdout, "一级 → 二级") {
		t.Fatalf("stdout:\n%s", r.stdout)
	}
	out := impactJSON(t, ExitInvalid, "--bundle", dir, validDir+"/level1.yaml", bad)
	last := out.Agencies[len(out.Agencies)-1]
	if last.Status != "not_scored" || last.Before.Errors[0].Code != "E-DATE" || out.Summary.NotScored != 1 {
		t.Fatalf("invalid entry: %+v", last)
	}
	// the batch's own rules apply as with eval: a duplicate is scored by neither
	dup := impactJSON(t, ExitInvalid, "--bundle", dir, validDir+"/level1.yaml", batchDir+"/f-2024.yaml")
	if dup.Summary.NotScored != 2 || dup.Agencies[0].Before.Errors[0].Code != "duplicate_agency_cycle" {
		t.Fatalf("duplicates: %+v", dup)
	}
}

// Bundles with different categories, items and levels are compared: what
// one adds or removes is reported as such.
func TestImpactComparesDifferentItemSets(t *testing.T) {
	dir := fiveLevelBundle(t)
	forerunner(t, "policy", "check", "--fix", "--bundle", dir).expect(t, ExitOK)
	out := impactJSON(t, ExitChanged, "--bundle", dir, validDir+"/example.yaml", validDir+"/veto-v1.yaml")
	c := out.Changes
	if strings.Join(c.ItemsAdded, ",") != "4.1" || strings.Join(c.CategoriesAdded, ",") != "bonus" ||
		len(c.LevelsAdded) != 1 || c.LevelsAdded[0] != 5 || len(c.ItemsRemoved) != 0 {
		t.Fatalf("bundle changes: %+v", c)
	}
	for _, a := range out.Agencies {
		added := a.Items[len(a.Items)-1]
		if added.ID != "4.1" || added.Before != nil || added.After == nil {
			t.Errorf("%s: item 4.1 reported as added, got %+v", a.Input.Path, a.Items)
		}
	}
	if veto := out.Agencies[1]; *veto.Before.Level != 4 || *veto.After.Level != 5 {
		t.Errorf("a veto forces level 4 before, level 5 after: %+v", veto)
	}
	text := forerunner(t, "impact", "--lang", "en", "--base", dir, validDir+"/example.yaml").expect(t, ExitChanged)
	for _, want := range []string{"Bundle changes: items removed 4.1 · categories removed bonus · levels removed 5",
		"4.1 Mentoring trainings: item removed: was "} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("impact --base lacks %q:\n%s", want, text.stdout)
		}
	}
	zh := forerunner(t, "impact", "--lang", "zh", "--bundle", dir, validDir+"/example.yaml").expect(t, ExitChanged)
	if !strings.Contains(zh.stdout, "策略包差异：新增条款 4.1 · 新增类别 bonus · 新增等级 5") || !strings.Contains(zh.stdout, "4.1 带教培训：新增条款：0（档 b）") {
		t.Errorf("zh:\n%s", zh.stdout)
	}
}

// A bundle refused by the checks is refused by impact as by eval, whichever
// side it is on.
func TestImpactRefusesABrokenBundle(t *testing.T) {
	dir := exportedBundle(t)
	editFile(t, filepath.Join(dir, "forerunner", "v1", "items", "core", "group_standards.rego"), `s.role == "lead"`, `s.rolee == "lead"`)
	for _, flag := range []string{"--bundle", "--base"} {
		r := forerunner(t, "impact", "--lang", "en", flag, dir, validDir).expect(t, ExitBundle)
		if !strings.Contains(r.stderr, "undefined ref: s.rolee") || r.stdout != "" {
			t.Errorf("%s: stdout %q, stderr:\n%s", flag, r.stdout, r.stderr)
		}
	}
	forerunner(t, "impact", validDir).expect(t, ExitUsage)
	forerunner(t, "impact", "--all", "--summary", "--bundle", dir, validDir).expect(t, ExitUsage)
	forerunner(t, "impact", "-o", "yaml", "--bundle", dir, validDir).expect(t, ExitUsage)
}

// A bundle carrying another evidence schema is refused by the checks
// (schema_stale); used with --no-check it validates its input itself, and a
// document valid under one schema and not the other is reported as scored
// by one bundle only, with the other's errors.
func TestImpactEvidenceValidUnderOneSchemaOnly(t *testing.T) {
	dir := exportedBundle(t)
	// The schema copy only (its first "maximum": 9999, the cycle year's), not
	// pattern_source: a hand edit the bundle must not bypass.
	editFile(t, filepath.Join(dir, "forerunner", "v1", "schemas", "evidence.rego"), `"maximum": 9999,`, `"maximum": 2024,`)
	r := forerunner(t, "impact", "--bundle", dir, validDir).expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "schema_stale") {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
	out := impactJSON(t, ExitChanged, "--no-check", "--bundle", dir, validDir+"/level1.yaml", validDir+"/level2.yaml")
	second := out.Agencies[len(out.Agencies)-1]
	if out.Summary.ScoredBeforeOnly != 1 || second.Status != "scored_before_only" || second.After.Level != nil ||
		len(second.After.Errors) == 0 || !strings.Contains(second.After.Errors[0].EN, "2024") {
		t.Fatalf("level2.yaml (cycle 2025): %+v", out)
	}
	for _, lang := range []string{"en", "zh"} {
		text := forerunner(t, "impact", "--lang", lang, "--no-check", "--bundle", dir, validDir+"/level2.yaml").expect(t, ExitChanged)
		want := map[string]string{"en": "scored by the base bundle only (Level 2, total 88); the candidate does not score it:",
			"zh": "仅基准策略包评分（二级，总分 88），候选策略包未评分："}[lang]
		if !strings.Contains(text.stdout, want) || !strings.Contains(text.stderr, "--no-check") {
			t.Errorf("%s: want %q\nstdout:\n%s\nstderr:\n%s", lang, want, text.stdout, text.stderr)
		}
	}
}

// --out writes the comparison to a new file, also when something changed.
func TestImpactOutWritesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "impact.md")
	forerunner(t, "impact", "-o", "markdown", "--out", path, "--bundle", fourTrainingsBundle(t), validDir).expect(t, ExitChanged)
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "| 3.1 ") {
		t.Fatalf("%v:\n%s", err, data)
	}
}

// A signal stops impact between two documents: the JSON object is closed
// (the agencies written so far, then the summary of what was compared), and
// the exit status is the signal's.
func TestImpactStopsCleanlyOnASignal(t *testing.T) {
	example, err := os.ReadFile(validDir + "/level1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const agencies = 400
	for i := range agencies {
		doc := strings.Replace(string(example), "id: AG-0101", fmt.Sprintf("id: AG-%04d", i), 1)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.yaml", i)), []byte(doc), 0o644)
	}
	stdout, _ := interrupt(t, syscall.SIGINT, 130, "impact", "-o", "json", "--workers", "1", "--bundle", fourTrainingsBundle(t), dir)
	validateImpact(t, string(stdout))
	var out impactOutput
	if err := json.Unmarshal(stdout, &out); err != nil {
		t.Fatal(err)
	}
	if n := out.Summary.Documents; n == 0 || n >= agencies || len(out.Agencies) != n {
		t.Fatalf("interrupted after %d documents, %d agencies written", n, len(out.Agencies))
	}
}

// A signed --base is verified as a signed --bundle is: the same signed
// bundle on both sides compares clean, a tampered base is refused.
func TestImpactVerifiesASignedBase(t *testing.T) {
	dir := t.TempDir()
	private, public := writeKeyPair(t, dir)
	signed, tampered := filepath.Join(dir, "signed.tar.gz"), filepath.Join(dir, "tampered.tar.gz")
	forerunner(t, "policy", "build", "-o", signed, "--signing-key", private).expect(t, ExitOK)
	tamperTarball(t, signed, tampered)
	example := validDir + "/example.yaml"
	forerunner(t, "impact", "--base", signed, "--base-verification-key", public,
		"--bundle", signed, "--verification-key", public, example).expect(t, ExitOK)
	r := forerunner(t, "impact", "--base", tampered, "--base-verification-key", public, "--bundle", signed, example).expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "failed signature verification") {
		t.Fatalf("a tampered base must be refused:\n%s", r.stderr)
	}
	r = forerunner(t, "impact", "--lang", "zh", "--base-verification-key", public, "--bundle", signed, example).expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "需要 --base") {
		t.Fatalf("a base key without --base:\n%s", r.stderr)
	}
}
