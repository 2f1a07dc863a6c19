package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// The what-if of the README: level 1's encouraging minimum 25 → 20 and its
// total minimum 90 → 85 lift level2.yaml (88 points: 30/37/21) to level 1.
var liftLevel1 = []string{"--set", "config.levels[0].min.encouraging=20", "--set", "/forerunner/v1/config/levels/0/min/total=85"}

// --set scores with the changed data and says so in the report, in both
// languages (golden files; the data digest is masked like the bundle's).
func TestSetGolden(t *testing.T) {
	for _, c := range []struct{ lang, format, name string }{
		{"en", "text", "whatif.en.txt"}, {"zh", "text", "whatif.zh.txt"},
		{"en", "markdown", "whatif.en.md"}, {"zh", "markdown", "whatif.zh.md"},
	} {
		t.Run(c.name, func(t *testing.T) {
			args := append([]string{"eval", "--lang", c.lang, "-o", c.format}, liftLevel1...)
			r := forerunner(t, append(args, validDir+"/level2.yaml")...).expect(t, ExitOK)
			golden(t, c.name, r.stdout)
			note := map[string]string{"en": "what-if (--set): /forerunner/v1/config/levels/0/min/encouraging 25 → 20",
				"zh": "假设（--set）：/forerunner/v1/config/levels/0/min/encouraging 25 → 20"}[c.lang]
			if !strings.Contains(r.stderr, note) {
				t.Errorf("stderr lacks %q:\n%s", note, r.stderr)
			}
		})
	}
}

// evalProvenance runs eval -o json and returns the result's level and provenance.
func evalProvenance(t *testing.T, args ...string) (int, map[string]any) {
	t.Helper()
	r := forerunner(t, append(append([]string{"eval", "-o", "json"}, args...), validDir+"/level2.yaml")...).expect(t, ExitOK)
	var result struct {
		Level      struct{ Level int }
		Provenance map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &result); err != nil {
		t.Fatal(err)
	}
	return result.Level.Level, result.Provenance
}

// The provenance records each override (path, old, new) and the digest of
// the changed data: a what-if result is told apart from the bundle's own,
// and two what-ifs from each other; the result still matches its schema.
func TestSetProvenance(t *testing.T) {
	level, plain := evalProvenance(t)
	if level != 2 || plain["overrides"] != nil || plain["data_digest"] != nil {
		t.Fatalf("without --set: level %d, provenance %v", level, plain)
	}
	level, lifted := evalProvenance(t, liftLevel1...)
	if level != 1 {
		t.Errorf("level %d under the what-if, want 1", level)
	}
	want := `[{"new":20,"old":25,"path":"/forerunner/v1/config/levels/0/min/encouraging"},{"new":85,"old":90,"path":"/forerunner/v1/config/levels/0/min/total"}]`
	if got, _ := json.Marshal(lifted["overrides"]); string(got) != want {
		t.Errorf("overrides %s\nwant      %s", got, want)
	}
	if lifted["bundle_digest"] != plain["bundle_digest"] {
		t.Error("bundle_digest names the bundle's files, unchanged by --set")
	}
	digest, _ := lifted["data_digest"].(string)
	_, other := evalProvenance(t, "--set", "config.levels[0].min.total=86", "--set", "config.levels[0].min.encouraging=20")
	if !strings.HasPrefix(digest, "sha256:") || other["data_digest"] == digest {
		t.Errorf("data digests %v and %v: other data, other digest", digest, other["data_digest"])
	}
	_, same := evalProvenance(t, "--set", "/forerunner/v1/config/levels/0/min/encouraging=20", "--set", "config.levels.0.min.total=85")
	if same["data_digest"] != digest {
		t.Error("the same data spelled another way has the same digest")
	}
	raw, _ := json.Marshal(map[string]any{"provenance": lifted})
	doc, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(raw)))
	provenance := resultSchemaProvenance(t)
	if err := provenance.Validate(doc.(map[string]any)["provenance"]); err != nil {
		t.Errorf("provenance does not match schemas/result.schema.json: %v", err)
	}
}

