package workbook

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/xuri/excelize/v2"
)

// ResultsOptions say how to write a results workbook.
type ResultsOptions struct {
	Lang i18n.Lang
	// Model gives the items (matrix columns, in clause order), the
	// categories and the levels with their titles; may be nil.
	Model *model.Model
}

// ResultsWriter writes the results of a run as a workbook: the detail
// sheets are streamed as results come; the ranking per cycle and the counts
// per level, which need every result, are written at Close from a small
// summary kept per result.
type ResultsWriter struct {
	w          io.Writer
	opts       ResultsOptions
	f          *excelize.File
	sheets     map[string]*streamSheet
	itemIDs    []string
	categories []string
	summaries  []summary
	fills      map[string]int // level colour → style

	header int
}

// streamSheet is a streamed sheet and its next row.
type streamSheet struct {
	name  string
	table string
	sw    *excelize.StreamWriter
	row   int
	cols  int
}

// summary is the little kept of each result for the ranking.
type summary struct {
	index                   int
	file, agencyID, name    string
	year                    int
	start, end              string
	scored                  bool
	level                   int
	levelTitle, consequence i18n.Text
	misconduct              *i18n.Text
	total, max              int
	categories              map[string]int
	vetoes                  []string
	next                    string
}

// Sheet names and table names of the results workbook.
var (
	rankingSheet    = i18n.T("排名", "Ranking")
	levelsSheet     = i18n.T("各等级数量", "Levels")
	matrixSheet     = i18n.T("得分矩阵", "Points matrix")
	itemsSheet      = i18n.T("逐项得分", "Items")
	findingsSheet   = i18n.T("否决与警告", "Vetoes and warnings")
	provenanceSheet = i18n.T("来源", "Provenance")
)

// Level colours by standing in the model (no level is named): the best
// level green, other passing levels blue, the lowest passing one amber,
// the failing level (or one the bundle lacks) red.
const (
	fillBest    = "C6EFCE"
	fillPassing = "DDEBF7"
	fillLowest  = "FFEB9C"
	fillFailing = "FFC7CE"
)

// NewResults starts a results workbook on w; call Write for each result,
// then Close.
func NewResults(w io.Writer, opts ResultsOptions) (*ResultsWriter, error) {
	if opts.Model == nil {
		opts.Model = &model.Model{}
	}
	rw := &ResultsWriter{w: w, opts: opts, f: excelize.NewFile(), sheets: map[string]*streamSheet{}, fills: map[string]int{}}
	for _, it := range opts.Model.Items {
		rw.itemIDs = append(rw.itemIDs, it.ID)
	}
	for _, c := range opts.Model.Categories {
		rw.categories = append(rw.categories, c.ID)
	}
	if err := rw.start(); err != nil {
		rw.f.Close()
		return nil, err
	}
	return rw, nil
}

func (rw *ResultsWriter) tr(t i18n.Text) string { return t.In(rw.opts.Lang) }

func (rw *ResultsWriter) say(zh, en string) string { return i18n.T(zh, en).In(rw.opts.Lang) }

