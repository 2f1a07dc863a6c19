package workbook

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// Clause is a clause of the standard as the bundle quotes it, for the
// instructions sheet.
type Clause struct {
	ID    string
	Title i18n.Text
	Text  i18n.Text
}

// Options say how to write an evidence workbook.
type Options struct {
	Lang i18n.Lang
	// Clauses are quoted on the instructions sheet next to the sheets that
	// feed them; may be empty.
	Clauses []Clause
}

// validatedRows is how far down a list sheet the drop-downs and checks reach.
const validatedRows = 65536

// WriteEvidence writes value (an evidence document; nil for an empty
// template) as an evidence workbook in opts.Lang. Every value is placed;
// one that cannot be (a nested list under a key used twice) is an error.
func WriteEvidence(w io.Writer, value any, opts Options) error {
	ew, err := newEvidenceWriter(EvidenceLayout(), opts)
	if err != nil {
		return err
	}
	defer ew.f.Close()
	if err := ew.write(value); err != nil {
		return err
	}
	return ew.f.Write(w)
}

type evidenceWriter struct {
	layout *Layout
	opts   Options
	f      *excelize.File
	styles styles
	lists  map[string]string // drop-down values joined → their range on the lists sheet
}

type styles struct {
	header, field, help, text, date, integer, plain, title, wrap int
}

func newEvidenceWriter(l *Layout, opts Options) (*evidenceWriter, error) {
	f := excelize.NewFile()
	ew := &evidenceWriter{layout: l, opts: opts, f: f, lists: map[string]string{}}
	if err := ew.newStyles(); err != nil {
		f.Close()
		return nil, err
	}
	return ew, nil
}

func (ew *evidenceWriter) tr(t i18n.Text) string { return t.In(ew.opts.Lang) }

func (ew *evidenceWriter) newStyles() error {
	var err error
	style := func(s *excelize.Style) int {
		id, e := ew.f.NewStyle(s)
		if e != nil && err == nil {
			err = e
		}
		return id
	}
	dateFormat := "yyyy-mm-dd"
	ew.styles = styles{
		header: style(&excelize.Style{Font: &excelize.Font{Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
			Alignment: &excelize.Alignment{WrapText: true, Vertical: "center"},
			Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}}}),
		field:   style(&excelize.Style{Font: &excelize.Font{Color: "808080", Size: 8}}),
		help:    style(&excelize.Style{Font: &excelize.Font{Color: "595959"}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
		text:    style(&excelize.Style{NumFmt: 49}),
		date:    style(&excelize.Style{CustomNumFmt: &dateFormat}),
		integer: style(&excelize.Style{NumFmt: 1}),
		plain:   style(&excelize.Style{}),
		title:   style(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}}),
		wrap:    style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}}),
	}
	return err
}

func (ew *evidenceWriter) write(value any) error {
	f := ew.f
	if err := f.SetSheetName("Sheet1", ew.tr(instructionsSheet)); err != nil {
		return err
	}
	if _, err := f.NewSheet(listsSheet); err != nil {
		return err
	}
	for _, s := range ew.layout.Sheets {
		if _, err := f.NewSheet(ew.tr(s.Name)); err != nil {
			return err
		}
		var err error
		if s.Form {
			err = ew.writeForm(s, value)
		} else {
			err = ew.writeList(s, value)
		}
		if err != nil {
			return err
		}
	}
	if err := ew.writeInstructions(); err != nil {
		return err
	}
	if err := f.SetSheetVisible(listsSheet, false); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return nil
}

// writeForm writes a sheet of single facts: one row per field with its
// label, value, help and (hidden) field name.
func (ew *evidenceWriter) writeForm(s *Sheet, value any) error {
	f, name := ew.f, ew.tr(s.Name)
	heads := []any{ew.tr(i18n.T("项目", "Field")), ew.tr(i18n.T("填写", "Value")), ew.tr(i18n.T("说明", "Help")), "field"}
	if err := f.SetSheetRow(name, "A1", &heads); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, "A1", "D1", ew.styles.header); err != nil {
		return err
	}
	for i, c := range s.Columns {
		r := formFirstRow + i
		cells := []any{ew.header(c), nil, ew.helpText(c), c.Field}
		if err := f.SetSheetRow(name, cellName(formLabelCol, r), &cells); err != nil {
			return err
		}
		valueCell := cellName(formValueCol, r)
		if err := f.SetCellStyle(name, valueCell, valueCell, ew.kindStyle(c)); err != nil {
			return err
		}
		if err := ew.validate(name, valueCell, c); err != nil {
			return err
		}
		if v, ok := get(value, c.Path); ok {
			if err := ew.setCell(name, valueCell, c, v); err != nil {
				return err
			}
		}
	}
	last := formFirstRow + len(s.Columns) - 1
	if err := f.SetCellStyle(name, cellName(formHelpCol, formFirstRow), cellName(formHelpCol, max(last, formFirstRow)), ew.styles.help); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "A", "A", 36); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "B", "B", 22); err != nil {
		return err
	}
	if err := f.SetColWidth(name, "C", "C", 70); err != nil {
		return err
	}
	if err := f.SetColVisible(name, "D", false); err != nil {
		return err
	}
	return f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// writeList writes a list sheet: visible header, hidden field names, then
