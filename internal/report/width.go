package report

import "strings"

// displayWidth counts terminal columns: East Asian wide characters take two.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		w += runeWidth(r)
	}
	return w
}

func runeWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
		r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
		r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// padRight pads s with spaces to width columns.
func padRight(s string, width int) string {
	if d := width - displayWidth(s); d > 0 {
		return s + strings.Repeat(" ", d)
	}
	return s
}

// padLeft right-aligns s in width columns.
func padLeft(s string, width int) string {
	if d := width - displayWidth(s); d > 0 {
		return strings.Repeat(" ", d) + s
	}
	return s
}

// Pad pads s with spaces to width terminal columns (wide characters count two).
func Pad(s string, width int) string { return padRight(s, width) }

// PadLeft right-aligns s in width terminal columns.
func PadLeft(s string, width int) string { return padLeft(s, width) }

// Width counts the terminal columns of s (wide characters count two).
func Width(s string) int { return displayWidth(s) }
