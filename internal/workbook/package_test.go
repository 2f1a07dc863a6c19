package workbook

import (
	"archive/zip"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// grid is a sheet as excelize's GetRows shows it: row n at index n-1, each
// row up to its last cell with a value or a formula.
func grid(c *sheetContent) [][]string {
	var rows [][]string
	for _, r := range c.rows {
		for len(rows) < r.num {
			rows = append(rows, nil)
		}
		texts := make([]string, len(r.cells))
		for i, v := range r.cells {
			texts[i] = v.text
		}
		rows[r.num-1] = texts
	}
	return rows
}

// agreeWithExcelize checks that the reader finds the sheets excelize finds,
// in the same order, and in each every cell excelize reads, with the same
// raw value.
func agreeWithExcelize(t *testing.T, label string, data []byte) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: excelize: %v", label, err)
	}
	defer f.Close()
	b, err := openBook(data, maxUnzipped)
	if err != nil {
		t.Fatalf("%s: %v", label, err)
	}
	var names []string
	for _, s := range b.sheets {
		names = append(names, s.name)
	}
	if want := f.GetSheetList(); strings.Join(names, "|") != strings.Join(want, "|") {
		t.Fatalf("%s: sheets %q, excelize %q", label, names, want)
	}
	for _, s := range b.sheets {
		want, err := f.GetRows(s.name, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s: excelize %s: %v", label, s.name, err)
		}
		content, err := b.readSheet(s.part)
		if err != nil {
			t.Fatalf("%s: %s: %v", label, s.name, err)
		}
		if got := grid(content); !sameRows(got, want) {
			t.Errorf("%s: sheet %s:\n got  %q\n want %q", label, s.name, got, want)
		}
		wantMerges, _ := f.GetMergeCells(s.name)
		if len(wantMerges) != len(content.merges) {
			t.Errorf("%s: sheet %s: merges %q, excelize %d", label, s.name, content.merges, len(wantMerges))
		}
		for i, m := range wantMerges {
			got := content.merges[min(i, len(content.merges)-1)]
			if !strings.Contains(got, ":") {
				got += ":" + got // a range of one cell, as excelize writes it
			}
			if got != m.GetStartAxis()+":"+m.GetEndAxis() {
				t.Errorf("%s: sheet %s: merge %q, excelize %s:%s", label, s.name, content.merges[i], m.GetStartAxis(), m.GetEndAxis())
			}
		}
	}
}

func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if strings.Join(a[i], "\x00") != strings.Join(b[i], "\x00") || len(a[i]) != len(b[i]) {
			return false
		}
	}
	return true
}

