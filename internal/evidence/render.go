package evidence

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// Render formats one diagnostic for people: "source:line:col: severity CODE:
// message (pointer)", then the offending source line with a caret under the
// column. raw is the document's source (Document.Raw); it may be nil.
func Render(d Diagnostic, raw []byte, lang i18n.Lang) string {
	var b strings.Builder
	b.WriteString(termsafe.Escape(d.location()))
	fmt.Fprintf(&b, " %s %s: %s", severityWord(d.Severity, lang), d.Code, termsafe.Escape(d.Message.In(lang)))
	if d.Detail != "" {
		fmt.Fprintf(&b, i18n.T("（解析器信息：%s）", " (parser: %s)").In(lang), termsafe.Escape(d.Detail))
	}
	if d.Pointer != "" {
		fmt.Fprintf(&b, " (%s)", termsafe.Escape(d.Pointer))
	}
	b.WriteByte('\n')
	if line, ok := sourceLine(raw, d.Line); ok && d.Line > 0 {
		// The excerpt is escaped like any evidence text; the caret is placed
		// under the escaped form of the characters before the column.
		gutter := fmt.Sprintf("%5d | ", d.Line)
		b.WriteString(gutter + termsafe.Escape(line) + "\n")
		before := termsafe.Escape(runePrefix(line, d.Column-1))
		b.WriteString(strings.Repeat(" ", len(gutter)-2) + "| " + caretPad(before, d.Column+len(before)) + "^\n")
	}
	return b.String()
}

// WriteText renders every diagnostic of one document.
func WriteText(w io.Writer, diags Diagnostics, raw []byte, lang i18n.Lang) error {
	for _, d := range diags {
		if _, err := io.WriteString(w, Render(d, raw, lang)); err != nil {
			return err
		}
	}
	return nil
}

func (d Diagnostic) location() string {
	src := d.Source
	if src == "" {
		src = "-"
	}
	if d.Line > 0 {
		return fmt.Sprintf("%s:%d:%d:", src, d.Line, d.Column)
	}
	if d.Cell != "" {
		return fmt.Sprintf("%s: %s:", src, d.Cell)
	}
	return src + ":"
}

func severityWord(s Severity, lang i18n.Lang) string {
	if s == SeverityWarning {
		return i18n.T("警告", "warning").In(lang)
	}
	return i18n.T("错误", "error").In(lang)
}

// sourceLine returns line n (1-based) of raw without its BOM and line ending;
// very long lines are cut so the output stays readable.
func sourceLine(raw []byte, n int) (string, bool) {
	raw, ok := lineAt(bytes.TrimPrefix(raw, utf8BOM), n)
	if !ok {
		return "", false
	}
	line := strings.ToValidUTF8(string(raw), "\uFFFD")
	if len(line) > 2000 {
		line = line[:2000]
	}
	return line, true
}

// runePrefix is the first n runes of s.
func runePrefix(s string, n int) string {
	for i := range s {
		if n <= 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// caretPad returns the blank prefix that puts a caret under column col, keeping
// tabs and counting wide (CJK) characters as two cells.
func caretPad(line string, col int) string {
	var b strings.Builder
	i := 1
	for _, r := range line {
		if i >= col {
			break
		}
		switch {
		case r == '\t':
			b.WriteByte('\t')
		case isWide(r):
			b.WriteString("  ")
		default:
			b.WriteByte(' ')
		}
		i++
	}
	return b.String()
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || r >= 0xFF00 && r <= 0xFF60 || r >= 0x3000 && r <= 0x303F
}
