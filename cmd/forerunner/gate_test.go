package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// exportedBundle writes the embedded bundle to a directory, as staff do
// before editing it.
func exportedBundle(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "bundle")
	forerunner(t, "policy", "export", dir).expect(t, ExitOK)
	return dir
}

// editConfig changes the exported bundle's config data.
func editConfig(t *testing.T, dir string, edit func(config map[string]any)) {
	t.Helper()
	path := filepath.Join(dir, "forerunner", "v1", "config", "data.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var config map[string]any
	if err := json.Unmarshal(raw, &config); err != nil {
		t.Fatal(err)
	}
	edit(config)
	out, _ := json.MarshalIndent(config, "", "  ")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
}

func editFile(t *testing.T, path, old, new string) {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(raw), old, new, 1)
	if edited == string(raw) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Every bundle other than the embedded one passes the checks of policy
// check where it is used: eval (and explain) and policy build refuse a
// bundle with a typo in a rule, an unreachable level, tiers out of order or
// a deleted item rule, with exit 3 and the located finding.
func TestBrokenBundlesAreRefusedWhereUsed(t *testing.T) {
	items := filepath.Join("forerunner", "v1", "items")
	cases := []struct {
		name  string
		edit  func(t *testing.T, dir string)
		finds []string
	}{
		{"typo in a rule", func(t *testing.T, dir string) {
			editFile(t, filepath.Join(dir, items, "core", "group_standards.rego"), `s.role == "lead"`, `s.rolee == "lead"`)
		}, []string{"rego_type_error: forerunner/v1/items/core/group_standards.rego:30: undefined ref: s.rolee"}},
		{"unreachable level 1", func(t *testing.T, dir string) {
			editConfig(t, dir, func(c map[string]any) {
				c["levels"].([]any)[0].(map[string]any)["min"].(map[string]any)["total"] = 200
			})
		}, []string{"level_unreachable: config.levels[0]: level 1 needs total ≥ 200 but at most 95 is attainable"}},
		{"tiers out of order", func(t *testing.T, dir string) {
			editConfig(t, dir, func(c map[string]any) {
				tiers := c["items"].(map[string]any)["2.3"].(map[string]any)["tiers"].([]any)
				tiers[0], tiers[1] = tiers[1], tiers[0]
			})
		}, []string{"tier_order: config.items[\"2.3\"].tiers[1]"}},
		{"deleted item rule", func(t *testing.T, dir string) {
			for _, file := range []string{"fees.rego", "fees_test.rego"} {
				if err := os.Remove(filepath.Join(dir, items, "basic", file)); err != nil {
					t.Fatal(err)
				}
			}
		}, []string{"config_orphan_item: config.items[\"1.2\"]"}},
	}
	example := validDir + "/example.yaml"
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := exportedBundle(t)
			c.edit(t, dir)
			eval := forerunner(t, "eval", "--bundle", dir, example).expect(t, ExitBundle)
			out := filepath.Join(t.TempDir(), "b.tar.gz")
			build := forerunner(t, "policy", "build", "--bundle", dir, "-o", out).expect(t, ExitBundle)
			for _, want := range append(c.finds, "does not pass the checks of policy check; refused") {
				if !strings.Contains(eval.stderr, want) || !strings.Contains(build.stderr, want) {
					t.Errorf("want %q\neval:\n%s\nbuild:\n%s", want, eval.stderr, build.stderr)
				}
			}
			if eval.stdout != "" {
				t.Errorf("a refused bundle scored:\n%s", eval.stdout)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a refused bundle was built")
			}
		})
	}
}

// policy build runs the bundle's tests and builds nothing when one fails;
// warnings are shown once on stderr and do not refuse a bundle.
func TestBuildRefusesFailingTestsAndWarningsOnlyWarn(t *testing.T) {
	dir := exportedBundle(t)
	eval := forerunner(t, "eval", "--bundle", dir, validDir+"/example.yaml").expect(t, ExitOK)
	if strings.Count(eval.stderr, "WARNING category_max") != 1 {
		t.Errorf("the I-1 warning once on stderr:\n%s", eval.stderr)
	}
	failing := "package forerunner.v1_test\n\ntest_always_fails if {\n\t1 == 2\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "forerunner", "v1", "always_fails_test.rego"), []byte(failing), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "b.tar.gz")
	build := forerunner(t, "policy", "build", "--bundle", dir, "-o", out).expect(t, ExitBundle)
	if !strings.Contains(build.stderr, "test_always_fails") || !strings.Contains(build.stderr, "did not all pass (1 failed") {
		t.Errorf("build with a failing test:\n%s", build.stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("built although a test fails")
	}
}

// --no-check is the reviewed escape hatch: it warns, and every result
// records in its provenance that the checks were skipped.
func TestNoCheckWarnsAndIsRecorded(t *testing.T) {
	dir := exportedBundle(t)
	editFile(t, filepath.Join(dir, "forerunner", "v1", "items", "core", "group_standards.rego"), `s.role == "lead"`, `s.rolee == "lead"`)
	r := forerunner(t, "eval", "--bundle", dir, "--no-check", "-o", "json", validDir+"/example.yaml").expect(t, ExitOK)
	if !strings.Contains(r.stderr, "used without the checks of policy check (--no-check)") {
		t.Errorf("no warning:\n%s", r.stderr)
	}
	var result struct{ Provenance map[string]string }
	if err := json.Unmarshal([]byte(r.stdout), &result); err != nil || result.Provenance["bundle_checks"] != "skipped" {
		t.Errorf("provenance %+v (%v)", result.Provenance, err)
	}
	embedded := forerunner(t, "eval", "-o", "json", validDir+"/example.yaml").expect(t, ExitOK)
	if strings.Contains(embedded.stdout, "bundle_checks") {
		t.Error("the embedded bundle's results say nothing of skipped checks")
	}
	for format, want := range map[string]string{"text": "Unchecked: the bundle was used without the checks",
		"markdown": "**Unchecked** the bundle", "html": `Unchecked</dt>`} {
		r := forerunner(t, "eval", "--lang", "en", "--bundle", dir, "--no-check", "-o", format, validDir+"/example.yaml").expect(t, ExitOK)
		if !strings.Contains(r.stdout, want) {
			t.Errorf("-o %s does not say the bundle was unchecked", format)
		}
	}
	if r := forerunner(t, "eval", "--lang", "zh", "--bundle", dir, "--no-check", validDir+"/example.yaml").expect(t, ExitOK); !strings.Contains(r.stdout, "未检查：策略包未经 policy check 检查") {
		t.Errorf("zh text:\n%s", r.stdout)
	}
}
