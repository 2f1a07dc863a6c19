package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/xuri/excelize/v2"
)

// batchDir holds two cycles, a duplicate agency-cycle pair, an agency with
// both consecutive cycles (a-*: V2 derived; b-*: a contradicting
// declaration), an invalid file and a misconduct finding (see each file's
// opening comment).
const batchDir = "../../testdata/batch"

var batchFiles = []string{"a-2024.yaml", "a-2025.yaml", "b-2024.yaml", "b-2025.yaml", "c-2024-first.yaml",
	"c-2024-second.yaml", "d-2025-misconduct.yaml", "e-invalid.yaml", "f-2024.yaml"}

// TestGoldenBatch: every output format in both languages over the batch
// directory; machine formats are the same bytes in either language.
func TestGoldenBatch(t *testing.T) {
	for _, format := range []string{"text", "markdown", "json", "jsonl", "yaml"} {
		outputs := map[string]string{}
		for _, lang := range []string{"en", "zh"} {
			r := forerunner(t, "eval", "--lang", lang, "-o", format, batchDir).expect(t, ExitInvalid)
			outputs[lang] = r.stdout
			if format == "text" || format == "markdown" {
				golden(t, "batch."+lang+"."+map[string]string{"text": "txt", "markdown": "md"}[format], r.stdout)
			}
		}
		if format == "json" || format == "jsonl" || format == "yaml" {
			if outputs["en"] != outputs["zh"] {
				t.Errorf("%s differs between languages", format)
			}
			golden(t, "batch."+format, outputs["en"])
		}
	}
}

// batchResult is what the batch checks read of one entry.
type batchResult struct {
	Input struct {
		Path, Digest string
	}
	Agency struct{ ID string }
	Cycle  struct{ Year int }
	Level  *struct{ Level int }
	Vetoes []struct{ ID string }
	Misc   []struct {
		ID          string
		BarredYears []int `json:"barred_years"`
	} `json:"misconduct"`
	Errors []struct{ Code, ZH, EN string }
	Total  any
}

func batchResults(t *testing.T) []batchResult {
	t.Helper()
	out := forerunner(t, "eval", "-o", "json", batchDir).expect(t, ExitInvalid).stdout
	var results []batchResult
	if err := json.Unmarshal([]byte(out), &results); err != nil {
		t.Fatal(err)
	}
	if len(results) != len(batchFiles) {
		t.Fatalf("%d entries for %d inputs", len(results), len(batchFiles))
	}
	for i, r := range results {
		if filepath.Base(r.Input.Path) != batchFiles[i] || !strings.HasPrefix(r.Input.Digest, "sha256:") {
			t.Fatalf("entry %d names %+v, want %s in input order", i, r.Input, batchFiles[i])
		}
	}
	return results
}

func TestBatchSemantics(t *testing.T) {
	rs := batchResults(t)
	byFile := map[string]batchResult{}
	for _, r := range rs {
		byFile[filepath.Base(r.Input.Path)] = r
	}
	unscored := func(name, code string, mentions ...string) {
		r := byFile[name]
		if r.Level != nil || r.Total != nil || len(r.Errors) == 0 || r.Errors[0].Code != code {
			t.Errorf("%s: want unscored with %s, got %+v", name, code, r)
			return
		}
		for _, m := range mentions {
			if !strings.Contains(r.Errors[0].EN, m) || !strings.Contains(r.Errors[0].ZH, m) {
				t.Errorf("%s: error does not name %s: %+v", name, m, r.Errors[0])
			}
		}
	}
	unscored("c-2024-first.yaml", "duplicate_agency_cycle", "c-2024-second.yaml")
	unscored("c-2024-second.yaml", "duplicate_agency_cycle", "c-2024-first.yaml")
	unscored("b-2025.yaml", "previous_cycle_contradicts", "b-2025.yaml", "b-2024.yaml")
	unscored("e-invalid.yaml", "E-DATE")
	if a := byFile["a-2025.yaml"]; a.Level == nil || a.Level.Level != 4 || len(a.Vetoes) != 1 || a.Vetoes[0].ID != "V2" {
		t.Errorf("a-2025: V2 must fire from the derived previous cycle: %+v", a)
	}
	if d := byFile["d-2025-misconduct.yaml"]; d.Level == nil || d.Level.Level != 4 || len(d.Misc) != 1 ||
		d.Misc[0].ID != "M1" || d.Misc[0].BarredYears[0] != 2026 {
		t.Errorf("d-2025: misconduct: %+v", d)
	}
	for _, name := range []string{"a-2024.yaml", "b-2024.yaml", "f-2024.yaml"} {
		if byFile[name].Level == nil {
			t.Errorf("%s not scored: %+v", name, byFile[name].Errors)
		}
	}
	schema := resultSchema(t)
	out := forerunner(t, "eval", "-o", "json", batchDir).stdout
	list, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range list.([]any) {
		if err := schema.Validate(r); err != nil {
			t.Errorf("entry %d does not match the result schema: %v", i, err)
		}
	}
}

