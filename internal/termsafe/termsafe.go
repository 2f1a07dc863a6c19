// Package termsafe makes text from evidence safe to print on a terminal or in
// Markdown: control characters (ESC, OSC, BEL, CR, newline, …), the C1
// controls, line separators and bidirectional overrides are shown as Go-style
// escapes (`\x1b`, `\n`, `\u202e`), so a hostile agency name can neither
// drive the terminal nor start a new line. Machine formats (JSON, YAML) keep
// the exact text and do not use this package.
package termsafe

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with every unsafe character escaped; s itself when it has
// none, which is the common case and costs no allocation.
func Escape(s string) string {
	i := firstUnsafe(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if unsafe(r) {
			b.WriteString(escaped(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func firstUnsafe(s string) int {
	for i, r := range s {
		if unsafe(r) || r == utf8.RuneError {
			return i
		}
	}
	return -1
}

// unsafe: C0 controls and DEL, C1 controls, the Unicode line and paragraph
// separators, and the bidirectional embeddings, overrides and isolates that
// can make text read differently from what it is.
func unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true
	case r == 0x2028, r == 0x2029, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

func escaped(r rune) string {
	switch r {
	case '\n':
		return `\n`
	case '\r':
		return `\r`
	case '\t':
		return `\t`
	}
	if r < 0x80 {
		return fmt.Sprintf(`\x%02x`, r)
	}
	return fmt.Sprintf(`\u%04x`, r)
}