// one row per item (for a nested list, per item of every parent).
func (ew *evidenceWriter) writeList(s *Sheet, value any) error {
	f, name := ew.f, ew.tr(s.Name)
	for i, c := range s.Columns {
		col := i + 1
		if err := f.SetCellStr(name, cellName(col, headerRow), ew.header(c)); err != nil {
			return err
		}
		if err := f.SetCellStr(name, cellName(col, fieldRow), c.Field); err != nil {
			return err
		}
		letter, _ := excelize.ColumnNumberToName(col)
		if err := f.SetColStyle(name, letter, ew.kindStyle(c)); err != nil {
			return err
		}
		if err := ew.validate(name, fmt.Sprintf("%s%d:%s%d", letter, firstDataRow, letter, validatedRows), c); err != nil {
			return err
		}
	}
	lastCol := cellName(len(s.Columns), headerRow)
	if err := f.SetCellStyle(name, "A1", lastCol, ew.styles.header); err != nil {
		return err
	}
	if err := f.SetCellStyle(name, cellName(1, fieldRow), cellName(len(s.Columns), fieldRow), ew.styles.field); err != nil {
		return err
	}
	if err := f.SetRowVisible(name, fieldRow, false); err != nil {
		return err
	}
	widths, err := ew.writeRows(s, name, value)
	if err != nil {
		return err
	}
	for i, wd := range widths {
		letter, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(name, letter, letter, wd); err != nil {
			return err
		}
	}
	panes := &excelize.Panes{Freeze: true, YSplit: fieldRow, TopLeftCell: cellName(1, firstDataRow), ActivePane: "bottomLeft"}
	if s.Parent != nil {
		panes.XSplit, panes.TopLeftCell, panes.ActivePane = 1, cellName(2, firstDataRow), "bottomRight"
	}
	return f.SetPanes(name, panes)
}

// writeRows writes the items and returns the column widths that fit them.
func (ew *evidenceWriter) writeRows(s *Sheet, name string, value any) ([]float64, error) {
	widths := make([]float64, len(s.Columns))
	for i, c := range s.Columns {
		widths[i] = fitWidth(ew.header(c), 10)
	}
	if value == nil {
		return widths, nil
	}
	if err := ew.checkKeys(s, value); err != nil {
		return nil, err
	}
	for n, r := range s.rows(value) {
		for i, c := range s.Columns {
			v, ok := r.link, c.link
			if !c.link {
				v, ok = get(r.item, c.Path)
			}
			if !ok {
				continue
			}
			if err := ew.setCell(name, cellName(i+1, firstDataRow+n), c, v); err != nil {
				return nil, err
			}
			widths[i] = max(widths[i], fitWidth(ew.display(c, v), 0))
		}
	}
	return widths, nil
}

