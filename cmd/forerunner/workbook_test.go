package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// A clerk's path: init a workbook, fill cells, validate with cell-level
// errors, fix them, and get a scored, explained result.
func TestClerkWorkbookPath(t *testing.T) {
	dir := t.TempDir()
	book := filepath.Join(dir, "evidence.xlsx")
	if out, code := run(t, "init", "--lang", "zh", book); code != ExitOK {
		t.Fatalf("init: exit %d: %s", code, out)
	}
	f, err := excelize.OpenFile(book)
	if err != nil {
		t.Fatal(err)
	}
	clauses, _ := f.GetRows("填写说明")
	if !strings.Contains(joinRows(clauses), "2.5.a") {
		t.Errorf("the instructions sheet quotes no clause of the bundle")
	}
	fill := map[string]map[string]any{
		"评估机构、评估周期、上一周期": {"B2": "AG-9", "B3": "某评估机构", "B5": 2024, "B6": "2024-01-01", "B7": "2024-12-31"},
		"基础指标":  {"B2": "2024-12-20", "B4": "是", "B5": 5, "B6": "否"},
		"核心指标":  {"B2": "其他 (other)"},
		"鼓励性指标": {"B2": "否"},
	}
	for sheet, cells := range fill {
		for cell, v := range cells {
			if s, ok := v.(string); ok && len(s) == 10 && s[4] == '-' {
				v = mustDate(t, s) // a real date cell, as a spreadsheet makes of a typed date
			}
			if err := f.SetCellValue(sheet, cell, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SetCellStr("基础指标", "B2", "2024年12月20日"); err != nil { // typed as text
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	out, code := run(t, "validate", "--lang", "zh", book)
	if code != ExitInvalid || !strings.Contains(out, "evidence.xlsx: 基础指标!B2: 错误 E-XLSX-DATE-TEXT") ||
		!strings.Contains(out, "(/basic/submission/deadline)") {
		t.Fatalf("validate: exit %d:\n%s", code, out)
	}
	if err := f.SetCellValue("基础指标", "B2", mustDate(t, "2024-12-20")); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	if out, code := run(t, "validate", book); code != ExitOK {
		t.Fatalf("validate after the fix: exit %d:\n%s", code, out)
	}
	if out, code := run(t, "eval", "--lang", "en", book); code != ExitOK || !strings.Contains(out, "Level") {
		t.Fatalf("eval: exit %d:\n%s", code, out)
	}
	if out, code := run(t, "explain", "--lang", "en", book, "1.4"); code != ExitOK || !strings.Contains(out, "1.4") {
		t.Fatalf("explain: exit %d:\n%s", code, out)
	}
}

func joinRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t") + "\n")
	}
	return b.String()
}

// convert goes YAML → workbook → JSON and the JSON validates as the same
// document; it never overwrites and refuses invalid input.
func TestConvertRoundTrip(t *testing.T) {
	dir := t.TempDir()
	src := "../../testdata/evidence/valid/level1.yaml"
	book, back := filepath.Join(dir, "l1.xlsx"), filepath.Join(dir, "l1.json")
	for _, step := range [][]string{{src, book}, {book, back}} {
		if out, code := run(t, "convert", "--lang", "en", step[0], step[1]); code != ExitOK {
			t.Fatalf("convert %v: exit %d: %s", step, code, out)
		}
	}
	want, _ := run(t, "eval", "-o", "json", src)
	got, _ := run(t, "eval", "-o", "json", back)
	if normalizeDigest(got) != normalizeDigest(want) {
		t.Errorf("the converted document scores differently")
	}
	if out, code := run(t, "convert", src, book); code != ExitUsage || !strings.Contains(out, "not overwritten") {
		t.Errorf("convert onto an existing file: exit %d: %s", code, out)
	}
	if out, code := run(t, "convert", "../../testdata/evidence/invalid/bad-date.yaml", filepath.Join(dir, "bad.xlsx")); code != ExitInvalid ||
		!strings.Contains(out, "E-DATE") {
		t.Errorf("convert of an invalid file: exit %d: %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "bad.xlsx")); err == nil {
		t.Error("an invalid document was converted")
	}
}

// normalizeDigest drops the lines that name the source's digest or path.
func normalizeDigest(s string) string {
	var keep []string
	for _, line := range strings.Split(s, "\n") {
		if !strings.Contains(line, "evidence_digest") && !strings.Contains(line, "\"input\"") && !strings.Contains(line, "\"source\"") &&
			!strings.Contains(line, "\"path\": ") && !strings.Contains(line, "\"digest\": ") {
			keep = append(keep, line)
		}
	}
	return strings.Join(keep, "\n")
}

func mustDate(t *testing.T, s string) any {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// eval -o xlsx --out writes the results workbook, which a spreadsheet
// library reads back with the scores as numbers; an existing file is kept.
func TestEvalResultsWorkbook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results.xlsx")
	files, _ := filepath.Glob("../../testdata/evidence/valid/level*.yaml")
	if msg, code := run(t, append([]string{"eval", "--lang", "en", "-o", "xlsx", "--out", out}, files...)...); code != ExitOK {
		t.Fatalf("eval -o xlsx: exit %d: %s", code, msg)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Ranking")
	if err != nil || len(rows) != len(files)+1 {
		t.Fatalf("ranking: %d rows (%v), want %d", len(rows), err, len(files)+1)
	}
	if typ, _ := f.GetCellType("Ranking", "J2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("the total is not a number cell (%v)", typ)
	}
	if rows[1][4] == "" || !strings.HasSuffix(rows[1][4], ".yaml") {
		t.Errorf("the ranking does not name the file: %v", rows[1])
	}
	if msg, code := run(t, "eval", "-o", "xlsx", "--out", out, files[0]); code != ExitUsage || !strings.Contains(msg, "not overwritten") {
		t.Errorf("eval onto an existing file: exit %d: %s", code, msg)
	}
	if msg, code := run(t, "explain", "-o", "xlsx", files[0], "2.3"); code != ExitUsage {
		t.Errorf("explain -o xlsx: exit %d: %s", code, msg)
	}
}

// An input that is not scored is still accounted for in the workbook: the
// file and why, on the vetoes-and-warnings sheet; it is not ranked.
func TestEvalResultsWorkbookKeepsUnscoredInputs(t *testing.T) {
	out := filepath.Join(t.TempDir(), "results.xlsx")
	bad := "../../testdata/evidence/invalid/bad-date.yaml"
	if msg, code := run(t, "eval", "--lang", "en", "-o", "xlsx", "--out", out, "../../testdata/evidence/valid/level1.yaml", bad); code != ExitInvalid {
		t.Fatalf("exit %d: %s", code, msg)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatalf("no workbook although one input was scored: %v", err)
	}
	defer f.Close()
	ranking, _ := f.GetRows("Ranking")
	if len(ranking) != 2 {
		t.Errorf("ranking has %d rows, want the header and the scored input", len(ranking))
	}
	findings, _ := f.GetRows("Vetoes and warnings")
	if !strings.Contains(joinRows(findings), bad) || !strings.Contains(joinRows(findings), "E-DATE") {
		t.Errorf("the unscored input is not accounted for:\n%s", joinRows(findings))
	}
}
