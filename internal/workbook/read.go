package workbook

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/xuri/excelize/v2"
)

func init() { evidence.RegisterDecoder(".xlsx", evidence.FormatXLSX, Decode) }

// Decode reads an evidence workbook (in either language) into the evidence
// value. Every value is mapped to its cell, so the schema's and the rules'
// errors name the sheet and cell beside the JSON Pointer. Formulas are read
// as their cached values.
func Decode(data []byte) (out evidence.Decoded) {
	defer func() {
		// the reader is fuzzed not to panic; should a crafted file still find
		// a way, it is an unreadable workbook, never a crash
		if p := recover(); p != nil {
			out = evidence.Decoded{Problems: []evidence.Problem{{Code: evidence.CodeXLSX,
				Message: i18n.Tf("不是可读取的 .xlsx 工作簿：%v", "not a readable .xlsx workbook: %v", p)}}}
		}
	}()
	r := &reader{layout: EvidenceLayout(), cells: map[string]string{}, parents: map[*Sheet]map[string][]parentRow{},
		rowsAt: map[string]rowPlace{}, sheetRank: map[string]int{}}
	b, err := openBook(data, maxUnzipped)
	if err != nil {
		r.problem(evidence.CodeXLSX, "", "", i18n.Tf("不是可读取的 .xlsx 工作簿：%v", "not a readable .xlsx workbook: %v", err))
		return r.decoded(nil)
	}
	r.book = b
	root := map[string]any{}
	present := r.sheetNames()
	for i, sheet := range b.sheets {
		r.sheetRank[sheet.name] = i
	}
	for _, s := range r.layout.Sheets {
		sheet, ok := present[s]
		if !ok {
			r.missingSheet(s, root)
			continue
		}
		content, err := b.readSheet(sheet.part)
		if err != nil {
			r.problem(evidence.CodeXLSX, "", ref(sheet.name, "A1"), i18n.Tf("无法读取工作表：%v", "cannot read the sheet: %v", err))
			continue
		}
		if s.Form {
			r.readForm(s, sheet.name, content, root)
		} else {
			r.readList(s, sheet.name, content, root)
		}
		r.checkMerged(sheet.name, content)
	}
	return r.decoded(root)
}

// maxUnzipped bounds what a workbook may unpack to, so a small file that
// inflates enormously (a zip bomb) is refused instead of filling memory.
const maxUnzipped = 256 << 20

type reader struct {
	layout   *Layout
	book     *book
	cells    map[string]string
	problems []evidence.Problem
	covered  []string
	// rowsAt places each list item's row; its cells are found when asked.
	rowsAt map[string]rowPlace
	// sheetRank is each sheet's position, for the reading order of cells.
	sheetRank map[string]int
	// parents indexes the rows of each sheet with children by key.
	parents map[*Sheet]map[string][]parentRow
}

type parentRow struct {
	pointer string
	item    map[string]any
}

func (r *reader) decoded(root map[string]any) evidence.Decoded {
	out := evidence.Decoded{Locate: r.locate, Rank: r.rank, Problems: r.problems, Covered: r.covered}
	if root != nil {
		out.Value = root
	}
	return out
}

func (r *reader) problem(code, pointer, cell string, msg i18n.Text) {
	r.problems = append(r.problems, evidence.Problem{Code: code, Pointer: pointer, Cell: cell, Message: msg})
}

// sheetNames finds the layout's sheets in the workbook, by their Chinese or
// English name, and reports any other sheet.
func (r *reader) sheetNames() map[*Sheet]bookSheet {
	present := map[*Sheet]bookSheet{}
	for _, sheet := range r.book.sheets {
		name := sheet.name
		s := r.layout.Sheet(name)
		switch {
		case s != nil && present[s].name == "":
			present[s] = sheet
		case s != nil:
			r.problem(evidence.CodeXLSXSheet, "", ref(name, "A1"), i18n.Tf("工作表“%s”与“%s”是同一张表，只能保留一张",
				"sheets '%s' and '%s' are the same sheet in two languages; keep one", present[s].name, name))
		case !isReserved(name):
			r.problem(evidence.CodeXLSXSheet, "", ref(name, "A1"), i18n.Tf("证据工作簿没有名为“%s”的工作表（新增或改名了？）；可用的工作表见“填写说明”",
				"the evidence workbook has no sheet named '%s' (added or renamed?); the sheets are listed under Instructions", name))
		}
	}
	return present
}

