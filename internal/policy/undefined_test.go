package policy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/schemas"
)

// Attack 2: an edited reason quoting the optional input.agency.credit_code
// left item 1.4 undefined for a document without it, and policy check found
// nothing. It now warns, located at the reference, in zh and en, for items
// and vetoes; a read that handles absence (object.get with a default, a
// default rule, a body requiring the field first) is not reported.
func TestRulesThatCanBeUndefinedAreWarned(t *testing.T) {
	archiveOld := `"en": sprintf("archived, retention %d years (at least %d required)", [archive.retention_years, least]),`
	vetoOld := `"en": "false information in a published ranking or leader list"`
	cases := []struct {
		name, file, old, edited string
		want                    string // "" for no finding
	}{
		{"item reason", "items/basic/archive.rego", archiveOld,
			`"en": sprintf("archived, retention %d years (at least %d required), agency %s", [archive.retention_years, least, input.agency.credit_code]),`,
			"item 1.4: rule reason reads input.agency.credit_code"},
		{"veto reason", "vetoes/false_information.rego", vetoOld,
			`"en": sprintf("false information about %s", [input.agency.credit_code])`,
			"veto V1: rule why reads input.agency.credit_code"},
		{"item condition", "items/basic/archive.rego", "result := lib.binary(rego.metadata.rule(), passed, reason, [\"/basic/archive\"])",
			"result := lib.binary(rego.metadata.rule(), input.previous_cycle.rankings > 0, reason, [\"/basic/archive\"])",
			"item 1.4: rule result reads input.previous_cycle.rankings"},
		{"object.get", "items/basic/archive.rego", archiveOld,
			`"en": sprintf("archived, retention %d years (at least %d required), agency %s", [archive.retention_years, least, object.get(input.agency, "credit_code", "-")]),`,
			""},
		{"default rule", "vetoes/fees.rego", "fired if count(findings) > 0",
			"fired if count(findings) > 0\n\nfired if input.previous_cycle.rankings > 100", ""},
		{"required by the body", "vetoes/fees.rego", `"evidence": [sprintf("/basic/fee_findings/%d", [i]) | some i, _ in findings],`,
			`"evidence": [sprintf("/basic/fee_findings/%d", [i]) | some i, _ in findings],
	"previous": input.previous_cycle.rankings,`,
			""},
	}
	schema, err := schemas.FS.ReadFile("evidence.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	located := regexp.MustCompile(`^forerunner/v1/[a-z_/]+\.rego:\d+:\d+$`)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyTree(t, "../../policies")
			editFile(t, filepath.Join(dir, "forerunner", "v1", filepath.FromSlash(c.file)), c.old, c.edited)
			if c.name == "required by the body" { // the field is read by the condition too
				editFile(t, filepath.Join(dir, "forerunner", "v1", "vetoes", "fees.rego"),
					"fired if count(findings) > 0", "fired if {\n\tcount(findings) > 0\n\tinput.previous_cycle.rankings > 0\n}")
			}
			findings, err := Check(mustLoad(t, dir), schema)
			if err != nil {
				t.Fatal(err)
			}
			var got []Finding
			for _, f := range findings {
				if f.Code == CodeMayBeUndefined {
					got = append(got, f)
				}
			}
			if c.want == "" {
				if len(got) > 0 {
					t.Fatalf("want no %s finding, got %+v", CodeMayBeUndefined, got)
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("want one %s finding, got %+v", CodeMayBeUndefined, got)
			}
			f := got[0]
			if f.Severity != SevWarning || !strings.Contains(f.Message.EN, c.want) || !located.MatchString(f.At) ||
				!strings.HasPrefix(f.At, "forerunner/v1/"+c.file) || !strings.Contains(f.Message.ZH, "可选") {
				t.Fatalf("finding %+v, want a warning at %s:row:col saying %q (zh and en)", f, c.file, c.want)
			}
		})
	}
}

func editFile(t *testing.T, path, old, edited string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s changed: update the edit this test makes", path)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, edited, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}
