package workbook

import (
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// instructionRules are the filling rules shown above the table of sheets.
var instructionRules = []i18n.Text{
	i18n.T("每张工作表是证据的一部分。列表类工作表第 1 行是列名，第 2 行（隐藏）是字段名，请勿修改或删除；从第 3 行起每行填写一条记录。",
		"Each sheet is one part of the evidence. On a list sheet, row 1 holds the column names and hidden row 2 the field names: do not change or delete them; fill in one record per row from row 3."),
	i18n.T("单项信息表（如“评估机构、评估周期、上一周期”）在“填写”列逐行填写。",
		"On a sheet of single facts (such as \"Agency, Cycle, Previous cycle\") fill in the Value column, one fact per row."),
	i18n.T("带 * 的列必须填写；选中单元格可看到该列的说明。是/否和带下拉箭头的列请从列表中选择。",
		"Columns marked * are required; select a cell to see what its column holds. Pick yes/no and other choices from the drop-down."),
	i18n.T("日期请输入真正的日期（如 2024-03-05），数字请输入数值：以文本形式保存的日期或数字会被报告为错误。",
		"Enter dates as dates (e.g. 2024-03-05) and numbers as numbers: a date or number stored as text is reported as an error."),
	i18n.T("子表的第一列是上级表的键（如统一社会信用代码、企业标准编号），必须与上级表中某一行的键相同；上级表中被引用的键不得重复。",
		"The first column of a child sheet holds its parent's key (such as the credit code or the standard code): it must equal the key of one row of the parent sheet, and a key that is linked to must not repeat."),
	i18n.T("不要合并单元格。公式按其缓存值读取（即最近一次在电子表格软件中计算并保存的结果）。",
		"Do not merge cells. Formulas are read as their cached values (the result last calculated and saved by the spreadsheet program)."),
	i18n.T("不要新增或重命名工作表（本说明表除外，读取时忽略）。错误信息会指出工作表和单元格，如 入围企业!C7。",
		"Do not add or rename sheets (this instructions sheet excepted: it is not read). Errors name the sheet and cell, e.g. 'Listed enterprises'!C7."),
}

// writeInstructions fills the first sheet: the rules, then one row per
// sheet with what it holds and the clauses it feeds, quoted from the bundle.
func (ew *evidenceWriter) writeInstructions() error {
	f, name := ew.f, ew.tr(instructionsSheet)
	if err := f.SetCellStr(name, "A1", ew.tr(i18n.T("证据工作簿填写说明", "How to fill in the evidence workbook"))); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "A1", ew.styles.title); err != nil {
		return err
	}
	r := 3
	for i, rule := range instructionRules {
		if err := f.SetCellStr(name, cellName(1, r), strconv.Itoa(i+1)+". "+ew.tr(rule)); err != nil {
			return err
		}
		r++
	}
	r++
	heads := []any{ew.tr(i18n.T("工作表", "Sheet")), ew.tr(i18n.T("内容", "What it holds")), ew.tr(i18n.T("依据条款", "Clauses it feeds"))}
	if err := f.SetSheetRow(name, cellName(1, r), &heads); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, cellName(1, r), cellName(3, r), ew.styles.header); err != nil {
		return err
	}
	for _, s := range ew.layout.Sheets {
		r++
		if err := ew.instructionRow(name, r, s); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 26, "B": 50, "C": 100} {
		if err := f.SetColWidth(name, col, col, width); err != nil {
			return err
		}
	}
	return nil
}

func (ew *evidenceWriter) instructionRow(name string, r int, s *Sheet) error {
	f := ew.f
	sheet := ew.tr(s.Name)
	holds := ew.tr(s.Help)
	if s.Parent != nil {
		holds += ew.tr(i18n.T("。每行以第一列（"+s.Parent.Key.Header.ZH+"）链接到“"+s.Parent.Name.ZH+"”中的一行。",
			". Each row links to a row of '"+s.Parent.Name.EN+"' by its first column ("+s.Parent.Key.Header.EN+")."))
	}
	cells := []any{sheet, holds, ew.clauseText(s.clauses)}
	if err := f.SetSheetRow(name, cellName(1, r), &cells); err != nil {
		return err
	}
	if err := f.SetCellHyperLink(name, cellName(1, r), "'"+sheet+"'!A1", "Location"); err != nil {
		return err
	}
	return f.SetCellStyle(name, cellName(1, r), cellName(3, r), ew.styles.wrap)
}

// clauseText quotes every clause whose id is one of ids or below one.
func (ew *evidenceWriter) clauseText(ids []string) string {
	var lines []string
	for _, c := range ew.opts.Clauses {
		if !feeds(ids, c.ID) {
			continue
		}
		line := c.ID + " " + ew.tr(c.Title)
		if text := ew.tr(c.Text); text != "" {
			line += ew.tr(i18n.T("：「", ": “")) + strings.TrimSpace(text) + ew.tr(i18n.T("」", "”"))
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

func feeds(ids []string, clause string) bool {
	for _, id := range ids {
		if clause == id || strings.HasPrefix(clause, id+".") {
			return true
		}
	}
	return false
}