func isReserved(name string) bool {
	for _, n := range reservedSheets() {
		if n == name {
			return true
		}
	}
	return false
}

// missingSheet reports a sheet that is not there once, and fills its lists
// with nothing so the schema does not repeat it for every row.
func (r *reader) missingSheet(s *Sheet, root map[string]any) {
	at := ""
	if !s.Form {
		at = r.listPointer(s)
	}
	r.problem(evidence.CodeXLSXNoSheet, at, "", i18n.T("缺少工作表“"+s.Name.ZH+"”（可用 init 生成新模板对照）",
		"the sheet '"+s.Name.EN+"' is missing (compare with a new template from init)"))
	if s.Form {
		for _, c := range s.Columns {
			r.covered = append(r.covered, pointer("", c.Path...))
		}
		for _, o := range s.objects {
			r.covered = append(r.covered, pointer("", o.path...))
		}
		return
	}
	if s.Parent == nil {
		set(root, s.Path, []any{})
	}
}

// listPointer is a readable pointer of a sheet's list ("/core/listed_enterprises",
// "/core/listed_enterprises/-/accidents" for a nested one).
func (r *reader) listPointer(s *Sheet) string {
	if s.Parent == nil {
		return pointer("", s.Path...)
	}
	return pointer(r.listPointer(s.Parent)+"/-", s.Path...)
}

func (r *reader) checkMerged(name string, content *sheetContent) {
	for _, area := range content.merges {
		r.problem(evidence.CodeXLSXMerged, "", ref(name, area), i18n.Tf("合并单元格 %s：请取消合并，并在每个单元格中分别填写",
			"merged cells %s: unmerge them and fill in each cell", area))
	}
}

// readForm reads a sheet of single facts: the field name is in the hidden
// column, the value beside the label.
func (r *reader) readForm(s *Sheet, name string, content *sheetContent, root map[string]any) {
	for p, v := range s.constant {
		root[p] = constantValue(v)
	}
	r.cells[pointer("", s.objects[0].path...)] = ref(name, "A1")
	for _, sr := range content.rows {
		row := sr.cells
		field := cellAt(row, formFieldCol).text
		if sr.num < formFirstRow || strings.TrimSpace(field) == "" {
			continue
		}
		c := s.column(field)
		at := cellName(formFieldCol, sr.num)
		if c == nil {
			r.problem(evidence.CodeXLSXColumn, "", ref(name, at), i18n.Tf("隐藏列 D 中的字段名 %q 未知，请勿修改该列", "unknown field name %q in hidden column D; do not edit that column", field))
			continue
		}
		cell := cellName(formValueCol, sr.num)
		r.place(pointer("", c.Path...), ref(name, cell), c.Path, "")
		if v, ok := r.value(name, cell, cellAt(row, formValueCol), c, "", c.Path); ok {
			set(root, c.Path, v)
		}
	}
	ensureObjects(root, s.objects)
}

// place records the cell of a value and of each object on its way there
// (the first field of an object stands for it).
func (r *reader) place(p, cell string, path []string, base string) {
	r.cells[p] = cell
	for i := len(path) - 1; i > 0; i-- {
		obj := pointer(base, path[:i]...)
		if _, ok := r.cells[obj]; !ok {
			r.cells[obj] = cell
		}
	}
}

// ensureObjects creates the required objects left empty, so the schema
// names the fields they miss rather than the object.
func ensureObjects(root map[string]any, objects []objectSpec) {
	for _, o := range objects {
		if !o.required {
			continue
		}
		parent, ok := get(root, o.path[:len(o.path)-1])
		if m, isObj := parent.(map[string]any); ok && isObj {
			if _, exists := m[o.path[len(o.path)-1]]; !exists {
				m[o.path[len(o.path)-1]] = map[string]any{}
			}
		}
	}
}

func constantValue(v any) any {
	if f, ok := v.(float64); ok && f == math.Trunc(f) {
		return json.Number(strconv.FormatInt(int64(f), 10))
	}
	return v
}

func cellAt(row []cell, col int) cell {
	if col >= 1 && col-1 < len(row) {
		return row[col-1]
	}
	return cell{}
}