// resultSchemaProvenance compiles the result schema's provenance subschema.
func resultSchemaProvenance(t *testing.T) *jsonschema.Schema {
	t.Helper()
	compiler := jsonschema.NewCompiler()
	schema, err := compiler.Compile("../../schemas/result.schema.json#/properties/provenance")
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// A --set result goes through the same schema as every result: json output
// of several documents validates whole.
func TestSetOutputMatchesResultSchema(t *testing.T) {
	schema := resultSchema(t)
	out := forerunner(t, append(append([]string{"eval", "-o", "json"}, liftLevel1...), validDir+"/level2.yaml", validDir+"/level1.yaml")...).expect(t, ExitOK).stdout
	results, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range results.([]any) {
		if err := schema.Validate(r); err != nil {
			t.Errorf("%v", err)
		}
	}
}

// What cannot be set is refused before anything is scored, with the place
// and the reason in the user's language: a malformed PATH=VALUE, a missing
// path or a value of another type exit 2 (the command line is wrong); data
// the checks refuse exits 3 with the coded finding, like any --bundle.
func TestSetRefusals(t *testing.T) {
	example := validDir + "/example.yaml"
	cases := []struct {
		name, lang, set string
		code            int
		says            string
	}{
		{"malformed", "en", "config.levels", ExitUsage, `--set "config.levels" is not PATH=VALUE (e.g. config.levels[0].min.encouraging=20)`},
		{"malformed zh", "zh", "=20", ExitUsage, `--set 的值 "=20" 应为 PATH=VALUE`},
		{"missing path", "en", "config.levels[0].min.encoraging=20", ExitUsage,
			`--set config.levels[0].min.encoraging: no such path; the nearest existing parent /forerunner/v1/config/levels/0/min has no key "encoraging" (its keys: basic, core, encouraging, total)`},
		{"missing path zh", "zh", "config.levels[0].min.encoraging=20", ExitUsage,
			`--set config.levels[0].min.encoraging：路径不存在；最近的已有上级 /forerunner/v1/config/levels/0/min 没有键 "encoraging"（它有：basic, core, encouraging, total）`},
		{"wrong type", "en", `config.items["2.6.e"].working_days="7"`, ExitUsage,
			`--set config.items["2.6.e"].working_days: /forerunner/v1/config/items/2.6.e/working_days expects a number (now 5), got a string "7"`},
		{"wrong type zh", "zh", "config.items.2.6.e.working_days=seven", ExitUsage,
			`/forerunner/v1/config/items/2.6.e/working_days 应为数值（现值 5），"seven" 不是 JSON 值`},
		{"unreachable level", "en", "config.levels[0].min.encouraging=40", ExitBundle,
			"ERROR level_unreachable: config.levels[0]: level 1 needs encouraging ≥ 40 but at most 25 is attainable"},
		{"unordered levels zh", "zh", "config.levels[1].min.core=38", ExitBundle, "level_order"},
		{"tier out of range", "en", `config.items["3.1"].tiers[0].points=9`, ExitBundle, "tier_points"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := forerunner(t, "eval", "--lang", c.lang, "--set", c.set, example).expect(t, c.code)
			if !strings.Contains(r.stderr, c.says) || r.stdout != "" {
				t.Errorf("stderr:\n%s\nwant it to say:\n%s\nstdout:\n%s", r.stderr, c.says, r.stdout)
			}
			if strings.Contains(r.stderr, "panic") {
				t.Error(r.stderr)
			}
		})
	}
}

