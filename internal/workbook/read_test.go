package workbook

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/xuri/excelize/v2"
)

// exampleBook opens the workbook of testdata's level1 example in lang for
// editing, as a clerk would.
func exampleBook(t *testing.T, lang i18n.Lang) *excelize.File {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteEvidence(&buf, loadValue(t, "../../testdata/evidence/valid/level1.yaml"), Options{Lang: lang}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func loadBook(t *testing.T, f *excelize.File) evidence.Diagnostics {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	_, diags := evidence.Load("clerk.xlsx", buf.Bytes(), evidence.Options{MaxErrors: -1})
	return diags
}

// wantOnly checks that diags hold exactly one error, with the code, cell and
// pointer given, in both languages.
func wantOnly(t *testing.T, diags evidence.Diagnostics, code, cell, pointer string) {
	t.Helper()
	errs := diags.Errors()
	if len(errs) != 1 {
		for _, d := range errs {
			t.Logf("%s %s %s %s", d.Code, d.Cell, d.Pointer, d.Message.EN)
		}
		t.Fatalf("want one error %s, got %d", code, len(errs))
	}
	d := errs[0]
	if d.Code != code || d.Cell != cell || d.Pointer != pointer {
		t.Errorf("got %s at %s (%s), want %s at %s (%s)", d.Code, d.Cell, d.Pointer, code, cell, pointer)
	}
	if d.Message.ZH == "" || d.Message.EN == "" || d.Message.ZH == d.Message.EN {
		t.Errorf("message not in both languages: %+v", d.Message)
	}
	text := evidence.Render(d, nil, i18n.ZH)
	if !strings.Contains(text, "clerk.xlsx: "+cell+":") {
		t.Errorf("rendered without its cell: %s", text)
	}
}

func TestCellErrors(t *testing.T) {
	cases := []struct {
		name, code, cell, pointer string
		lang                      i18n.Lang
		edit                      func(f *excelize.File) error
	}{
		{"date typed as text", evidence.CodeXLSXDateText, "企业事故!B3", "/core/listed_enterprises/0/accidents/0/date", i18n.ZH,
			func(f *excelize.File) error { return f.SetCellStr("企业事故", "B3", "2024年3月2日") }},
		{"number typed as text", evidence.CodeXLSXNumberText, "基础指标!B5", "/basic/archive/retention_years", i18n.ZH,
			func(f *excelize.File) error { return f.SetCellStr("基础指标", "B5", "5") }},
		{"unknown sheet", evidence.CodeXLSXSheet, "Sheet2!A1", "", i18n.ZH,
			func(f *excelize.File) error { _, err := f.NewSheet("Sheet2"); return err }},
		{"missing key", evidence.CodeXLSXKey, "Accidents!A3", "", i18n.EN,
			func(f *excelize.File) error { return f.SetCellStr("Accidents", "A3", "") }},
		{"row linked to a missing parent", evidence.CodeXLSXParent, "企业事故!A3", "", i18n.ZH,
			func(f *excelize.File) error { return f.SetCellStr("企业事故", "A3", "91440300MA5F00000X") }},
		{"field row lost", evidence.CodeXLSXColumn, "企业事故!A2", "", i18n.ZH,
			func(f *excelize.File) error { return f.RemoveRow("企业事故", 2) }},
		{"merged cells", evidence.CodeXLSXMerged, "入围企业!A5:B5", "", i18n.ZH,
			func(f *excelize.File) error { return f.MergeCell("入围企业", "A5", "B5") }},
		{"formula without a cached value", evidence.CodeXLSXFormula, "基础指标!B5", "/basic/archive/retention_years", i18n.ZH,
			func(f *excelize.File) error {
				if err := f.SetCellValue("基础指标", "B5", nil); err != nil {
					return err
				}
				return f.SetCellFormula("基础指标", "B5", "2+3")
			}},
		{"schema error at its cell", evidence.CodeRequired, "入围企业!A4", "/core/listed_enterprises/1/name", i18n.ZH,
			func(f *excelize.File) error { return f.SetCellStr("入围企业", "A4", "") }},
		{"rule error at its cell", evidence.CodeUnknownEnterprise, "'Listed standards'!B3", "/core/listed_standards/0/enterprise", i18n.EN,
			func(f *excelize.File) error { return f.SetCellStr("Listed standards", "B3", "91440300MA5F00000X") }},
		{"unknown drop-down value", evidence.CodeEnum, "企业事故!C3", "/core/listed_enterprises/0/accidents/0/kind", i18n.ZH,
			func(f *excelize.File) error { return f.SetCellStr("企业事故", "C3", "火灾") }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := exampleBook(t, c.lang)
			if err := c.edit(f); err != nil {
				t.Fatal(err)
			}
			wantOnly(t, loadBook(t, f), c.code, c.cell, c.pointer)
		})
	}
}

// A missing required cell is reported as the schema's "required" error at
// that very cell, though the value is absent.
func TestRequiredCellNamed(t *testing.T) {
	f := exampleBook(t, i18n.ZH)
	if err := f.SetCellValue("入围企业", "C3", nil); err != nil {
		t.Fatal(err)
	}
	wantOnly(t, loadBook(t, f), evidence.CodeRequired, "入围企业!C3", "/core/listed_enterprises/0/serious_dishonesty_listed")
}

// A formula's cached value is what is read: the text a spreadsheet
// program saved beside the formula.
func TestFormulaCachedValue(t *testing.T) {
	f := exampleBook(t, i18n.ZH)
	if err := f.SetCellFormula("入围企业", "A3", "LEFT(A99,10)"); err != nil {
		t.Fatal(err)
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	// excelize saves no result; add the one a spreadsheet program would.
	data := rewriteZip(t, buf.Bytes(), func(name string, body []byte) []byte {
		if !strings.HasPrefix(name, "xl/worksheets/") {
			return body
		}
		re := regexp.MustCompile(`<f>LEFT\(A99,10\)</f>(<v></v>|<v>[^<]*</v>)?`)
		return re.ReplaceAll(body, []byte("<f>LEFT(A99,10)</f><v>甲电器有限公司</v>"))
	})
	doc, diags := evidence.Load("clerk.xlsx", data, evidence.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got, _ := get(doc.Value, []string{"core", "listed_enterprises"}); asList(got)[0].(map[string]any)["name"] != "甲电器有限公司" {
		t.Errorf("name = %v, want the cached value", asList(got)[0].(map[string]any)["name"])
	}
}

// rewriteZip returns the archive with every entry passed through edit.
func rewriteZip(t *testing.T, data []byte, edit func(name string, body []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, entry := range zr.File {
		rc, err := entry.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		w, err := zw.Create(entry.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(edit(entry.Name, body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// A missing sheet is one error, not one per field or row.
func TestMissingSheet(t *testing.T) {
	for _, sheet := range []string{"基础指标", "企业事故", "入围企业"} {
		f := exampleBook(t, i18n.ZH)
		if err := f.DeleteSheet(sheet); err != nil {
			t.Fatal(err)
		}
		errs := loadBook(t, f).Errors()
		codes := []string{}
		for _, d := range errs {
			codes = append(codes, d.Code)
		}
		if sheet == "入围企业" {
			// the listed standards now name enterprises that are not there
			if len(errs) == 0 || errs[0].Code != evidence.CodeXLSXNoSheet && !strings.Contains(strings.Join(codes, " "), evidence.CodeXLSXNoSheet) {
				t.Errorf("%s deleted: %v", sheet, codes)
			}
			continue
		}
		if len(errs) != 1 || errs[0].Code != evidence.CodeXLSXNoSheet {
			t.Errorf("%s deleted: want one %s, got %v", sheet, evidence.CodeXLSXNoSheet, codes)
		}
	}
}

func TestNotAWorkbook(t *testing.T) {
	_, diags := evidence.Load("x.xlsx", []byte("name: not a workbook\n"), evidence.Options{})
	if errs := diags.Errors(); len(errs) != 1 || errs[0].Code != evidence.CodeXLSX {
		t.Fatalf("got %v", diags)
	}
}

// FuzzDecode feeds the reader damaged workbooks: it must answer with
// problems, never panic.
func FuzzDecode(f *testing.F) {
	var buf bytes.Buffer
	if err := WriteEvidence(&buf, nil, Options{Lang: i18n.ZH}); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		out := Decode(data)
		if out.Value == nil && len(out.Problems) == 0 {
			t.Fatal("no value and no problem")
		}
	})
}

// A workbook counting dates from 1904 (old Mac Excel) shifts every date
// serial by 1,462 days; the reader follows the workbook's setting.
func TestDate1904(t *testing.T) {
	buf, err := exampleBook(t, i18n.ZH).WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	data := rewriteZip(t, buf.Bytes(), func(name string, body []byte) []byte {
		if name != "xl/workbook.xml" {
			return body
		}
		return []byte(strings.Replace(string(body), "<workbookPr ", `<workbookPr date1904="1" `, 1))
	})
	doc, diags := evidence.Load("clerk.xlsx", data, evidence.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if got, _ := get(doc.Value, []string{"cycle", "start"}); got != "2028-01-02" {
		t.Errorf("cycle start = %v, want 2024-01-01 + 1462 days = 2028-01-02", got)
	}
}