func (rw *ResultsWriter) start() error {
	var err error
	if rw.header, err = rw.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"}}); err != nil {
		return err
	}
	for _, color := range []string{fillBest, fillPassing, fillLowest, fillFailing} {
		if rw.fills[color], err = rw.f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{color}}}); err != nil {
			return err
		}
	}
	agency := rw.agencyHeads()
	matrix := append(agency, rw.matrixHeads()...)
	sheets := []struct {
		name   i18n.Text
		table  string
		heads  []string
		widths []float64
	}{
		{matrixSheet, "Matrix", matrix, append([]float64{14, 24, 24, 8}, repeat(9, len(matrix)-4)...)},
		{itemsSheet, "Items", append(agency, rw.say("条款", "Item"), rw.say("类别", "Category"), rw.say("标题", "Title"), rw.say("得分", "Points"),
			rw.say("满分", "Max"), rw.say("档位", "Tier"), rw.say("理由", "Reason"), rw.say("证据位置", "Evidence"),
			rw.say("解释", "Interpretations"), rw.say("规则", "Rule")), []float64{14, 24, 24, 8, 8, 12, 30, 8, 8, 10, 60, 40, 14, 40}},
		{findingsSheet, "Findings", append(agency, rw.say("种类", "Kind"), rw.say("编号", "Id"), rw.say("标题", "Title"),
			rw.say("说明", "Message"), rw.say("证据位置", "Evidence")), []float64{14, 24, 24, 8, 10, 10, 30, 60, 40}},
		{provenanceSheet, "Provenance", append(agency, rw.say("引擎", "Engine"), "OPA", rw.say("策略包修订", "Bundle revision"),
			rw.say("策略包摘要", "Bundle digest"), rw.say("证据摘要", "Evidence digest")), []float64{14, 24, 24, 8, 24, 10, 20, 40, 40}},
	}
	// the ranking and the counts come first but are written at Close:
	// their sheets are made now, as excelize cannot move streamed sheets
	if err = rw.f.SetSheetName("Sheet1", rw.tr(rankingSheet)); err != nil {
		return err
	}
	if _, err = rw.f.NewSheet(rw.tr(levelsSheet)); err != nil {
		return err
	}
	for _, s := range sheets {
		name := rw.tr(s.name)
		if _, err = rw.f.NewSheet(name); err != nil {
			return err
		}
		ss, err := rw.stream(name, s.table, s.heads, s.widths)
		if err != nil {
			return err
		}
		rw.sheets[s.table] = ss
	}
	return nil
}

func repeat(x float64, n int) []float64 {
	out := make([]float64, max(n, 0))
	for i := range out {
		out[i] = x
	}
	return out
}

// agencyHeads are the first columns of every detail sheet.
func (rw *ResultsWriter) agencyHeads() []string {
	return []string{rw.say("机构编号", "Agency id"), rw.say("机构名称", "Agency"), rw.say("文件", "File"), rw.say("周期", "Cycle")}
}

// matrixHeads are the item ids, in clause order (the Items sheet has titles).
func (rw *ResultsWriter) matrixHeads() []string { return slices.Clone(rw.itemIDs) }

// stream opens a streamed sheet with its widths, header and frozen panes.
func (rw *ResultsWriter) stream(name, table string, heads []string, widths []float64) (*streamSheet, error) {
	sw, err := rw.f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if i < len(heads) {
			if err := sw.SetColWidth(i+1, i+1, max(w, fitWidth(heads[i], 0))); err != nil {
				return nil, err
			}
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 2, YSplit: 1, TopLeftCell: "C2", ActivePane: "bottomRight"}); err != nil {
		return nil, err
	}
	row := make([]any, len(heads))
	for i, h := range heads {
		row[i] = excelize.Cell{StyleID: rw.header, Value: h}
	}
	if err := sw.SetRow("A1", row, excelize.RowOpts{Height: 30}); err != nil {
		return nil, err
	}
	return &streamSheet{name: name, table: table, sw: sw, row: 2, cols: len(heads)}, nil
}

func (s *streamSheet) add(values ...any) error {
	cell, _ := excelize.CoordinatesToCellName(1, s.row)
	s.row++
	return s.sw.SetRow(cell, values)
}

// finish adds the filter table over what was written and flushes.
func (s *streamSheet) finish() error {
	last, _ := excelize.CoordinatesToCellName(s.cols, max(s.row-1, 2))
	if err := s.sw.AddTable(&excelize.Table{Range: "A1:" + last, Name: s.table}); err != nil {
		return err
	}
	return s.sw.Flush()
}

// Write adds one result (scored or not), under the file it came from.
func (rw *ResultsWriter) Write(r *engine.Result) error {
	file := ""
	if r.Input != nil {
		file = r.Input.Path
	}
	agency := []any{r.Agency.ID, r.Agency.Name, file, cycleYear(r)}
	sum := rw.summarize(file, r)
	rw.summaries = append(rw.summaries, sum)
	if err := rw.writeMatrix(agency, r); err != nil {
		return err
	}
	for _, it := range r.Items {
		if err := rw.sheets["Items"].add(append(clone(agency), it.ID, rw.categoryTitle(it.Category), rw.tr(it.Title), it.Points, it.Max,
			it.Tier, rw.tr(it.Reason), strings.Join(it.Evidence, "\n"), strings.Join(it.Interpretations, ", "),
			fmt.Sprintf("%s:%d", it.Source.File, it.Source.Row))...); err != nil {
			return err
		}
	}
	if err := rw.writeFindings(agency, r); err != nil {
		return err
	}
	p := r.Provenance
	return rw.sheets["Provenance"].add(append(clone(agency), p.Engine, p.OPA, p.BundleRevision, p.BundleDigest, p.EvidenceDigest)...)
}

