package evidence

import (
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

func TestRenderShowsLineAndCaret(t *testing.T) {
	src := []byte("cycle:\n  end: 2024-02-30\n")
	d := Diagnostic{Source: "e.yaml", Code: CodeDate, Severity: SeverityError, Pointer: "/cycle/end",
		Line: 2, Column: 8, Message: i18n.T("日期无效", "invalid date")}
	got := Render(d, src, i18n.EN)
	want := "e.yaml:2:8: error E-DATE: invalid date (/cycle/end)\n" +
		"    2 |   end: 2024-02-30\n" +
		"      |        ^\n"
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
	if zh := Render(d, src, i18n.ZH); !strings.Contains(zh, "错误 E-DATE: 日期无效") {
		t.Fatalf("zh: %s", zh)
	}
}

func TestCaretCountsWideCharactersAndTabs(t *testing.T) {
	if got := caretPad("名称: x", 5); got != "      " {
		t.Fatalf("wide pad = %q", got)
	}
	if got := caretPad("\tx: 1", 2); got != "\t" {
		t.Fatalf("tab pad = %q", got)
	}
}

func TestRenderWithoutPosition(t *testing.T) {
	d := Diagnostic{Source: "big.yaml", Code: CodeSize, Severity: SeverityError, Message: i18n.T("太大", "too big")}
	if got := Render(d, nil, i18n.EN); got != "big.yaml: error E-SIZE: too big\n" {
		t.Fatalf("got %q", got)
	}
}

// A lone CR ends a line for YAML; the places given and the line shown under
// a diagnostic count it too (the fuzzer found an error placed past the
// file's last "\n"-line).
func TestLoneCarriageReturnEndsALine(t *testing.T) {
	src := []byte("a: 1\rb: [\r")
	_, diags := Load("cr.yaml", src, Options{})
	if len(diags) != 1 || diags[0].Line < 2 || diags[0].Line > 3 {
		t.Fatalf("got %+v", diags)
	}
	doc, _ := Load("cr.yaml", []byte("x: 1\r\ny: 2\rz: [a, {b: 3}]\n"), Options{})
	if p, _ := doc.ValuePosition("/z/1/b"); p != (Position{3, 12}) {
		t.Errorf("YAML place %+v", p)
	}
	jdoc, _ := Load("cr.json", []byte("{\"x\": 1,\r\"y\":\r\n [2]}"), Options{})
	if p, _ := jdoc.ValuePosition("/y/0"); p != (Position{3, 3}) {
		t.Errorf("JSON place %+v", p)
	}
	if line, ok := sourceLine([]byte("a\rb\r\nc"), 2); !ok || line != "b" {
		t.Errorf("line 2 = %q", line)
	}
}