// --set works on a --bundle too (checked as any --bundle is), on explain, and
// with --no-check it is warned and recorded like any unchecked bundle.
func TestSetWithBundleExplainAndNoCheck(t *testing.T) {
	dir := exportedBundle(t)
	level, p := evalProvenance(t, append([]string{"--bundle", dir}, liftLevel1...)...)
	if level != 1 || p["data_digest"] == nil {
		t.Errorf("--bundle with --set: level %d, provenance %v", level, p)
	}
	forerunner(t, "eval", "--bundle", dir, "--set", "config.levels[0].min.encouraging=40", validDir+"/level2.yaml").expect(t, ExitBundle)

	exp := forerunner(t, "explain", "--set", `config.items["3.1"].tiers[1].min.trainings=2`, validDir+"/example.yaml", "3.1").expect(t, ExitOK)
	if !strings.Contains(exp.stdout, "Points: 0 / 5, tier c") || !strings.Contains(exp.stderr, "what-if (--set): /forerunner/v1/config/items/3.1/tiers/1/min/trainings 1 → 2") {
		t.Errorf("explain under --set:\n%s\n%s", exp.stdout, exp.stderr)
	}

	r := forerunner(t, "eval", "-o", "json", "--no-check", "--set", "config.levels[0].min.encouraging=40", validDir+"/level2.yaml").expect(t, ExitOK)
	var result struct{ Provenance map[string]any }
	if err := json.Unmarshal([]byte(r.stdout), &result); err != nil || result.Provenance["bundle_checks"] != "skipped" ||
		!strings.Contains(r.stderr, "--no-check") {
		t.Errorf("--no-check with --set: %v\n%s", result.Provenance, r.stderr)
	}
}