func clone(xs []any) []any { return append([]any(nil), xs...) }

// cycleYear is the cycle's year, or nothing for a result whose cycle could
// not be read (an invalid input).
func cycleYear(r *engine.Result) any {
	if r.Cycle.Year == 0 {
		return nil
	}
	return r.Cycle.Year
}

func (rw *ResultsWriter) writeMatrix(agency []any, r *engine.Result) error {
	if !r.Scored() {
		return nil
	}
	points := make(map[string]int, len(r.Items))
	for _, it := range r.Items {
		points[it.ID] = it.Points
	}
	row := clone(agency)
	for _, id := range rw.itemIDs {
		if p, ok := points[id]; ok {
			row = append(row, p)
		} else {
			row = append(row, nil)
		}
	}
	return rw.sheets["Matrix"].add(row...)
}

// writeFindings lists the vetoes that fired, the warnings and, for a
// result the policy refused, its errors.
func (rw *ResultsWriter) writeFindings(agency []any, r *engine.Result) error {
	s := rw.sheets["Findings"]
	for _, v := range r.Vetoes {
		if err := s.add(append(clone(agency), rw.say("否决项", "veto"), v.ID, rw.tr(v.Title), rw.tr(v.Reason), strings.Join(v.Evidence, "\n"))...); err != nil {
			return err
		}
	}
	for _, m := range r.Misconduct {
		message := rw.tr(m.Reason) + "\n" + rw.tr(m.Consequence)
		if err := s.add(append(clone(agency), rw.say("违法违规", "misconduct"), m.ID, rw.tr(m.Title), message, strings.Join(m.Evidence, "\n"))...); err != nil {
			return err
		}
	}
	for _, w := range r.Warnings {
		if err := s.add(append(clone(agency), rw.say("警告", "warning"), "", "", rw.tr(w.Text()), w.At)...); err != nil {
			return err
		}
	}
	for _, e := range r.Errors {
		if err := s.add(append(clone(agency), rw.say("未评分", "not scored"), e.Code, "", rw.tr(e.Text()), e.At)...); err != nil {
			return err
		}
	}
	return nil
}

func (rw *ResultsWriter) summarize(file string, r *engine.Result) summary {
	s := summary{index: len(rw.summaries), file: file, agencyID: r.Agency.ID, name: r.Agency.Name,
		year: r.Cycle.Year, start: r.Cycle.Start, end: r.Cycle.End, scored: r.Scored() && r.Level != nil && r.Total != nil}
	if !s.scored {
		return s
	}
	s.level, s.levelTitle, s.consequence, s.misconduct = r.Level.Level, r.Level.Title, r.Level.Consequence, r.Level.MisconductConsequence
	s.total, s.max = r.Total.Points, r.Total.Max
	s.categories = make(map[string]int, len(r.Categories))
	for c, score := range r.Categories {
		s.categories[c] = score.Points
	}
	for _, v := range r.Vetoes {
		s.vetoes = append(s.vetoes, v.ID)
	}
	for _, m := range r.Misconduct { // listed beside the vetoes
		s.vetoes = append(s.vetoes, m.ID)
	}
	s.next = rw.nextLevel(r.NextLevel)
	return s
}

