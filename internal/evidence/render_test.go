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
