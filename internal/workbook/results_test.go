package workbook

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/xuri/excelize/v2"
)

var testEngine = sync.OnceValues(func() (*engine.Engine, error) {
	return engine.Load(context.Background(), engine.LoadOptions{WithoutTests: true}, engine.Options{})
})

type scored struct {
	file   string
	result *engine.Result
}

// scoreExamples scores every valid example with the embedded bundle.
func scoreExamples(t testing.TB) (*engine.Engine, []scored) {
	t.Helper()
	eng, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	var out []scored
	for _, path := range validExamples(t) {
		r, err := eng.Eval(context.Background(), loadValue(t, path), "sha256:test")
		if err != nil {
			t.Fatal(err)
		}
		r.Input = &engine.Input{Path: filepath.Base(path), Digest: "sha256:test"}
		out = append(out, scored{file: filepath.Base(path), result: r})
	}
	// and one with serious misconduct, listed beside the vetoes
	misconduct := loadValue(t, "../../testdata/evidence/valid/level1.yaml").(map[string]any)
	misconduct["findings"].(map[string]any)["serious_misconduct"] = []any{
		map[string]any{"date": "2024-05-06", "summary": "伪造评价记录", "reference": "通报〔2024〕1号"}}
	r, err := eng.Eval(context.Background(), misconduct, "sha256:misconduct")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Misconduct) == 0 {
		t.Fatal("the misconduct finding was not reported by the policy")
	}
	r.Input = &engine.Input{Path: "misconduct.yaml"}
	return eng, append(out, scored{file: "misconduct.yaml", result: r})
}

func writeResults(t testing.TB, eng *engine.Engine, results []scored, lang i18n.Lang) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	rw, err := NewResults(&buf, ResultsOptions{Lang: lang, Model: eng.Model()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range results {
		if err := rw.Write(s.result); err != nil {
			t.Fatal(err)
		}
	}
	if err := rw.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheetRows reads a sheet as rows of raw values keyed by the header row, and
// checks that every cell holding a number is a number cell.
func sheetRows(t *testing.T, f *excelize.File, sheet string) []map[string]string {
	t.Helper()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("%s: %v", sheet, err)
	}
	var out []map[string]string
	for r, row := range rows[1:] {
		m := map[string]string{}
		for c, v := range row {
			m[rows[0][c]] = v
			if _, err := strconv.Atoi(v); err == nil && v != "" {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+2)
				if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
					t.Errorf("%s!%s holds %q as text (type %v)", sheet, cell, v, typ)
				}
			}
		}
		out = append(out, m)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestResultsWorkbookMatchesResults reads the written workbook back and
// compares every value with the results it was written from.
func TestResultsWorkbookMatchesResults(t *testing.T) {
	eng, results := scoreExamples(t)
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			f := writeResults(t, eng, results, lang)
			say := func(zh, en string) string { return i18n.T(zh, en).In(lang) }
			checkItems(t, f, say(itemsSheet.ZH, itemsSheet.EN), results, lang)
			checkMatrix(t, f, say(matrixSheet.ZH, matrixSheet.EN), results)
			checkRanking(t, f, eng.Model(), results, lang)
			checkFindings(t, f, say(findingsSheet.ZH, findingsSheet.EN), results, lang)
			checkProvenance(t, f, say(provenanceSheet.ZH, provenanceSheet.EN), results)
			if list := f.GetSheetList(); list[0] != say(rankingSheet.ZH, rankingSheet.EN) {
				t.Errorf("first sheet %q is not a ranking", list[0])
			}
		})
	}
}

func agencyCols(lang i18n.Lang) (id, name, file, cycle string) {
	if lang == i18n.ZH {
		return "机构编号", "机构名称", "文件", "周期"
	}
	return "Agency id", "Agency", "File", "Cycle"
}