// nextLevel says what would lift the agency a level: the first plan in full
// and how many others there are, or else what blocks it or the shortfall.
func (rw *ResultsWriter) nextLevel(n *engine.NextLevel) string {
	if n == nil {
		return ""
	}
	if len(n.Plans) > 0 { // a plan's summary names blocking vetoes first
		return fmt.Sprintf(rw.say("第 %d 级：%s（另有 %d 个方案）", "level %d: %s (%d other plans)"),
			n.Level, n.Plans[0].Summary.In(rw.opts.Lang), len(n.Plans)-1)
	}
	if said := rw.unreachable(n.Unreachable); said != "" { // names vetoes first
		return fmt.Sprintf(rw.say("第 %d 级：%s", "level %d: %s"), n.Level, said)
	}
	if n.BlockedByVetoes {
		return fmt.Sprintf(rw.say("第 %d 级：被否决项阻挡", "level %d: blocked by vetoes"), n.Level)
	}
	if n.BlockedByMisconduct {
		return fmt.Sprintf(rw.say("第 %d 级：因违法违规查实而不能升级", "level %d: held back by serious misconduct"), n.Level)
	}
	parts := make([]string, 0, len(n.Shortfall))
	for _, c := range slices.Sorted(maps.Keys(n.Shortfall)) {
		parts = append(parts, fmt.Sprintf("%s +%d", rw.categoryTitle(c), n.Shortfall[c]))
	}
	return fmt.Sprintf(rw.say("第 %d 级：差 %s", "level %d: short by %s"), n.Level, strings.Join(parts, ", "))
}

// unreachable joins the bundle's words on the conditions out of reach, or is "".
func (rw *ResultsWriter) unreachable(us []engine.Unreachable) string {
	parts := make([]string, 0, len(us))
	for _, u := range us {
		if u.Summary != (i18n.Text{}) {
			parts = append(parts, u.Summary.In(rw.opts.Lang))
		}
	}
	return strings.Join(parts, rw.say("。", ". "))
}

func (rw *ResultsWriter) categoryTitle(c string) string {
	if t := rw.opts.Model.CategoryTitle(c); t.ZH != "" || t.EN != "" {
		return rw.tr(t)
	}
	return c
}

func (rw *ResultsWriter) levelTitle(level int, fallback i18n.Text) string {
	if l, ok := rw.opts.Model.Level(level); ok && l.Title.ZH != "" {
		return rw.tr(l.Title)
	}
	return rw.tr(fallback)
}

// Close writes the ranking of each cycle and the counts per level, puts
// the rankings first, and writes the workbook to w.
func (rw *ResultsWriter) Close() error {
	defer rw.f.Close()
	for _, table := range []string{"Matrix", "Items", "Findings", "Provenance"} {
		if err := rw.sheets[table].finish(); err != nil {
			return err
		}
	}
	years := rw.cycles()
	if err := rw.writeRanking(years); err != nil {
		return err
	}
	if err := rw.writeLevels(years); err != nil {
		return err
	}
	// the ranking, the first sheet, is active as in any new file: setting it
	// would make excelize load every streamed sheet back into memory
	return rw.f.Write(rw.w)
}

// cycles lists the cycle years of the scored results, oldest first.
func (rw *ResultsWriter) cycles() []int {
	seen := map[int]bool{}
	var years []int
	for _, s := range rw.summaries {
		if s.scored && !seen[s.year] {
			seen[s.year] = true
			years = append(years, s.year)
		}
	}
	sort.Ints(years)
	return years
}

// ranked returns the scored results of a cycle by level (1 best), then
// total (higher first), then input order.
func (rw *ResultsWriter) ranked(year int) []summary {
	var out []summary
	for _, s := range rw.summaries {
		if s.scored && s.year == year {
			out = append(out, s)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].level != out[j].level {
			return out[i].level < out[j].level
		}
		return out[i].total > out[j].total
	})
	return out
}

func (rw *ResultsWriter) rankingHeads() []string {
	heads := []string{rw.say("周期", "Cycle"), rw.say("名次", "Rank"), rw.say("机构编号", "Agency id"), rw.say("机构名称", "Agency"), rw.say("文件", "File"),
		rw.say("开始", "Start"), rw.say("结束", "End"), rw.say("等级", "Level"), rw.say("等级名称", "Level title"),
		rw.say("总分", "Total"), rw.say("可得满分", "Max")}
	for _, c := range rw.categories {
		heads = append(heads, rw.categoryTitle(c))
	}
	return append(heads, rw.say("否决项", "Vetoes"), rw.say("后果", "Consequence"), rw.say("升级差距", "Next level"))
}

