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

// Control characters in the evidence never reach the terminal: the source
// excerpt shows them escaped, and the caret still points at the column.
func TestRenderEscapesControlCharacters(t *testing.T) {
	src := []byte("agency:\n  name: \"\x1b[2J\x1b]0;pwned\x07\"\r\n  id: 7\n")
	d := Diagnostic{Source: "e\x1b[31m.yaml", Code: CodeType, Severity: SeverityError, Pointer: "/agency/id",
		Line: 2, Column: 20, Message: i18n.Tf("值 %s 不对", "value %s is wrong", "\x1b[2J")}
	got := Render(d, src, i18n.EN)
	if strings.ContainsAny(got, "\x1b\x07\r") {
		t.Fatalf("control characters reached the output: %q", got)
	}
	want := "e\\x1b[31m.yaml:2:20: error " + CodeType + ": value \\x1b[2J is wrong (/agency/id)\n" +
		"    2 |   name: \"\\x1b[2J\\x1b]0;pwned\\x07\"\n" +
		"      | " + strings.Repeat(" ", len(`  name: "\x1b[2J\x1b]0;pw`)) + "^\n" // under the n of pwned
	if got != want {
		t.Fatalf("got:\n%s\nwant:\n%s", got, want)
	}
}

// A YAML syntax error has our own sentence in the user's language, its code
// and place, and the parser's text as the detail.
func TestYAMLSyntaxErrorInTheUsersLanguage(t *testing.T) {
	_, diags := Load("bad.yaml", []byte("agency:\n  id: a: b\n"), Options{})
	if len(diags) == 0 || diags[0].Code != CodeYAML || diags[0].Line != 2 {
		t.Fatalf("diagnostics %+v", diags)
	}
	d := diags[0]
	if d.Detail == "" || !strings.Contains(d.Detail, "mapping values") {
		t.Fatalf("parser text not kept as detail: %+v", d)
	}
	zh := Render(d, nil, i18n.ZH)
	if !strings.Contains(zh, "bad.yaml:2:") || !strings.Contains(zh, "E-YAML") ||
		!strings.Contains(zh, "此处不能出现“键: 值”") || !strings.Contains(zh, "解析器信息：") {
		t.Fatalf("zh: %s", zh)
	}
	if strings.Contains(d.Message.ZH, "mapping") || !strings.Contains(d.Message.EN, "is not allowed here") {
		t.Fatalf("message %+v", d.Message)
	}
	if en := Render(d, nil, i18n.EN); !strings.Contains(en, "(parser: ") {
		t.Fatalf("en: %s", en)
	}
}