func checkItems(t *testing.T, f *excelize.File, sheet string, results []scored, lang i18n.Lang) {
	rows := sheetRows(t, f, sheet)
	idCol, nameCol, fileCol, cycleCol := agencyCols(lang)
	i := 0
	for _, s := range results {
		for _, it := range s.result.Items {
			if i >= len(rows) {
				t.Fatalf("%s: %d rows, more items", sheet, len(rows))
			}
			row := rows[i]
			i++
			want := map[string]string{idCol: s.result.Agency.ID, nameCol: s.result.Agency.Name, fileCol: s.file, cycleCol: itoa(s.result.Cycle.Year),
				i18n.T("条款", "Item").In(lang): it.ID, i18n.T("得分", "Points").In(lang): itoa(it.Points), i18n.T("满分", "Max").In(lang): itoa(it.Max),
				i18n.T("档位", "Tier").In(lang): it.Tier, i18n.T("标题", "Title").In(lang): it.Title.In(lang), i18n.T("理由", "Reason").In(lang): it.Reason.In(lang),
				i18n.T("证据位置", "Evidence").In(lang):      strings.Join(it.Evidence, "\n"),
				i18n.T("解释", "Interpretations").In(lang): strings.Join(it.Interpretations, ", "),
				i18n.T("规则", "Rule").In(lang):            fmt.Sprintf("%s:%d", it.Source.File, it.Source.Row)}
			compareRow(t, sheet, i+1, row, want)
		}
	}
	if i != len(rows) {
		t.Errorf("%s: %d rows for %d items", sheet, len(rows), i)
	}
}

func compareRow(t *testing.T, sheet string, row int, got, want map[string]string) {
	t.Helper()
	for col, w := range want {
		if got[col] != w {
			t.Errorf("%s row %d %s = %q, want %q", sheet, row, col, got[col], w)
		}
	}
}

func checkMatrix(t *testing.T, f *excelize.File, sheet string, results []scored) {
	rows := sheetRows(t, f, sheet)
	if len(rows) != len(results) {
		t.Fatalf("%s: %d rows for %d results", sheet, len(rows), len(results))
	}
	for i, s := range results {
		want := map[string]string{}
		for _, it := range s.result.Items {
			want[it.ID] = itoa(it.Points)
		}
		compareRow(t, sheet, i+2, rows[i], want)
	}
}

func checkRanking(t *testing.T, f *excelize.File, m *model.Model, results []scored, lang i18n.Lang) {
	byYear := map[int][]scored{}
	for _, s := range results {
		byYear[s.result.Cycle.Year] = append(byYear[s.result.Cycle.Year], s)
	}
	counted := map[string]int{}
	for year, group := range byYear {
		sort.SliceStable(group, func(i, j int) bool {
			a, b := group[i].result, group[j].result
			if a.Level.Level != b.Level.Level {
				return a.Level.Level < b.Level.Level
			}
			return a.Total.Points > b.Total.Points
		})
		sheet := rankingSheet.In(lang)
		var rows []map[string]string
		for _, row := range sheetRows(t, f, sheet) {
			if row[i18n.T("周期", "Cycle").In(lang)] == itoa(year) {
				rows = append(rows, row)
			}
		}
		if len(rows) != len(group) {
			t.Fatalf("%s %d: %d rows for %d results", sheet, year, len(rows), len(group))
		}
		for i, s := range group {
			r := s.result
			want := map[string]string{
				i18n.T("名次", "Rank").In(lang): itoa(i + 1), i18n.T("机构编号", "Agency id").In(lang): r.Agency.ID,
				i18n.T("文件", "File").In(lang): s.file, i18n.T("等级", "Level").In(lang): itoa(r.Level.Level),
				i18n.T("总分", "Total").In(lang): itoa(r.Total.Points), i18n.T("可得满分", "Max").In(lang): itoa(r.Total.Max),
				i18n.T("开始", "Start").In(lang): r.Cycle.Start, i18n.T("结束", "End").In(lang): r.Cycle.End,
			}
			for c, score := range r.Categories {
				want[m.CategoryTitle(c).In(lang)] = itoa(score.Points)
			}
			var vetoes []string
			for _, v := range r.Vetoes {
				vetoes = append(vetoes, v.ID)
			}
			for _, m := range r.Misconduct {
				vetoes = append(vetoes, m.ID)
			}
			want[i18n.T("否决项", "Vetoes").In(lang)] = strings.Join(vetoes, ", ")
			compareRow(t, sheet, i+2, rows[i], want)
			counted[itoa(year)+"/"+itoa(r.Level.Level)]++
		}
	}
	levels := sheetRows(t, f, levelsSheet.In(lang))
	for _, row := range levels {
		key := row[i18n.T("周期", "Cycle").In(lang)] + "/" + row[i18n.T("等级", "Level").In(lang)]
		if got := row[i18n.T("机构数", "Agencies").In(lang)]; got != itoa(counted[key]) {
			t.Errorf("levels %s: %s, want %d", key, got, counted[key])
		}
		delete(counted, key)
	}
	if len(counted) > 0 {
		t.Errorf("levels sheet misses %v", counted)
	}
}

