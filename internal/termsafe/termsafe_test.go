package termsafe

import "testing"

func TestEscape(t *testing.T) {
	for in, want := range map[string]string{
		"甲标准化研究院":                        "甲标准化研究院",
		"\x1b[2J\x1b[H清屏":                `\x1b[2J\x1b[H清屏`,
		"\x1b]0;title\x07":               `\x1b]0;title\x07`,
		"a\rb":                           `a\rb`,
		"name\n# Injected heading":       `name\n# Injected heading`,
		"tab\there":                      `tab\there`,
		"\u009b31m":                      `\u009b31m`,
		"abc\u202edef":                   `abc\u202edef`,
		"line\u2028sep":                  `line\u2028sep`,
		"del\x7f":                        `del\x7f`,
		"":                               "",
		"invalid \xff byte stays \u00e9": "invalid \ufffd byte stays \u00e9",
	} {
		if got := Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEscapeLeavesSafeTextUnallocated(t *testing.T) {
	s := "某某标准化技术研究院 (AG-0042)"
	if n := testing.AllocsPerRun(100, func() { _ = Escape(s) }); n != 0 {
		t.Fatalf("%v allocations for safe text", n)
	}
}
