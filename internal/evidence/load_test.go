package evidence

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const examplePath = "../../testdata/evidence/valid/example.yaml"

func loadExample(t testing.TB) *Document {
	t.Helper()
	doc, diags := LoadFile(examplePath, Options{})
	if diags.HasErrors() {
		t.Fatalf("example: %+v", diags)
	}
	return doc
}

func TestUTF8BOMIsAccepted(t *testing.T) {
	doc := loadExample(t)
	withBOM := append([]byte("\xEF\xBB\xBF"), doc.Raw...)
	bomDoc, diags := Load("bom.yaml", withBOM, Options{})
	if diags.HasErrors() {
		t.Fatalf("BOM: %+v", diags)
	}
	if !reflect.DeepEqual(bomDoc.Value, doc.Value) {
		t.Fatal("BOM changed the value")
	}
	if bomDoc.SHA256 == doc.SHA256 {
		t.Fatal("the digest must cover the raw bytes, BOM included")
	}
}

func TestJSONAndYAMLLoadTheSameModel(t *testing.T) {
	doc := loadExample(t)
	text, err := json.MarshalIndent(doc.Value, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	jsonDoc, diags := Load("example.json", text, Options{})
	if diags.HasErrors() || jsonDoc.Format != FormatJSON {
		t.Fatalf("JSON: format %s, %+v", jsonDoc.Format, diags)
	}
	if !reflect.DeepEqual(jsonDoc.Value, doc.Value) {
		t.Fatal("JSON and YAML values differ")
	}
	// Sniffed without an extension, as for stdin.
	if sniffed, _ := Load("-", text, Options{}); sniffed.Format != FormatJSON {
		t.Fatalf("'{' not sniffed as JSON")
	}
}

func TestDatesStayStringsAndNumbersKeepPrecision(t *testing.T) {
	src := "cycle: {start: 2024-01-01}\nbig: 123456789012345678901234567890\nhex: 0x1F\nfrac: 0.10\n"
	doc, _ := Load("x.yaml", []byte(src), Options{})
	root := doc.Value.(map[string]any)
	if got := root["cycle"].(map[string]any)["start"]; got != "2024-01-01" {
		t.Errorf("date = %#v", got)
	}
	for key, want := range map[string]json.Number{"big": "123456789012345678901234567890", "hex": "31", "frac": "0.10"} {
		if root[key] != want {
			t.Errorf("%s = %#v, want %q", key, root[key], want)
		}
	}
	jdoc, _ := Load("x.json", []byte(`{"big": 123456789012345678901234567890.5e-3}`), Options{})
	if got := jdoc.Value.(map[string]any)["big"]; got != json.Number("123456789012345678901234567890.5e-3") {
		t.Errorf("JSON number = %#v", got)
	}
}

func TestPositionsOfValuesAndKeys(t *testing.T) {
	doc := loadExample(t)
	// Line 36: "    - {id: T/CAS 801-2024, title: …, role: lead, date: 2024-04-02}".
	if p, _ := doc.ValuePosition("/core/group_standards/0/id"); p != (Position{36, 12}) {
		t.Errorf("value position = %+v", p)
	}
	if p, _ := doc.KeyPosition("/cycle/end"); p != (Position{9, 3}) {
		t.Errorf("key position = %+v", p)
	}
	text := []byte("{\n  \"a\": [1,\n    {\"b\": \"终\", \"c\": true}]\n}")
	jdoc, _ := Load("p.json", text, Options{})
	if p, _ := jdoc.ValuePosition("/a/1/c"); p != (Position{3, 21}) {
		t.Errorf("JSON position = %+v", p)
	}
}

func TestAllErrorsReportedUpToTheCap(t *testing.T) {
	var b strings.Builder
	b.WriteString("schema_version: 1\n")
	for i := 0; i < 150; i++ {
		b.WriteString("unknown_" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + ": 1\n")
	}
	_, all := Load("many.yaml", []byte(b.String()), Options{MaxErrors: -1})
	if len(all) < 150 {
		t.Fatalf("uncapped: %d diagnostics", len(all))
	}
	_, capped := Load("many.yaml", []byte(b.String()), Options{})
	if len(capped) != DefaultMaxErrors+1 || capped[DefaultMaxErrors].Code != CodeTooMany {
		t.Fatalf("capped: %d diagnostics, last %+v", len(capped), capped[len(capped)-1])
	}
	_, five := Load("many.yaml", []byte(b.String()), Options{MaxErrors: 5})
	if len(five) != 6 || !five.HasErrors() {
		t.Fatalf("cap 5: %d", len(five))
	}
}

func TestCapNeverHidesErrors(t *testing.T) {
	src, _ := os.ReadFile("../../testdata/evidence/valid/level2.yaml") // 7 warnings
	src = bytes.Replace(src, []byte("retention_years: 3"), []byte("retention_years: -3"), 1)
	_, diags := Load("level2.yaml", src, Options{MaxErrors: 1, Counting: bundleCounting(t)})
	if len(diags) != 2 || diags[0].Code != CodeMinimum || diags[1].Code != CodeTooMany {
		t.Fatalf("got %+v", diags)
	}
}

func TestSemanticWarnings(t *testing.T) {
	_, diags := LoadFile("../../testdata/evidence/valid/level2.yaml", Options{Counting: bundleCounting(t)})
	var got []string
	for _, d := range diags.Warnings() {
		got = append(got, d.Code+" "+d.Pointer)
	}
	want := []string{
		"W-OUTSIDE-CYCLE /core/group_standards/0/date",
		"W-DUPLICATE-ID /core/group_standards/3",
		"W-OUTSIDE-CYCLE /core/publications/0/date",
		"W-DUPLICATE-ID /core/publications/3",
		"W-OUTSIDE-CYCLE /encouraging/trainings/0/date",
		"W-DUPLICATE-ID /encouraging/trainings/3",
		"W-DUPLICATE-ID /encouraging/product_declarations/50",
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if diags.HasErrors() {
		t.Fatal("warnings must not make the document invalid")
	}
}

func TestStdinIsRead(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(examplePath)
	go func() { w.Write(data); w.Close() }()
	saved := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = saved }()
	doc, diags := LoadFile("-", Options{})
	if diags.HasErrors() || doc.Source != "-" || !bytes.Equal(doc.Raw, data) {
		t.Fatalf("stdin: %+v", diags)
	}
}

func TestMissingFileIsAReadError(t *testing.T) {
	_, diags := LoadFile(filepath.Join(t.TempDir(), "absent.yaml"), Options{})
	if len(diags) != 1 || diags[0].Code != CodeRead {
		t.Fatalf("got %+v", diags)
	}
}

func TestExpand(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"b.yaml", "a.json", "c.yml", "notes.txt"} {
		os.WriteFile(filepath.Join(dir, name), []byte("x: 1\n"), 0o644)
	}
	got, err := Expand([]string{"-", dir, "single.yaml"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"-", filepath.Join(dir, "a.json"), filepath.Join(dir, "b.yaml"), filepath.Join(dir, "c.yml"), "single.yaml"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Expand = %v", got)
	}
	if _, err := Expand([]string{t.TempDir()}); err == nil {
		t.Fatal("an empty directory must be an error")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "16MiB": 16 << 20, "16mib": 16 << 20, "20MB": 20e6, "512K": 512 << 10, "1G": 1 << 30} {
		if got, err := ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "-1", "0", "lots", "16XB"} {
		if _, err := ParseSize(bad); err == nil {
			t.Errorf("ParseSize(%q) accepted", bad)
		}
	}
}

func TestDateFormatIsAsserted(t *testing.T) {
	base, _ := os.ReadFile(examplePath)
	for date, valid := range map[string]bool{
		"2024-02-29": true, "2023-02-29": false, "2024-1-01": false, "20240101": false,
		"2024-04-31": false, `"2024-12-31"`: true, "2024-12-31T00:00:00Z": false,
	} {
		src := bytes.Replace(base, []byte("end: 2024-12-31"), []byte("end: "+date), 1)
		_, diags := Load("d.yaml", src, Options{})
		if diags.HasErrors() == valid {
			t.Errorf("end: %s: valid=%v, diagnostics %+v", date, !diags.HasErrors(), diags)
		}
	}
}

func TestYAMLScalarForms(t *testing.T) {
	src := "a: ~\nb: Null\nc: 0o17\nd: +5\ne: 1_000\nf: .5\ng: TRUE\nh: '12'\ni: -0\n"
	doc, diags := Load("s.yaml", []byte(src), Options{})
	if doc.Value == nil {
		t.Fatalf("%+v", diags)
	}
	want := map[string]any{"a": nil, "b": nil, "c": json.Number("15"), "d": json.Number("5"), "e": json.Number("1000"),
		"f": json.Number("0.5"), "g": true, "h": "12", "i": json.Number("0")}
	if got := doc.Value.(map[string]any); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %#v", got)
	}
	for _, bad := range []string{"x: -.inf\n", "x: .NaN\n", "? [a]\n: b\n", "x: !custom 1\n"} {
		if d, _ := Load("bad.yaml", []byte(bad), Options{}); d.Value != nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestJSONSyntaxEdges(t *testing.T) {
	for src, ok := range map[string]bool{
		`{"a": -0, "b": 1E5, "c": "\ud83d\ude00"}`: true,
		`{"a": 01}`:                false,
		`{"a": 1.}`:                false,
		`{"a": "x` + "\x01" + `"}`: false,
		`{"a": tru}`:               false,
		`{"a": 1,}`:                false,
		`[1] [2]`:                  false,
		`{"a": "\q"}`:              false,
	} {
		doc, _ := Load("j.json", []byte(src), Options{})
		if (doc.Value != nil) != ok {
			t.Errorf("%q: parsed=%v", src, doc.Value != nil)
		}
	}
}

// evidence.md: a change never notified is written with notified_on null or
// without it; both are valid (2.6.e then fails), a wrong type is not.
func TestNotifiedOnMayBeNullOrAbsent(t *testing.T) {
	base, _ := os.ReadFile(examplePath)
	const given = ", notified_on: 2024-10-09}"
	if !bytes.Contains(base, []byte(given)) {
		t.Fatalf("example lacks %q", given)
	}
	for replacement, valid := range map[string]bool{
		", notified_on: null}": true, ", notified_on: ~}": true, "}": true,
		", notified_on: 0}": false, `, notified_on: ""}`: false,
	} {
		src := bytes.Replace(base, []byte(given), []byte(replacement), 1)
		_, diags := Load("n.yaml", src, Options{})
		if diags.HasErrors() == valid {
			t.Errorf("%q: valid=%v, diagnostics %+v", replacement, !diags.HasErrors(), diags)
		}
	}
}