// readList reads a list sheet: the hidden row names each column's field;
// every non-blank row below it is one item.
func (r *reader) readList(s *Sheet, name string, content *sheetContent, root map[string]any) {
	cols := r.columns(s, name, content.row(fieldRow), content.row(headerRow))
	places := columnPlaces(cols)
	base := r.listPointer(s)
	r.cells[base] = ref(name, "A1")
	if s.Parent == nil {
		set(root, s.Path, []any{})
	}
	if s.Key != nil {
		r.parents[s] = map[string][]parentRow{}
	}
	count := 0
	for _, sr := range content.rows {
		if sr.num < firstDataRow || blank(sr.cells) {
			continue
		}
		r.readRow(s, name, sr.num, sr.cells, cols, places, root, &count)
	}
}

// columns maps the sheet's columns to the layout's by the hidden field
// names (or, when that row was lost, by the visible headers).
func (r *reader) columns(s *Sheet, name string, fields, headers []cell) map[int]*Column {
	cols := map[int]*Column{}
	if !blank(fields) && !anyField(s, fields) {
		r.problem(evidence.CodeXLSXColumn, "", ref(name, cellName(1, fieldRow)), i18n.T(
			"隐藏的第 2 行不再是字段名（被删除或覆盖？），该表按列名读取且第 2 行未读取：请从新模板（init）恢复第 2 行",
			"hidden row 2 no longer holds the field names (deleted or overwritten?): the sheet is read by its column names and row 2 is not read; restore row 2 from a new template (init)"))
		fields = nil
	}
	for i := range max(len(fields), len(headers)) {
		field := strings.TrimSpace(cellAt(fields, i+1).text)
		c := s.column(field)
		if c == nil && field == "" {
			c = s.columnByHeader(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cellAt(headers, i+1).text), "*")))
		}
		switch {
		case c != nil:
			cols[i+1] = c
		case field != "" || strings.TrimSpace(cellAt(headers, i+1).text) != "":
			r.problem(evidence.CodeXLSXColumn, "", ref(name, cellName(i+1, fieldRow)), i18n.Tf("第 %d 列的字段名 %q 未知（隐藏的第 2 行），该列未读取",
				"column %d has an unknown field name %q (hidden row 2) and was not read", i+1, field))
		}
	}
	return cols
}

func anyField(s *Sheet, fields []cell) bool {
	for _, f := range fields {
		if s.column(strings.TrimSpace(f.text)) != nil {
			return true
		}
	}
	return false
}

func (s *Sheet) columnByHeader(h string) *Column {
	if h == "" {
		return nil
	}
	for _, c := range s.Columns {
		if c.Header.ZH == h || c.Header.EN == h {
			return c
		}
	}
	return nil
}

func blank(row []cell) bool {
	for _, v := range row {
		if strings.TrimSpace(v.text) != "" || v.hasFormula {
			return false
		}
	}
	return true
}

// readRow reads one item and appends it to its list (for a nested list,
// the list of the parent row its key names).
func (r *reader) readRow(s *Sheet, name string, rowNum int, row []cell, cols map[int]*Column, places *columnPlace, root map[string]any, count *int) {
	holder, at, ok := r.rowList(s, name, rowNum, row, cols, root, count)
	if !ok {
		return
	}
	r.rowsAt[at] = rowPlace{sheet: name, row: rowNum, cols: places}
	var item any
	obj := map[string]any{}
	for col, c := range cols {
		if c.link {
			continue
		}
		cell := cellName(col, rowNum)
		v, set := r.value(name, cell, cellAt(row, col), c, at, c.Path)
		switch {
		case !set:
		case s.scalar:
			item = v
		default:
			setPath(obj, c.Path, v)
		}
	}
	if !s.scalar {
		ensureObjects(obj, s.objects)
		item = obj
		r.addParent(s, obj, at)
	}
	list, _ := get(holder, s.Path)
	set(holder, s.Path, append(asList(list), item))
}

func setPath(obj map[string]any, path []string, v any) { set(obj, path, v) }