// Without the batch, V2 stays undecided with its warning; the same document
// beside its previous cycle gets V2 decided.
func TestV2UndecidedAlone(t *testing.T) {
	alone := forerunner(t, "eval", "-o", "json", batchDir+"/a-2025.yaml").expect(t, ExitOK).stdout
	if strings.Contains(alone, `"id": "V2"`) || !strings.Contains(alone, `"at": "/previous_cycle"`) {
		t.Fatalf("alone, V2 must stay undecided with its warning:\n%s", alone)
	}
}

// Rankings are per cycle, with the file, the cycle and the vetoes in each
// row; refused and invalid inputs are not ranked.
func TestBatchRankingsPerCycle(t *testing.T) {
	text := forerunner(t, "eval", "--lang", "en", batchDir).stdout
	ranking := text[strings.Index(text, "Ranking, cycle 2024"):]
	y2025 := strings.Index(ranking, "Ranking, cycle 2025")
	if y2025 < 0 {
		t.Fatalf("no 2025 ranking:\n%s", ranking)
	}
	for _, row := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^\s+1\s+Level 1 .*AG-0601.*2024\s+\S*b-2024\.yaml$`),
		regexp.MustCompile(`(?m)^\s+\d\s+Level 4 .*M1 .*AG-0202.*2025\s+\S*d-2025-misconduct\.yaml$`),
		regexp.MustCompile(`(?m)^\s+\d\s+Level 4 .*V2 .*AG-0501.*2025\s+\S*a-2025\.yaml$`),
	} {
		if !row.MatchString(ranking) {
			t.Errorf("no row %s in:\n%s", row, ranking)
		}
	}
	if strings.Contains(ranking, "c-2024") || strings.Contains(ranking, "b-2025") || strings.Contains(ranking, "e-invalid") {
		t.Errorf("an unscored input was ranked:\n%s", ranking)
	}
	if !strings.Contains(ranking[:y2025], "Per level: Level 1: 2 · Level 2: 0 · Level 3: 0 · Level 4: 1") ||
		!strings.Contains(ranking[y2025:], "Level 4: 2") || !strings.Contains(ranking, "Not ranked: 4 inputs") {
		t.Errorf("per-cycle counts:\n%s", ranking)
	}
}

// Standard input takes part in a batch like a file, read only once.
func TestStdinInABatch(t *testing.T) {
	data, err := os.ReadFile(batchDir + "/a-2024.yaml")
	if err != nil {
		t.Fatal(err)
	}
	out := forerunnerWithInput(t, data, "eval", "-o", "jsonl", "-", batchDir+"/a-2025.yaml").expect(t, ExitOK).stdout
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], `"path":"-"`) || !strings.Contains(lines[1], `"id":"V2"`) ||
		!strings.Contains(lines[1], "previous_cycle taken from -") {
		t.Fatalf("stdin's document must carry its cycle forward:\n%s", out)
	}
}

// The workbook output holds every input of the batch too, the refused and
// the invalid ones included.
func TestBatchWorkbookNamesEveryInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "batch.xlsx")
	for _, lang := range []string{"en", "zh"} {
		os.Remove(out)
		forerunner(t, "eval", "--lang", lang, "-o", "xlsx", "--out", out, batchDir).expect(t, ExitInvalid)
		f, err := excelize.OpenFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var cells strings.Builder
		for _, sheet := range f.GetSheetList() {
			rows, _ := f.GetRows(sheet)
			for _, row := range rows {
				cells.WriteString(strings.Join(row, "\t") + "\n")
			}
		}
		f.Close()
		all := cells.String()
		for _, want := range append(batchFiles, "duplicate_agency_cycle", "previous_cycle_contradicts", "E-DATE", "M1", "V2") {
			if !strings.Contains(all, want) {
				t.Errorf("%s workbook lacks %q", lang, want)
			}
		}
	}
}

// A workbook is a document of the batch like its YAML: the same agency and
// cycle in both is a duplicate, and a workbook carries its cycle forward.
func TestWorkbookTakesPartInTheBatch(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "a-2024.xlsx")
	if out, code := run(t, "convert", "--lang", "en", batchDir+"/a-2024.yaml", book); code != ExitOK {
		t.Fatalf("convert: exit %d: %s", code, out)
	}
	out := forerunner(t, "eval", "-o", "jsonl", batchDir+"/a-2024.yaml", book).expect(t, ExitInvalid).stdout
	if strings.Count(out, `"duplicate_agency_cycle"`) != 2 {
		t.Errorf("a YAML and its workbook must both be refused as duplicates:\n%s", out)
	}
	out = forerunner(t, "eval", "-o", "jsonl", book, batchDir+"/a-2025.yaml").expect(t, ExitOK).stdout
	if !strings.Contains(out, "previous_cycle taken from "+book) {
		t.Errorf("the workbook's cycle must carry forward into the next:\n%s", out)
	}
}
