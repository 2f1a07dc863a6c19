package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The Go host knows no clause, category or level: a bundle with five levels
// and a fourth category, made from the embedded one by editing its data and
// adding one Rego file, goes through check, eval (every output format, with
// the ranking), explain and inspect with no Go change.

// fourthCategoryItem scores item 4.1 of a new "bonus" category from the
// evidence's trainings, by the tiers of its data.
const fourthCategoryItem = `# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.bonus.mentoring

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "4.1"
#   category: bonus
#   title:
#     zh: 带教培训
#     en: Mentoring trainings
#   clause:
#     zh: "评估周期内开展带教培训。"
#     en: "Mentoring trainings held in the cycle."
result := lib.tiered(rego.metadata.rule(), {"trainings": count(input.encouraging.trainings)}, reason, ["/encouraging/trainings"])

reason := {
	"zh": sprintf("培训%d次", [count(input.encouraging.trainings)]),
	"en": sprintf("%d trainings", [count(input.encouraging.trainings)]),
}
`

// fiveLevelsAndBonus gives the config a "bonus" category with item 4.1 and
// a fifth level, the failing one.
func fiveLevelsAndBonus(config map[string]any) {
	text := func(zh, en string) map[string]any { return map[string]any{"zh": zh, "en": en} }
	config["categories"].(map[string]any)["bonus"] = map[string]any{"declared_max": 5, "title": text("附加指标", "Bonus indicators")}
	config["items"].(map[string]any)["4.1"] = map[string]any{"max": 5, "tiers": []any{
		map[string]any{"tier": "a", "points": 5, "min": map[string]any{"trainings": 2}},
		map[string]any{"tier": "b", "points": 0, "min": map[string]any{}},
	}}
	levels := config["levels"].([]any)
	failing := levels[3].(map[string]any)
	failing["level"], failing["title"] = 5, text("五级", "Level 5")
	failing["below"] = map[string]any{"total": 50, "basic": 20, "core": 25}
	fourth := map[string]any{"level": 4, "title": text("四级", "Level 4"),
		"min":         map[string]any{"total": 60, "basic": 20, "core": 30},
		"consequence": text("基本合格：限期改进。", "Nearly qualified: must improve within a set period.")}
	config["levels"] = append(levels[:3:3], fourth, failing)
}

// fiveLevelBundle exports the embedded bundle to a directory and turns it
// into a five-level, four-category bundle.
func fiveLevelBundle(t *testing.T) string {
	t.Helper()
	dir := exportedBundle(t)
	editConfig(t, dir, fiveLevelsAndBonus)
	rule := filepath.Join(dir, "forerunner", "v1", "items", "bonus", "mentoring.rego")
	if err := os.MkdirAll(filepath.Dir(rule), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(rule, []byte(fourthCategoryItem), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFiveLevelsAndAFourthCategoryEndToEnd(t *testing.T) {
	dir := fiveLevelBundle(t)
	check := forerunner(t, "policy", "check", "--fix", "--bundle", dir).expect(t, ExitOK)
	if !strings.Contains(check.stdout, "0 error(s)") {
		t.Fatalf("policy check:\n%s", check.stdout)
	}
	inspect := forerunner(t, "policy", "inspect", "--bundle", dir).expect(t, ExitOK)
	for _, want := range []string{"bonus  附加指标 / Bonus indicators", "4.1", "5 五级 / Level 5: any of / 任一: total<50"} {
		if !strings.Contains(inspect.stdout, want) {
			t.Errorf("inspect lacks %q:\n%s", want, inspect.stdout)
		}
	}

	var results []struct {
		Items      []struct{ ID, Category string }
		Categories map[string]struct{ Points, Max int }
		Vetoes     []struct{ ID string }
		Level      struct{ Level int }
	}
	js := forerunner(t, "eval", "--bundle", dir, "-o", "json", validDir).expect(t, ExitOK)
	if err := json.Unmarshal([]byte(js.stdout), &results); err != nil {
		t.Fatal(err)
	}
	levels := map[int]int{}
	for _, r := range results {
		levels[r.Level.Level]++
		if last := r.Items[len(r.Items)-1]; last.ID != "4.1" || last.Category != "bonus" || r.Categories["bonus"].Max != 5 {
			t.Errorf("item 4.1 / category bonus missing: %+v", r)
		}
		if len(r.Vetoes) > 0 && r.Level.Level != 5 {
			t.Errorf("a veto must force the failing level 5, got %d", r.Level.Level)
		}
	}
	if levels[5] == 0 || levels[1] == 0 {
		t.Errorf("levels reached: %v", levels)
	}

	text := forerunner(t, "eval", "--bundle", dir, validDir).expect(t, ExitOK)
	for _, want := range []string{"Bonus indicators", "Vetoes (each forces level 5):", "Level 5: ", "Per level: Level 1: "} {
		if !strings.Contains(text.stdout, want) {
			t.Errorf("text report lacks %q", want)
		}
	}
	zh := forerunner(t, "eval", "--lang", "zh", "--bundle", dir, "-o", "markdown", validDir).expect(t, ExitOK)
	for _, want := range []string{"附加指标", "五级 ", "有否决项时无论得分多少都是五级"} {
		if !strings.Contains(zh.stdout, want) {
			t.Errorf("markdown report lacks %q", want)
		}
	}
	for _, format := range []string{"jsonl", "yaml"} {
		if out := forerunner(t, "eval", "--bundle", dir, "-o", format, validDir).expect(t, ExitOK); !strings.Contains(out.stdout, "4.1") {
			t.Errorf("%s output lacks item 4.1", format)
		}
	}
	explained := forerunner(t, "explain", "--bundle", dir, validDir+"/veto-v2.yaml", "V2").expect(t, ExitOK)
	if !strings.Contains(explained.stdout, "fired: level 5 whatever the points") {
		t.Errorf("explain V2:\n%s", explained.stdout)
	}
	item := forerunner(t, "explain", "--bundle", dir, validDir+"/example.yaml", "4.1").expect(t, ExitOK)
	if !strings.Contains(item.stdout, "4.1 Mentoring trainings (Bonus indicators)") {
		t.Errorf("explain 4.1:\n%s", item.stdout)
	}
}