// writeRanking ranks the scored results of each cycle, oldest cycle first;
// the rank starts again at 1 in every cycle.
func (rw *ResultsWriter) writeRanking(years []int) error {
	name := rw.tr(rankingSheet)
	heads := rw.rankingHeads()
	rows := make([][]any, 0)
	for _, year := range years {
		for i, s := range rw.ranked(year) {
			rows = append(rows, rw.rankingRow(i+1, s))
		}
	}
	return rw.writeTable(name, "Ranking", heads, rows)
}

func (rw *ResultsWriter) rankingRow(rank int, s summary) []any {
	level := rw.levelCell(s.level)
	row := []any{s.year, rank, s.agencyID, s.name, s.file, s.start, s.end, level, rw.levelTitle(s.level, s.levelTitle), s.total, s.max}
	for _, c := range rw.categories {
		if p, ok := s.categories[c]; ok {
			row = append(row, p)
		} else {
			row = append(row, nil)
		}
	}
	consequence := rw.tr(s.consequence)
	if s.misconduct != nil {
		consequence += "\n" + rw.tr(*s.misconduct)
	}
	return append(row, strings.Join(s.vetoes, ", "), consequence, s.next)
}

// writeTable streams a sheet of rows held in memory (the small summary
// sheets), its columns fitted to them.
func (rw *ResultsWriter) writeTable(name, table string, heads []string, rows [][]any) error {
	ss, err := rw.stream(name, table, heads, fitColumns(heads, rows))
	if err != nil {
		return err
	}
	for _, row := range rows {
		if err := ss.add(row...); err != nil {
			return err
		}
	}
	return ss.finish()
}

// fitColumns sizes each column to its longest text (CJK counted double).
func fitColumns(heads []string, rows [][]any) []float64 {
	widths := make([]float64, len(heads))
	for i, h := range heads {
		widths[i] = fitWidth(h, 6)
	}
	for _, row := range rows {
		for i, v := range row {
			if c, ok := v.(excelize.Cell); ok {
				v = c.Value
			}
			if v != nil && i < len(widths) {
				widths[i] = max(widths[i], fitWidth(fmt.Sprint(v), 0))
			}
		}
	}
	return widths
}

// writeLevels counts the scored agencies per level of each cycle.
func (rw *ResultsWriter) writeLevels(years []int) error {
	name := rw.tr(levelsSheet)
	heads := []string{rw.say("周期", "Cycle"), rw.say("等级", "Level"), rw.say("等级名称", "Level title"), rw.say("机构数", "Agencies")}
	var rows [][]any
	for _, year := range years {
		counts, titles := map[int]int{}, map[int]i18n.Text{}
		for _, s := range rw.ranked(year) {
			counts[s.level]++
			titles[s.level] = s.levelTitle
		}
		for _, level := range rw.levels(counts) {
			rows = append(rows, []any{year, rw.levelCell(level), rw.levelTitle(level, titles[level]), counts[level]})
		}
	}
	return rw.writeTable(name, "Levels", heads, rows)
}

// levels are the bundle's levels (every one shown, even at zero) and any
// other level a result has.
func (rw *ResultsWriter) levels(counts map[int]int) []int {
	var out []int
	for _, l := range rw.opts.Model.Levels {
		out = append(out, l.Level)
	}
	for l := range counts {
		if !rw.opts.Model.HasLevel(l) {
			out = append(out, l)
		}
	}
	sort.Ints(out)
	return out
}

// levelCell is a level number coloured by its standing in the model.
func (rw *ResultsWriter) levelCell(level int) excelize.Cell {
	m := rw.opts.Model
	color := fillFailing
	switch m.StandingOf(level) {
	case model.Passing:
		color = fillPassing
		if graded := m.Graded(); len(graded) > 0 && graded[0].Level == level {
			color = fillBest
		}
	case model.LowestPass:
		color = fillLowest
	}
	return excelize.Cell{StyleID: rw.fills[color], Value: level}
}
