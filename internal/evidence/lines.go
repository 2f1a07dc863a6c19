package evidence

import (
	"bytes"
	"unicode/utf8"
)

// Lines end at "\n", "\r\n" or a lone "\r", as YAML ends them, so that the
// places the YAML parser gives, the places found in JSON text and the source
// lines shown under a diagnostic all count the same lines.

// breakAt returns the length of the line break starting at text[i] (0 when
// there is none): 2 for "\r\n", 1 for "\n" or a lone "\r".
func breakAt(text []byte, i int) int {
	switch text[i] {
	case '\n':
		return 1
	case '\r':
		if i+1 < len(text) && text[i+1] == '\n' {
			return 2
		}
		return 1
	}
	return 0
}

// lineEnds returns, for each line, the offset just past its end (its break
// included).
func lineEnds(text []byte) []int {
	var ends []int
	for i := 0; i < len(text); {
		if n := breakAt(text, i); n > 0 {
			i += n
			ends = append(ends, i)
			continue
		}
		i++
	}
	if len(text) > 0 && (len(ends) == 0 || ends[len(ends)-1] != len(text)) {
		ends = append(ends, len(text))
	}
	return ends
}

// lineAt returns line n (1-based) of text without its break.
func lineAt(text []byte, n int) ([]byte, bool) {
	for i := 1; i < n; i++ {
		end := nextBreak(text)
		if end < 0 {
			return nil, false
		}
		text = text[end+breakAt(text, end):]
	}
	if end := nextBreak(text); end >= 0 {
		text = text[:end]
	}
	return text, n >= 1
}

// nextBreak returns the offset of the first line break in text, or -1.
func nextBreak(text []byte) int {
	return bytes.IndexAny(text, "\r\n")
}

// positionAt returns the position of one byte offset off, counting lines and
// characters with the library's vectorised routines instead of a byte loop.
func positionAt(text []byte, off int) Position {
	before := text[:min(off, len(text))]
	breaks := bytes.Count(before, []byte{'\n'}) + bytes.Count(before, []byte{'\r'}) - bytes.Count(before, []byte("\r\n"))
	if n := len(before); n > 0 && before[n-1] == '\r' && n < len(text) && text[n] == '\n' {
		breaks-- // off splits a "\r\n": the break is counted at its '\n'
	}
	lineStart := max(bytes.LastIndexByte(before, '\n'), bytes.LastIndexByte(before, '\r')) + 1
	return Position{Line: 1 + breaks, Column: 1 + utf8.RuneCount(before[lineStart:])}
}