func checkFindings(t *testing.T, f *excelize.File, sheet string, results []scored, lang i18n.Lang) {
	rows := sheetRows(t, f, sheet)
	i := 0
	for _, s := range results {
		for _, v := range s.result.Vetoes {
			compareRow(t, sheet, i+2, rows[i], map[string]string{i18n.T("编号", "Id").In(lang): v.ID,
				i18n.T("说明", "Message").In(lang): v.Reason.In(lang), i18n.T("证据位置", "Evidence").In(lang): strings.Join(v.Evidence, "\n")})
			i++
		}
		for _, m := range s.result.Misconduct {
			compareRow(t, sheet, i+2, rows[i], map[string]string{i18n.T("编号", "Id").In(lang): m.ID,
				i18n.T("说明", "Message").In(lang): m.Reason.In(lang) + "\n" + m.Consequence.In(lang)})
			i++
		}
		for _, w := range s.result.Warnings {
			compareRow(t, sheet, i+2, rows[i], map[string]string{i18n.T("说明", "Message").In(lang): w.Text().In(lang),
				i18n.T("证据位置", "Evidence").In(lang): w.At})
			i++
		}
	}
	if i != len(rows) {
		t.Errorf("%s: %d rows, want %d", sheet, len(rows), i)
	}
}

func checkProvenance(t *testing.T, f *excelize.File, sheet string, results []scored) {
	rows := sheetRows(t, f, sheet)
	for i, s := range results {
		p := s.result.Provenance
		for _, want := range []string{p.Engine, p.BundleRevision, p.BundleDigest, p.EvidenceDigest} {
			found := false
			for _, v := range rows[i] {
				found = found || v == want
			}
			if !found {
				t.Errorf("%s row %d lacks %q", sheet, i+2, want)
			}
		}
	}
}

// The level column is coloured by the level's standing in the model.
func TestRankingLevelColours(t *testing.T) {
	eng, results := scoreExamples(t)
	f := writeResults(t, eng, results, i18n.EN)
	rows, _ := f.GetRows("Ranking")
	col := -1
	for i, h := range rows[0] {
		if h == "Level" {
			col = i + 1
		}
	}
	seen := map[string]bool{}
	for r := 2; r <= len(rows); r++ {
		cell, _ := excelize.CoordinatesToCellName(col, r)
		level, _ := strconv.Atoi(rows[r-1][col-1])
		want := fillFailing
		switch eng.Model().StandingOf(level) {
		case model.Passing:
			want = fillPassing
			if eng.Model().Graded()[0].Level == level {
				want = fillBest
			}
		case model.LowestPass:
			want = fillLowest
		}
		id, _ := f.GetCellStyle("Ranking", cell)
		style, err := f.GetStyle(id)
		if err != nil || len(style.Fill.Color) == 0 || !strings.EqualFold(style.Fill.Color[0], want) {
			t.Errorf("%s (level %d): fill %v, want %s", cell, level, style.Fill.Color, want)
		}
		seen[want] = true
	}
	if len(seen) < 3 {
		t.Errorf("the examples show only %d colours", len(seen))
	}
}

// The ranking shows each result's first plan in the workbook's language, and
// how many others there are; without a plan, why the next level is out of reach.
func TestRankingShowsTheFirstPlan(t *testing.T) {
	eng, results := scoreExamples(t)
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		f := writeResults(t, eng, results, lang)
		var cells []string
		for _, sheet := range f.GetSheetList() {
			rows, err := f.GetRows(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for _, row := range rows {
				cells = append(cells, row...)
			}
		}
		all := strings.Join(cells, "\n")
		planned, outOfReach := 0, 0
		for _, s := range results {
			n := s.result.NextLevel
			switch {
			case n == nil:
			case len(n.Plans) > 0:
				planned++
				if want := n.Plans[0].Summary.In(lang); !strings.Contains(all, want) {
					t.Errorf("%s (%s): the first plan %q is not in the workbook", s.file, lang, want)
				}
			case len(n.Unreachable) > 0: // no plan: why the level is out of reach
				outOfReach++
				if want := n.Unreachable[0].Summary.In(lang); want == "" || !strings.Contains(all, want) {
					t.Errorf("%s (%s): why the level is out of reach (%q) is not in the workbook", s.file, lang, want)
				}
			}
		}
		if planned == 0 || outOfReach == 0 {
			t.Fatalf("%d examples with a plan, %d out of reach: the test checks too little", planned, outOfReach)
		}
	}
}