// checkKeys refuses to write child rows that could not be linked back to
// their parent: a parent key used twice or missing.
func (ew *evidenceWriter) checkKeys(s *Sheet, value any) error {
	if s.Parent == nil {
		return nil
	}
	seen := map[string]int{}
	for _, p := range s.Parent.rows(value) {
		key, _ := get(p.item, s.Parent.Key.Path)
		text := fmt.Sprint(key)
		if list, _ := get(p.item, s.Path); len(asList(list)) > 0 && (key == nil || seen[text] > 0) {
			return fmt.Errorf("%s: %s", p.pointer, i18n.Tf("%s 为 %q 的行不止一行或为空，%s 无法链接到它",
				"%s %q is empty or used by more than one row, so %s cannot be linked to it",
				s.Parent.Key.Header.ZH, text, s.Name.ZH).In(ew.opts.Lang))
		}
		seen[text]++
	}
	return nil
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// setCell writes one value with the cell type its column expects.
func (ew *evidenceWriter) setCell(sheet, cell string, c *Column, v any) error {
	f := ew.f
	if v == nil && c.nullable {
		return f.SetCellStr(sheet, cell, nullWord)
	}
	switch c.kind {
	case kindInteger:
		if text, ok := integerText(v); ok {
			n, _ := strconv.ParseInt(text, 10, 64)
			return f.SetCellInt(sheet, cell, n)
		}
	case kindDate:
		if s, ok := v.(string); ok {
			if t, err := time.Parse(time.DateOnly, s); err == nil {
				if err := f.SetCellValue(sheet, cell, t); err != nil {
					return err
				}
				return f.SetCellStyle(sheet, cell, cell, ew.styles.date)
			}
		}
	case kindBoolean:
		if b, ok := v.(bool); ok {
			return f.SetCellStr(sheet, cell, ew.tr(booleanWords[b]))
		}
	case kindEnum:
		if s, ok := v.(string); ok {
			if l, ok := c.labels[s]; ok {
				return f.SetCellStr(sheet, cell, ew.tr(l))
			}
		}
	}
	if s, ok := v.(string); ok {
		return f.SetCellStr(sheet, cell, s)
	}
	return fmt.Errorf("%s!%s: %s", sheet, cell, i18n.Tf("值 %v 不符合该列的类型", "value %v does not fit the column's type", v).In(ew.opts.Lang))
}

// display is the text a value shows, for column widths.
func (ew *evidenceWriter) display(c *Column, v any) string {
	switch x := v.(type) {
	case bool:
		return ew.tr(booleanWords[x])
	case string:
		if l, ok := c.labels[x]; ok {
			return ew.tr(l)
		}
		return x
	}
	return fmt.Sprint(v)
}

func (ew *evidenceWriter) header(c *Column) string {
	h := ew.tr(c.Header)
	if c.Required {
		h += " *"
	}
	return h
}

// helpText is a field's description with the values it takes.
func (ew *evidenceWriter) helpText(c *Column) string {
	help := ew.tr(c.Help)
	if choices := ew.choices(c); len(choices) > 0 {
		help += ew.tr(i18n.T("。可选：", ". Choose: ")) + strings.Join(choices, ew.tr(i18n.T("、", ", ")))
	}
	switch c.kind {
	case kindDate:
		help += ew.tr(i18n.T("。填日期，如 2024-03-05", ". A date, e.g. 2024-03-05"))
		if c.nullable {
			help += ew.tr(i18n.T("；没有时留空", "; leave empty when there is none"))
		}
	case kindInteger:
		help += ew.tr(i18n.T("。填整数", ". A whole number"))
	}
	return help
}

// choices are a drop-down's values in the workbook's language.
func (ew *evidenceWriter) choices(c *Column) []string {
	switch c.kind {
	case kindBoolean:
		return []string{ew.tr(booleanWords[true]), ew.tr(booleanWords[false])}
	case kindEnum:
		out := make([]string, len(c.enum))
		for i, code := range c.enum {
			out[i] = ew.tr(c.labels[code])
		}
		return out
	}
	return nil
}

func (ew *evidenceWriter) kindStyle(c *Column) int {
	switch c.kind {
	case kindDate:
		return ew.styles.date
	case kindInteger:
		return ew.styles.integer
	case kindText:
		return ew.styles.text
	}
	return ew.styles.plain
}

// validate adds the column's data validation to sqref: a drop-down for
// booleans and enums, a date or whole-number check otherwise; every one
// shows the field's help when a cell is selected.
func (ew *evidenceWriter) validate(sheet, sqref string, c *Column) error {
	dv := excelize.NewDataValidation(true)
	dv.Sqref = sqref
	var err error
	switch c.kind {
	case kindBoolean, kindEnum:
		ref, e := ew.listRange(ew.choices(c))
		dv.SetSqrefDropList(ref)
		err = e
		dv.SetError(excelize.DataValidationErrorStyleStop, ew.tr(i18n.T("请从列表中选择", "Choose from the list")),
			strings.Join(ew.choices(c), ", "))
	case kindDate:
		if c.nullable {
			break // "null" is allowed as text
		}
		err = dv.SetRange(1, 2958465, excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, ew.tr(i18n.T("不是日期", "Not a date")),
			ew.tr(i18n.T("请输入日期，如 2024-03-05", "Enter a date, e.g. 2024-03-05")))
	case kindInteger:
		low := int64(-2147483648)
		if c.min != nil {
			low = *c.min
		}
		high := int64(2147483647)
		if c.max != nil {
			high = *c.max
		}
		err = dv.SetRange(int(low), int(high), excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		dv.SetError(excelize.DataValidationErrorStyleStop, ew.tr(i18n.T("不是整数", "Not a whole number")),
			ew.tr(i18n.Tf("请输入 %d 到 %d 之间的整数", "Enter a whole number from %d to %d", low, high)))
	}
	if err != nil {
		return err
	}
	dv.SetInput(clip(ew.header(c), 32), clip(ew.helpText(c), 255))
	return ew.f.AddDataValidation(sheet, dv)
}

// listRange puts a drop-down's values on the hidden lists sheet (no length
// limit, unlike an inline list) and returns their range.
func (ew *evidenceWriter) listRange(values []string) (string, error) {
	key := strings.Join(values, "\x00")
	if ref, ok := ew.lists[key]; ok {
		return ref, nil
	}
	col := len(ew.lists) + 1
	for i, v := range values {
		if err := ew.f.SetCellStr(listsSheet, cellName(col, i+1), v); err != nil {
			return "", err
		}
	}
	letter, _ := excelize.ColumnNumberToName(col)
	ref := fmt.Sprintf("%s!$%s$1:$%s$%d", listsSheet, letter, letter, len(values))
	ew.lists[key] = ref
	return ref, nil
}

// clip cuts s to n UTF-16 units, the limit Excel sets on validation prompts.
func clip(s string, n int) string {
	if len(utf16.Encode([]rune(s))) <= n {
		return s
	}
	runes := []rune(s)
	for len(utf16.Encode(runes)) > n-1 {
		runes = runes[:len(runes)-1]
	}
	return string(runes) + "…"
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// fitWidth is a column width for text: CJK characters count double.
func fitWidth(s string, minimum float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return min(max(w+2, minimum), 60)
}