// rowList finds the object holding the list a row belongs to (the root, or
// the parent row its key names) and the pointer the row's item gets.
func (r *reader) rowList(s *Sheet, name string, rowNum int, row []cell, cols map[int]*Column, root map[string]any, count *int) (map[string]any, string, bool) {
	if s.Parent == nil {
		at := pointer("", s.Path...) + "/" + strconv.Itoa(*count)
		*count++
		return root, at, true
	}
	linkCol := 0
	for col, c := range cols {
		if c.link {
			linkCol = col
		}
	}
	cell := ref(name, cellName(max(linkCol, 1), rowNum))
	key := strings.TrimSpace(cellAt(row, linkCol).text)
	keyName := s.Parent.Key.Header
	if linkCol == 0 || key == "" {
		r.problem(evidence.CodeXLSXKey, "", cell, i18n.T(fmt.Sprintf("第 %d 行缺少键（%s），无法确定它属于“%s”中的哪一行", rowNum, keyName.ZH, s.Parent.Name.ZH),
			fmt.Sprintf("row %d has no key (%s): it cannot be linked to a row of '%s'", rowNum, keyName.EN, s.Parent.Name.EN)))
		return nil, "", false
	}
	parents := r.parents[s.Parent][key]
	switch len(parents) {
	case 0:
		r.problem(evidence.CodeXLSXParent, "", cell, i18n.T(fmt.Sprintf("键 %q 不对应“%s”中的任何一行", key, s.Parent.Name.ZH),
			fmt.Sprintf("key %q names no row of '%s'", key, s.Parent.Name.EN)))
		return nil, "", false
	case 1:
	default:
		r.problem(evidence.CodeXLSXAmbiguous, "", cell, i18n.T(fmt.Sprintf("键 %q 对应“%s”中的 %d 行，无法确定属于哪一行", key, s.Parent.Name.ZH, len(parents)),
			fmt.Sprintf("key %q names %d rows of '%s': which one is meant is unclear", key, len(parents), s.Parent.Name.EN)))
		return nil, "", false
	}
	p := parents[0]
	list, _ := get(p.item, s.Path)
	return p.item, pointer(p.pointer, s.Path...) + "/" + strconv.Itoa(len(asList(list))), true
}

// addParent indexes a row of a sheet with children by its key, and gives
// it the (possibly empty) lists its child sheets fill.
func (r *reader) addParent(s *Sheet, item map[string]any, at string) {
	if s.Key == nil {
		return
	}
	for _, child := range r.layout.Sheets {
		if child.Parent == s {
			set(item, child.Path, []any{})
		}
	}
	if key, ok := get(item, s.Key.Path); ok {
		text := strings.TrimSpace(toText(key))
		r.parents[s][text] = append(r.parents[s][text], parentRow{pointer: at, item: item})
	}
}

func toText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	}
	return ""
}

// value converts one cell's raw text to the value its column holds; ok is
// false for an empty cell or one whose problem was reported.
func (r *reader) value(sheet, cell string, v cell, c *Column, base string, path []string) (any, bool) {
	at, raw := ref(sheet, cell), v.text
	p := ""
	if raw != "" && c.kind != kindText || raw == "" && v.hasFormula {
		p = pointer(base, path...) // only a problem needs it
	}
	if raw == "" {
		if v.hasFormula && !v.cached {
			r.problem(evidence.CodeXLSXFormula, p, at, i18n.Tf("公式 =%s 没有缓存值：请在电子表格软件中计算并保存，或直接填写数值",
				"the formula =%s has no cached value: calculate and save it in a spreadsheet program, or enter the value", v.formula))
		}
		return nil, false
	}
	switch c.kind {
	case kindDate:
		return r.dateValue(v, c, p, at)
	case kindInteger:
		if v.kind == cellText {
			if _, err := strconv.ParseFloat(strings.TrimSpace(raw), 64); err == nil {
				r.problem(evidence.CodeXLSXNumberText, p, at, i18n.Tf("数字 %s 以文本形式保存：请把单元格设为数字格式并重新输入",
					"the number %s is stored as text: format the cell as a number and enter it again", raw))
				return nil, false
			}
			return raw, true
		}
		return numberValue(raw), true
	case kindBoolean:
		if raw == "1" || raw == "0" { // a TRUE or FALSE cell
			return raw == "1", true
		}
		if b, ok := parseBoolean(raw); ok {
			return b, true
		}
	case kindEnum:
		code, _ := c.enumCode(raw)
		return code, true
	}
	if c.nullable && strings.TrimSpace(raw) == nullWord {
		return nil, true
	}
	return raw, true
}

