package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// book is an opened workbook package, read for its cell values only: the
// sheets in workbook order, the shared strings, and each sheet's cells on
// demand. Styles, theme, calculation chain, document properties and the
// sheets the reader skips are never unzipped.
type book struct {
	files   map[string]*zip.File // by name, and by lower-case name as a fallback
	sheets  []bookSheet
	strings []string
	// date1904 tells that date serials count from 1904 (old Mac workbooks).
	date1904 bool
	// budget is what may still be unzipped: a small file that inflates
	// enormously (a zip bomb) is refused instead of filling memory.
	budget int64
}

type bookSheet struct {
	name, part string
}

// oleHeader starts an encrypted workbook and an old binary .xls file.
var oleHeader = []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

var errEncrypted = errors.New("an encrypted (password-protected) workbook or an old .xls file: save it as an .xlsx workbook without a password")

// openBook finds the workbook part, its sheets and its shared strings.
func openBook(data []byte, limit int64) (*book, error) {
	if bytes.HasPrefix(data, oleHeader) {
		return nil, errEncrypted
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	b := &book{files: map[string]*zip.File{}, budget: limit}
	for _, f := range zr.File {
		name := strings.TrimPrefix(strings.ReplaceAll(f.Name, `\`, "/"), "/")
		b.files[name] = f
		if lower := strings.ToLower(name); b.files[lower] == nil {
			b.files[lower] = f
		}
	}
	wbPart := b.officeDocument()
	rels, err := b.relationships(wbPart)
	if err != nil {
		return nil, err
	}
	if err := b.readSheetList(wbPart, rels); err != nil {
		return nil, err
	}
	ssPart := "xl/sharedStrings.xml"
	for _, rel := range rels {
		if strings.HasSuffix(rel.kind, "/sharedStrings") {
			ssPart = rel.target
		}
	}
	return b, b.readSharedStrings(ssPart)
}

// part unzips one part; a part that is not there is empty.
func (b *book) part(name string) ([]byte, error) {
	f := b.files[name]
	if f == nil {
		f = b.files[strings.ToLower(name)]
	}
	if f == nil {
		return nil, nil
	}
	size := int64(f.UncompressedSize64)
	if size < 0 || size > b.budget {
		return nil, fmt.Errorf("%s unpacks to more than %d MiB", name, maxUnzipped>>20)
	}
	b.budget -= size
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	// archive/zip refuses to read past the declared size
	body := make([]byte, 0, size)
	buf := bytes.NewBuffer(body)
	if _, err := io.Copy(buf, rc); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return buf.Bytes(), nil
}

// officeDocument is the workbook part the package's relationships name.
func (b *book) officeDocument() string {
	rels, err := b.relationships("")
	if err == nil {
		for _, rel := range rels {
			if strings.HasSuffix(rel.kind, "/officeDocument") {
				return rel.target
			}
		}
	}
	return "xl/workbook.xml"
}

type relationship struct {
	id, kind, target string
}

// relationships reads the relationships of a part ("" for the package's),
// their targets resolved to part names.
func (b *book) relationships(of string) ([]relationship, error) {
	dir, base := path.Split(of)
	data, err := b.part(dir + "_rels/" + base + ".rels")
	if err != nil {
		return nil, err
	}
	var rels []relationship
	s := newXMLScanner(data)
	for s.next() {
		if s.is(tokStart, "Relationship") && s.attr("TargetMode") != "External" {
			rels = append(rels, relationship{id: s.attr("Id"), kind: s.attr("Type"), target: resolvePart(dir, s.attr("Target"))})
		}
	}
	return rels, s.err
}

func resolvePart(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Join(dir, target), "/")
}

func (b *book) readSheetList(wbPart string, rels []relationship) error {
	data, err := b.part(wbPart)
	if err != nil {
		return err
	}
	if data == nil {
		return fmt.Errorf("the package has no workbook part (%s)", wbPart)
	}
	targets := map[string]string{}
	for _, rel := range rels {
		targets[rel.id] = rel.target
	}
	s := newXMLScanner(data)
	for s.next() {
		switch {
		case s.is(tokStart, "sheet"):
			b.sheets = append(b.sheets, bookSheet{name: s.attr("name"), part: targets[s.attr("id")]})
		case s.is(tokStart, "workbookPr"):
			flag := s.attr("date1904")
			b.date1904 = flag == "1" || flag == "true"
		}
	}
	return s.err
}

// readSharedStrings reads the table the cells of type "s" index: each
// item's text, rich-text runs joined, phonetic runs left out.
func (b *book) readSharedStrings(part string) error {
	data, err := b.part(part)
	if err != nil || data == nil {
		return err
	}
	var text strings.Builder
	inItem, inText, phonetic := false, false, 0
	s := newXMLScanner(data)
	for s.next() {
		switch {
		case s.is(tokStart, "si"):
			inItem = !s.empty
			text.Reset()
			if s.empty {
				b.strings = append(b.strings, "")
			}
		case s.is(tokEnd, "si"):
			b.strings = append(b.strings, unescapeBSTR(text.String()))
			inItem = false
		case s.is(tokStart, "rPh") && !s.empty:
			phonetic++
		case s.is(tokEnd, "rPh"):
			phonetic--
		case s.is(tokStart, "t"):
			inText = inItem && phonetic == 0 && !s.empty
		case s.is(tokEnd, "t"):
			inText = false
		case s.kind == tokText && inText:
			text.WriteString(s.textValue())
		}
	}
	return s.err
}

// cell is one cell as the sheet stores it: its value as text (a shared
// string resolved), the kind its type attribute gives, and its formula.
type cell struct {
	text       string
	kind       cellKind
	hasFormula bool
	formula    string
	cached     bool // a value was saved (for a formula: its last result)
}

type cellKind int

const (
	cellNumber cellKind = iota // t absent or "n": a number, or a date with a date format
	cellText                   // "s", "inlineStr", or "str" (a formula's text result)
	cellBool                   // "b": 1 or 0
	cellDate                   // "d": an ISO 8601 date
	cellError                  // "e": #DIV/0! and the like
)

var cellKinds = map[string]cellKind{"": cellNumber, "n": cellNumber, "s": cellText, "inlineStr": cellText,
	"str": cellText, "b": cellBool, "d": cellDate, "e": cellError}

// sheetRow is one row that has cells; cells[i] is column i+1.
type sheetRow struct {
	num   int
	cells []cell
}

// sheetContent is what the reader needs of a sheet: its rows with cells,
// in order, and its merged ranges.
type sheetContent struct {
	rows   []sheetRow
	merges []string
}

// row is the row numbered num, or nil.
func (c *sheetContent) row(num int) []cell {
	for _, r := range c.rows {
		if r.num == num {
			return r.cells
		}
	}
	return nil
}

// readSheet reads a worksheet part in one pass.
func (b *book) readSheet(part string) (*sheetContent, error) {
	data, err := b.part(part)
	if err != nil {
		return nil, err
	}
	if data == nil {
		return nil, fmt.Errorf("the sheet's part %s is missing", part)
	}
	sc := sheetScan{book: b, xml: newXMLScanner(data), sharedFormulas: map[string]string{}, out: &sheetContent{}}
	return sc.out, sc.run()
}

// sheetScan is the state of one pass over a worksheet.
type sheetScan struct {
	book           *book
	xml            *xmlScanner
	out            *sheetContent
	sharedFormulas map[string]string // a shared formula's text by its index
	row, col       int
	cur            cell
	inCell         bool
	inline         bool // inside <is>
	phonetic       int
	typ            string           // the current cell's type attribute
	formulaIndex   string           // the shared formula the current <f> defines
	capture        *strings.Builder // the text being read, if any
	value, formula strings.Builder
}

func (sc *sheetScan) run() error {
	s := sc.xml
	for s.next() {
		var err error
		switch s.kind {
		case tokStart:
			err = sc.start()
		case tokEnd:
			err = sc.end()
		case tokText:
			if sc.capture != nil {
				sc.capture.WriteString(s.textValue())
			}
		}
		if err != nil {
			return err
		}
	}
	return s.err
}

func (sc *sheetScan) start() error {
	s := sc.xml
	switch string(s.name) {
	case "row":
		return sc.startRow()
	case "c":
		return sc.startCell()
	case "v":
		if sc.inCell {
			sc.cur.cached = true
			sc.value.Reset()
			sc.capture = &sc.value
			if s.empty {
				sc.capture = nil
			}
		}
	case "f":
		sc.startFormula()
	case "is":
		sc.inline = sc.inCell && !s.empty
		sc.cur.cached = sc.inCell
		sc.value.Reset()
	case "rPh":
		if !s.empty {
			sc.phonetic++
		}
	case "t":
		if sc.inline && sc.phonetic == 0 && !s.empty {
			sc.capture = &sc.value
		}
	case "mergeCell":
		sc.out.merges = append(sc.out.merges, s.attr("ref"))
	}
	return nil
}

func (sc *sheetScan) end() error {
	switch string(sc.xml.name) {
	case "v", "t":
		sc.capture = nil
	case "f":
		if sc.capture == &sc.formula {
			sc.cur.formula = sc.formula.String()
			if si := sc.formulaIndex; si != "" {
				sc.sharedFormulas[si] = sc.cur.formula
			}
		}
		sc.capture = nil
	case "rPh":
		sc.phonetic--
	case "is":
		sc.inline = false
	case "c":
		if sc.inCell {
			return sc.endCell()
		}
	}
	return nil
}

// Excel's limits: a reference beyond them is a damaged sheet.
const (
	maxRows    = 1 << 20
	maxColumns = 1 << 14
)

func (sc *sheetScan) startRow() error {
	r := sc.xml.attr("r")
	if r == "" {
		sc.row++
	} else {
		n, err := strconv.Atoi(r)
		if err != nil || n < 1 || n > maxRows {
			return fmt.Errorf("row number %q out of range", r)
		}
		sc.row = n
	}
	sc.col, sc.inCell, sc.capture = 0, false, nil
	return nil
}

func (sc *sheetScan) startCell() error {
	s := sc.xml
	if ref := s.attr("r"); ref != "" {
		col, _, err := excelize.CellNameToCoordinates(ref)
		if err != nil {
			return err
		}
		sc.col = col
	} else {
		sc.col++
	}
	if sc.row < 1 || sc.col > maxColumns {
		return fmt.Errorf("a cell outside any row or beyond column %d", maxColumns)
	}
	sc.typ = s.attr("t")
	sc.cur = cell{kind: cellKinds[sc.typ]}
	sc.inCell, sc.inline, sc.phonetic = true, false, 0
	sc.value.Reset()
	if s.empty {
		return sc.endCell()
	}
	return nil
}

// startFormula notes a formula; a shared formula's other cells (<f
// t="shared" si="0"/>) show the text of the cell that defines it.
func (sc *sheetScan) startFormula() {
	s := sc.xml
	if !sc.inCell {
		return
	}
	sc.cur.hasFormula = true
	sc.formulaIndex = ""
	if s.attr("t") == "shared" {
		sc.formulaIndex = s.attr("si")
	}
	if s.empty {
		sc.cur.formula = sc.sharedFormulas[sc.formulaIndex]
		return
	}
	sc.formula.Reset()
	sc.capture = &sc.formula
}

// endCell resolves the cell's text and keeps it if it has any (or a formula).
func (sc *sheetScan) endCell() error {
	sc.inCell, sc.capture = false, nil
	text := sc.value.String()
	switch sc.typ {
	case "s":
		if strings.TrimSpace(text) != "" {
			i, err := strconv.Atoi(strings.TrimSpace(text))
			if err != nil || i < 0 || i >= len(sc.book.strings) {
				return fmt.Errorf("cell %s refers to shared string %q, which the workbook does not have", cellName(sc.col, sc.row), text)
			}
			text = sc.book.strings[i]
		}
	case "inlineStr":
		text = unescapeBSTR(text)
	}
	if text == "" && !sc.cur.hasFormula {
		return nil
	}
	sc.cur.text = text
	return sc.put()
}

// put stores the current cell in its row; rows come in order, as every
// spreadsheet program writes them.
func (sc *sheetScan) put() error {
	rows := sc.out.rows
	if len(rows) == 0 || rows[len(rows)-1].num < sc.row {
		sc.out.rows = append(rows, sheetRow{num: sc.row})
	} else if rows[len(rows)-1].num > sc.row {
		return fmt.Errorf("row %d comes after row %d", sc.row, rows[len(rows)-1].num)
	}
	last := &sc.out.rows[len(sc.out.rows)-1]
	for len(last.cells) < sc.col {
		last.cells = append(last.cells, cell{})
	}
	last.cells[sc.col-1] = sc.cur
	return nil
}

var bstrEscape = regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`)

// unescapeBSTR decodes the _xHHHH_ escapes a workbook uses for characters
// XML cannot hold (_x000D_ for a carriage return; _x005F_ for "_" itself).
func unescapeBSTR(s string) string {
	if !strings.Contains(s, "_x") {
		return s
	}
	return bstrEscape.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[2:6], 16, 32)
		if r := rune(n); utf8.ValidRune(r) {
			return string(r)
		}
		return m
	})
}
