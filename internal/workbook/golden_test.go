package workbook

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// testClauses stand for the bundle's clauses in the golden template, so
// the golden files do not change with the policy's wording.
var testClauses = []Clause{
	{ID: "1.3", Title: i18n.T("按时提交", "Submitted on time"), Text: i18n.T("按时在信息平台提交材料。", "Materials submitted on the platform on time.")},
	{ID: "2.5.a", Title: i18n.T("无事故", "No accidents"), Text: i18n.T("近三年未发生事故。", "No accident in three years.")},
	{ID: "V2", Title: i18n.T("未发布", "Nothing published"), Text: i18n.T("连续两年未发布。", "Nothing published for two years.")},
}

// TestTemplateGolden pins the empty evidence workbook of each language:
// sheets, visible and hidden rows, drop-downs and checks, prompts, panes
// and the instructions.
func TestTemplateGolden(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteEvidence(&buf, nil, Options{Lang: lang, Clauses: testClauses}); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got := describeBook(t, f)
			golden := filepath.Join("testdata", "template."+string(lang)+".txt")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				t.Errorf("template differs from %s (run with -update after checking the change):\n%s", golden, firstDiff(got, string(want)))
			}
		})
	}
}

// describeBook renders what a user sees and what the reader relies on.
func describeBook(t *testing.T, f *excelize.File) string {
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		visible, _ := f.GetSheetVisible(sheet)
		panes, _ := f.GetPanes(sheet)
		fmt.Fprintf(&b, "== %s visible=%v freeze=%v x=%d y=%d\n", sheet, visible, panes.Freeze, panes.XSplit, panes.YSplit)
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			shown, _ := f.GetRowVisible(sheet, r+1)
			mark := ""
			if !shown {
				mark = " (hidden)"
			}
			fmt.Fprintf(&b, "%d%s: %s\n", r+1, mark, strings.Join(row, " | "))
		}
		dvs, _ := f.GetDataValidations(sheet)
		for _, dv := range dvs {
			fmt.Fprintf(&b, "  check %s %s %s %s", dv.Sqref, dv.Type, dv.Formula1, dv.Formula2)
			if dv.PromptTitle != nil {
				fmt.Fprintf(&b, " prompt=%q", *dv.PromptTitle)
			}
			b.WriteString("\n")
		}
		if visible, _ := f.GetColVisible(sheet, "D"); !visible {
			b.WriteString("  column D hidden\n")
		}
	}
	return b.String()
}

func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d lines, want %d", len(g), len(w))
}