func (r *reader) dateValue(v cell, c *Column, p, at string) (any, bool) {
	raw := v.text
	if c.nullable && strings.TrimSpace(raw) == nullWord {
		return nil, true
	}
	switch v.kind {
	case cellDate:
		if t, err := time.Parse(time.RFC3339, raw); err == nil {
			return t.Format(time.DateOnly), true
		}
		return raw[:min(len(raw), 10)], true
	case cellText:
		r.problem(evidence.CodeXLSXDateText, p, at, i18n.Tf("日期 %q 以文本形式保存：请输入真正的日期（如 2024-03-05），或把单元格设为日期格式",
			"the date %q is stored as text: enter a real date (e.g. 2024-03-05) or format the cell as a date", raw))
		return nil, false
	case cellBool, cellError:
		return raw, true // for the schema to refuse
	}
	serial, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return raw, true
	}
	t, err := excelize.ExcelDateToTime(serial, r.book.date1904)
	if err != nil {
		return raw, true
	}
	return t.Format(time.DateOnly), true
}

// numberValue keeps an integral number's integer text (Excel stores 3 as
// "3" but may store 3.0000000000000004 after arithmetic) and any other
// number as it is, for the schema to judge.
func numberValue(raw string) json.Number {
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return json.Number(raw)
	}
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return json.Number(strconv.FormatInt(int64(f), 10))
	}
	return json.Number(raw)
}

// ref is a cell reference as a spreadsheet writes it: 入围企业!C7, or
// 'Listed enterprises'!C7 when the name needs quotes.
func ref(sheet, cell string) string {
	if strings.ContainsAny(sheet, " -'!,;()&") {
		sheet = "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	}
	return sheet + "!" + cell
}

// columnPlace maps a row's field paths (and the objects on them) to their
// column, so a pointer into a row finds its cell without a map per cell.
type columnPlace struct {
	byField map[string]int
	first   int
}

func columnPlaces(cols map[int]*Column) *columnPlace {
	cp := &columnPlace{byField: map[string]int{}}
	for col, c := range cols {
		if c.link {
			continue
		}
		if cp.first == 0 || col < cp.first {
			cp.first = col
		}
		for i := len(c.Path); i > 0; i-- {
			field := strings.Join(c.Path[:i], ".")
			if old, ok := cp.byField[field]; !ok || col < old {
				cp.byField[field] = col
			}
		}
	}
	if cp.first == 0 {
		cp.first = 1
	}
	return cp
}

type rowPlace struct {
	sheet string
	row   int
	cols  *columnPlace
}

// cell is the cell of the field rest ("credit_report/provided") in the row,
// or the row's first cell.
func (rp rowPlace) cell(rest string) string {
	field := strings.ReplaceAll(strings.TrimPrefix(rest, "/"), "/", ".")
	for field != "" {
		if col, ok := rp.cols.byField[field]; ok {
			return ref(rp.sheet, cellName(col, rp.row))
		}
		i := strings.LastIndexByte(field, '.')
		if i < 0 {
			break
		}
		field = field[:i]
	}
	return ref(rp.sheet, cellName(rp.cols.first, rp.row))
}

// locate finds the cell of a pointer: a form's field, a list item's cell
// (or its row), or the list's sheet.
func (r *reader) locate(p string) string {
	for q := p; ; {
		if cell, ok := r.cells[q]; ok {
			return cell
		}
		if rp, ok := r.rowsAt[q]; ok {
			return rp.cell(p[len(q):])
		}
		i := strings.LastIndexByte(q, '/')
		if i < 0 {
			return ""
		}
		q = q[:i]
	}
}

// rank orders cells by sheet, row and column; a place without a cell
// (a whole sheet) comes first.
func (r *reader) rank(cell string) int {
	i := strings.LastIndexByte(cell, '!')
	if i < 0 {
		return 0
	}
	sheet := strings.Trim(cell[:i], "'")
	col, row, err := excelize.CellNameToCoordinates(strings.Split(cell[i+1:], ":")[0])
	if err != nil {
		return 0
	}
	return (r.sheetRank[sheet]+1)<<40 | row<<16 | col
}