// The reader sees every cell as excelize does: workbooks of every valid
// example in both languages, and the workbooks excelize tests itself with,
// saved by Excel (rich text, phonetic runs, merged cells, numbers beyond
// double precision, a calculation chain).
func TestReaderAgreesWithExcelize(t *testing.T) {
	for _, path := range validExamples(t) {
		for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
			var buf bytes.Buffer
			if err := WriteEvidence(&buf, loadValue(t, path), Options{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			agreeWithExcelize(t, filepath.Base(path)+" "+string(lang), buf.Bytes())
		}
	}
	dir := excelizeTestData(t)
	for _, name := range []string{"Book1.xlsx", "SharedStrings.xlsx", "MergeCell.xlsx", "OverflowNumericCell.xlsx", "CalcChain.xlsx"} {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		agreeWithExcelize(t, name, data)
	}
}

// excelizeTestData is the folder of workbooks excelize ships for its tests,
// in the module cache the build already uses.
func excelizeTestData(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/xuri/excelize/v2").Output()
	dir := filepath.Join(strings.TrimSpace(string(out)), "test")
	if _, statErr := os.Stat(filepath.Join(dir, "Book1.xlsx")); err != nil || statErr != nil {
		t.Skipf("excelize's test workbooks are not in the module cache (%v %v)", err, statErr)
	}
	return dir
}

// Forms other writers use, each rewritten into a workbook of ours and read
// as excelize reads it: namespace prefixes, cells and rows without a
// reference, every cell type, inline and rich text, escapes, CDATA,
// comments, shared formulas, a target given as an absolute part name.
func TestReaderAgreesOnOtherWritersForms(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEvidence(&buf, loadValue(t, "../../testdata/evidence/valid/level1.yaml"), Options{Lang: i18n.EN}); err != nil {
		t.Fatal(err)
	}
	const row = `<row r="40"><c r="A40" t="inlineStr"><is><r><t>rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">in&amp;line </t></r><rPh><t>phonetic</t></rPh></is></c>` +
		`<c r="B40" t="b"><v>1</v></c><c t="d"><v>2024-03-05T00:00:00Z</v></c><c t="e"><v>#DIV/0!</v></c>` +
		`<c r="F40" t="str"><f t="shared" si="7" ref="F40:F41">A1&amp;"x"</f><v>a&lt;b&#x4E2D;&#25991;</v></c>` +
		`<c r="G40" s="3"/><c r="H40"><v>1.5E-3</v></c><c r="I40" t="inlineStr"><is><t>line_x000D_break_x005F_x0041_</t></is></c></row>` +
		`<!-- a comment --><row><c r="B41" t="str"><f t="shared" si="7"/></c><c r="C41" t="inlineStr"><is><t><![CDATA[<cdata> & more]]></t></is></c></row>`
	data := rewriteZip(t, buf.Bytes(), func(name string, body []byte) []byte {
		switch {
		case name == "xl/worksheets/sheet3.xml":
			s := strings.Replace(string(body), "</sheetData>", row+"</sheetData>", 1)
			return []byte(prefixed(s))
		case name == "xl/_rels/workbook.xml.rels":
			return []byte(strings.Replace(string(body), `Target="worksheets/sheet3.xml"`, `Target="/xl/worksheets/sheet3.xml"`, 1))
		}
		return body
	})
	agreeWithExcelize(t, "other writers' forms", data)
	b, err := openBook(data, maxUnzipped)
	if err != nil {
		t.Fatal(err)
	}
	content, err := b.readSheet("xl/worksheets/sheet3.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"rich in&line ", "1", "2024-03-05T00:00:00Z", "#DIV/0!", "", "a<b中文", "", "1.5E-3", "line\rbreak_x0041_"}
	if got := grid(content)[39]; !sameRows([][]string{got}, [][]string{want}) {
		t.Errorf("row 40: %q", got)
	}
	if f := content.row(41)[1]; f.formula != `A1&"x"` || f.cached || !f.hasFormula {
		t.Errorf("shared formula: %+v", f)
	}
}

// prefixed moves a worksheet's elements into an explicit namespace prefix
// (<x:c> instead of <c>), as some writers do.
func prefixed(s string) string {
	s = strings.Replace(s, `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`,
		`xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`, 1)
	return regexp.MustCompile(`<(/?)([A-Za-z]+[ />])`).ReplaceAllString(s, "<${1}x:${2}")
}

// Damaged and hostile packages are refused with a reason, never read in part.
func TestBookRefusesDamagedPackages(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteEvidence(&buf, loadValue(t, "../../testdata/evidence/valid/level1.yaml"), Options{Lang: i18n.ZH}); err != nil {
		t.Fatal(err)
	}
	book := buf.Bytes()
	sheetEdit := func(from, to string) []byte {
		return rewriteZip(t, book, func(name string, body []byte) []byte {
			if name == "xl/worksheets/sheet13.xml" {
				return []byte(strings.Replace(string(body), from, to, 1))
			}
			return body
		})
	}
	cases := map[string]struct {
		data []byte
		want string
	}{
		"encrypted":             {append(append([]byte{}, oleHeader...), make([]byte, 512)...), "encrypted"},
		"DTD":                   {sheetEdit("<worksheet ", `<!DOCTYPE x [<!ENTITY a "b">]><worksheet `), "document type declaration"},
		"shared string missing": {sheetEdit(`t="s"><v>`, `t="s"><v>99999`), "shared string"},
		"row out of range":      {sheetEdit(`<row r="3"`, `<row r="1048577"`), "out of range"},
		"rows out of order":     {sheetEdit(`<row r="4"`, `<row r="2"`), "comes after"},
		"unclosed tag":          {sheetEdit(`</sheetData>`, `</sheetData><c r="A1`), "malformed"},
	}
	for name, c := range cases {
		_, err := readAll(c.data)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error with %q", name, err, c.want)
		}
	}
	if _, err := readAll(book); err != nil {
		t.Fatalf("the undamaged book: %v", err)
	}
}

// readAll opens a package and reads each of its sheets.
func readAll(data []byte) (*book, error) {
	b, err := openBook(data, maxUnzipped)
	if err != nil {
		return nil, err
	}
	for _, s := range b.sheets {
		if _, err := b.readSheet(s.part); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// A part that would unpack beyond the limit is refused before it is read.
func TestBookRefusesZipBombs(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("xl/workbook.xml")
	_, _ = w.Write([]byte(`<workbook><sheets><sheet name="A" r:id="rId1"/></sheets></workbook>`))
	w, _ = zw.Create("xl/sharedStrings.xml")
	_, _ = w.Write(bytes.Repeat([]byte("<si><t>x</t></si>"), 1<<16))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := openBook(buf.Bytes(), 1<<16); err == nil || !strings.Contains(err.Error(), "unpacks to more than") {
		t.Fatalf("got %v", err)
	}
	if _, err := openBook(buf.Bytes(), maxUnzipped); err != nil {
		t.Fatalf("within the limit: %v", err)
	}
}

// FuzzSheetScan feeds one pass over a worksheet damaged XML: it must end
// with cells or an error, never panic (Decode's recover is not relied on).
func FuzzSheetScan(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c t="inlineStr"><is><t>x</t></is></c></row>` +
		`<row><c r="C2"><f t="shared" si="0">A1</f><v>1</v></c><c><f t="shared" si="0"/></c></row></sheetData>` +
		`<mergeCells><mergeCell ref="A1:B1"/></mergeCells></worksheet>`))
	f.Add([]byte(`<?xml version="1.0"?><!-- c --><x:row r='2'><x:c r="B2" t="str"><x:v><![CDATA[a]]>&amp;&#x41;</x:v></x:c></x:row>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := &book{strings: []string{"shared"}}
		sc := sheetScan{book: b, xml: newXMLScanner(data), sharedFormulas: map[string]string{}, out: &sheetContent{}}
		_ = sc.run()
		for s := newXMLScanner(data); s.next(); {
			if s.kind == tokStart {
				_ = s.attr("r")
			}
			_ = s.textValue()
		}
	})
}