// The HTML page says a result is a what-if.
func TestSetHTML(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.html")
	forerunner(t, append(append([]string{"eval", "-o", "html", "--out", out}, liftLevel1...), validDir+"/level2.yaml")...).expect(t, ExitOK)
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	page := string(raw)
	for _, want := range []string{"What-if (--set, not an official result)", "<code>/forerunner/v1/config/levels/0/min/encouraging 25 → 20</code>"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
}

// impact --set compares the base with itself changed by --set: the README's
// question "lower level 1's encouraging minimum from 25 to 20 — which
// agencies move?" is answered over the valid examples (nobody: the total
// minimum 90 then binds; with it at 85, level2.yaml moves to level 1), in
// both languages; the candidate records the overrides (JSON matches
// schemas/impact.schema.json).
func TestImpactSet(t *testing.T) {
	lower := []string{"--set", "config.levels[0].min.encouraging=20"}
	none := impactJSON(t, ExitOK, append(lower, validDir)...)
	if none.Summary.Changed != 0 || none.Summary.Compared != 10 {
		t.Errorf("lowering the encouraging minimum alone: %+v", none.Summary)
	}
	out := impactJSON(t, ExitChanged, append(liftLevel1, validDir)...)
	if out.Summary.Changed != 1 || len(out.Agencies) != 1 || out.Agencies[0].Agency.ID != "AG-0202" ||
		*out.Agencies[0].Before.Level != 2 || *out.Agencies[0].After.Level != 1 {
		t.Errorf("lowering both minima: %+v", out)
	}
	for _, c := range []struct{ name, lang string }{{"impact-set.en.txt", "en"}, {"impact-set.zh.txt", "zh"}} {
		t.Run(c.name, func(t *testing.T) {
			r := forerunner(t, append(append([]string{"impact", "--lang", c.lang}, liftLevel1...), validDir)...).expect(t, ExitChanged)
			golden(t, c.name, r.stdout)
		})
	}
	r := forerunner(t, "impact", "-o", "json", "--set", "config.levels[0].min.total=85", validDir+"/level2.yaml").expect(t, ExitOK)
	var header struct {
		Base, Candidate map[string]any
	}
	if err := json.Unmarshal([]byte(r.stdout), &header); err != nil {
		t.Fatal(err)
	}
	if header.Base["overrides"] != nil || header.Candidate["data_digest"] == nil {
		t.Errorf("the candidate alone carries the overrides: %v / %v", header.Base, header.Candidate)
	}
	if got, _ := json.Marshal(header.Candidate["overrides"]); string(got) != `[{"new":85,"old":90,"path":"/forerunner/v1/config/levels/0/min/total"}]` {
		t.Errorf("candidate overrides %s", got)
	}
	forerunner(t, "impact", "--set", "config.levels[0].min.encoraging=20", validDir).expect(t, ExitUsage)
	bad := forerunner(t, "impact", "--lang", "zh", "--set", "config.levels[0].min.encouraging=40", validDir).expect(t, ExitBundle)
	if !strings.Contains(bad.stderr, "level_unreachable") {
		t.Errorf("unreachable level under impact --set:\n%s", bad.stderr)
	}
}

// Lowering a total minimum alone moves nobody; the note of policy check that
// says so is shown when --set changes that very value (and only then).
func TestSetShowsTheNoteOfAThresholdThatNeverBinds(t *testing.T) {
	en := forerunner(t, "eval", "--set", "config.levels[0].min.total=85", validDir+"/level2.yaml").expect(t, ExitOK)
	if !strings.Contains(en.stderr, "NOTE threshold_never_binds: config.levels[0].min.total: level 1's total minimum 85 never binds") ||
		strings.Contains(en.stderr, "config.levels[1].min.total") {
		t.Errorf("stderr:\n%s", en.stderr)
	}
	zh := forerunner(t, "eval", "--lang", "zh", "--set", "/forerunner/v1/config/levels/2/min/total=65", validDir+"/level2.yaml").expect(t, ExitOK)
	if !strings.Contains(zh.stderr, "提示 threshold_never_binds: config.levels[2].min.total: 等级 3 的总分门槛 65 永远不起作用") {
		t.Errorf("stderr:\n%s", zh.stderr)
	}
	other := forerunner(t, "eval", "--set", "config.levels[0].min.encouraging=20", validDir+"/level2.yaml").expect(t, ExitOK)
	if strings.Contains(other.stderr, "NOTE") {
		t.Errorf("a note about a value not set:\n%s", other.stderr)
	}
}

// A what-if on an item's points and tiers is planned with the changed points:
// the plan index follows --set (else policy check's plan_index_stale would
// refuse the changed bundle).
func TestSetIsPlannedWithTheChangedPoints(t *testing.T) {
	r := forerunner(t, "eval", "-o", "json", "--set", "config.items.2.3.max=9", "--set", "config.items.2.3.tiers[0].points=9",
		validDir+"/example.yaml").expect(t, ExitOK)
	var result struct {
		NextLevel struct {
			Plans []struct {
				Items   []map[string]any
				Summary struct{ EN string }
			}
		} `json:"next_level"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &result); err != nil {
		t.Fatal(err)
	}
	plans := result.NextLevel.Plans
	if len(plans) == 0 || plans[0].Summary.EN != "1 item, 2 more points, meet every point condition of Level 3: 2.3 to tier a (7 → 9)" {
		t.Fatalf("plans: %+v", plans)
	}
}

// A what-if on the holiday calendar counts working days with it: the
// working-day index is derived again for the run (else the changed bundle
// would be refused as calendar_index_stale). Without the National Day
// holidays, the example's change of 2024-09-27, notified on 2024-10-09, is
// late; a --set on the index itself is still refused.
func TestSetOnTheCalendarCountsWorkingDaysWithIt(t *testing.T) {
	item := func(args ...string) (points int, reason string) {
		r := forerunner(t, append([]string{"eval", "-o", "json"}, args...)...).expect(t, ExitOK)
		var result struct {
			Items []struct {
				ID     string
				Points int
				Reason struct{ EN string }
			}
		}
		if err := json.Unmarshal([]byte(r.stdout), &result); err != nil {
			t.Fatal(err)
		}
		for _, it := range result.Items {
			if it.ID == "2.6.e" {
				return it.Points, it.Reason.EN
			}
		}
		t.Fatalf("no 2.6.e in %s", r.stdout)
		return 0, ""
	}
	if points, reason := item(validDir + "/example.yaml"); points != 1 {
		t.Fatalf("as shipped: %d points, %s", points, reason)
	}
	points, reason := item("--set", "/forerunner/v1/calendar/years/2024/off=[]", validDir+"/example.yaml")
	if points != 0 || !strings.Contains(reason, "notified on 2024-10-09, later than 5 working days") {
		t.Fatalf("without the 2024 holidays: %d points, %s", points, reason)
	}
	r := forerunner(t, "eval", "--set", "/forerunner/v1/calendar/index/days/2024-01-02/0=5", validDir+"/example.yaml").expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "calendar_index_stale") {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
}
