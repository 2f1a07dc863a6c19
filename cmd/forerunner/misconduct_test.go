package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// variantOf writes an edited copy of example src (in validDir) as name in a
// temporary directory; the edit must change something.
func variantOf(t *testing.T, src, name string, edit func(string) string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(validDir, src))
	if err != nil {
		t.Fatal(err)
	}
	doc := edit(string(data))
	if doc == string(data) {
		t.Fatalf("%s: the edit for %s changed nothing", src, name)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// withMisconduct writes level1.yaml with one serious-misconduct finding.
func withMisconduct(t *testing.T) string {
	return variantOf(t, "level1.yaml", "misconduct.yaml", func(doc string) string {
		return strings.Replace(doc, "  serious_misconduct: []",
			"  serious_misconduct:\n    - {date: 2024-08-12, summary: 伪造检测报告造成不良社会影响, reference: 市监处〔2024〕88号}", 1)
	})
}

// I-13: the level-1 example with a misconduct finding is level 4, the finding
// is listed beside the vetoes under M1 with revocation and the barred years.
func TestSeriousMisconductIsShownAndLevel4(t *testing.T) {
	path := withMisconduct(t)
	var r struct {
		Total      struct{ Points int }
		Vetoes     []struct{ ID string }
		Misconduct []struct {
			ID          string
			BarredYears []int `json:"barred_years"`
			Consequence struct{ ZH, EN string }
		}
		Level struct {
			Level       int
			Consequence struct{ ZH, EN string }
		}
	}
	out := forerunner(t, "eval", "-o", "json", path).expect(t, 0)
	if err := json.Unmarshal([]byte(out.stdout), &r); err != nil {
		t.Fatal(err)
	}
	if r.Total.Points < 90 || r.Level.Level != 4 || len(r.Vetoes) != 0 || len(r.Misconduct) != 1 || r.Misconduct[0].ID != "M1" {
		t.Fatalf("want level 4 from M1 whatever the points: %+v", r)
	}
	if got := r.Misconduct[0].BarredYears; len(got) != 3 || got[0] != 2025 || got[2] != 2027 {
		t.Fatalf("barred years %v", got)
	}
	if !strings.Contains(r.Level.Consequence.EN, "revoked") || !strings.Contains(r.Level.Consequence.ZH, "2025–2027") {
		t.Fatalf("consequence %+v", r.Level.Consequence)
	}
	for lang, want := range map[string][]string{
		"en": {"Serious misconduct (I-13", "M1 ", "barred from agency selection in 2025–2027"},
		"zh": {"严重违规（I-13", "M1 ", "2025–2027年不得参加评估机构遴选"},
	} {
		text := forerunner(t, "eval", "--lang", lang, path).expect(t, 0).stdout
		md := forerunner(t, "eval", "--lang", lang, "-o", "markdown", path).expect(t, 0).stdout
		for _, w := range want {
			if !strings.Contains(text, w) || !strings.Contains(md, w) {
				t.Errorf("%s: %q missing from text or markdown:\n%s\n%s", lang, w, text, md)
			}
		}
	}
}

func TestExplainTakesTheMisconductID(t *testing.T) {
	path := withMisconduct(t)
	out := forerunner(t, "explain", path, "M1").expect(t, 0).stdout
	for _, w := range []string{"M1", "市监处〔2024〕88号", "/findings/serious_misconduct/0", "I-13"} {
		if !strings.Contains(out, w) {
			t.Errorf("explain M1 lacks %q:\n%s", w, out)
		}
	}
	clean := forerunner(t, "explain", validDir+"/level1.yaml", "M1").expect(t, 0).stdout
	if !strings.Contains(clean, "M1") {
		t.Errorf("explain M1 of a clean document:\n%s", clean)
	}
}
