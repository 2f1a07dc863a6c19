package evidence

import (
	"bytes"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// collector gathers the diagnostics of one document.
type collector struct {
	doc   *Document
	diags Diagnostics
}

func (c *collector) addAt(code string, pos Position, pointer string, msg i18n.Text) {
	if c.doc.covered != nil && c.doc.coveredBy(pointer) {
		return
	}
	c.diags = append(c.diags, Diagnostic{Source: c.doc.Source, Code: code, Severity: severityOf(code),
		Pointer: pointer, Line: pos.Line, Column: pos.Column, Cell: c.doc.Cell(pointer), Message: msg})
}

// addValue reports a problem with the value at pointer, located at the value.
func (c *collector) addValue(code, pointer string, msg i18n.Text) {
	pos, _ := c.doc.ValuePosition(pointer)
	c.addAt(code, pos, pointer, msg)
}

// addKey reports a problem with the member at pointer, located at its key
// (falling back to the value).
func (c *collector) addKey(code, pointer string, msg i18n.Text) {
	pos, ok := c.doc.KeyPosition(pointer)
	if !ok {
		pos, _ = c.doc.ValuePosition(pointer)
	}
	c.addAt(code, pos, pointer, msg)
}

func severityOf(code string) Severity {
	if strings.HasPrefix(code, "W-") {
		return SeverityWarning
	}
	return SeverityError
}

// finish applies the cap and sorts the diagnostics by place. The cap keeps
// errors before warnings, so capping never hides that a document is invalid.
func (c *collector) finish(maxErrors int) Diagnostics {
	ds := c.diags
	hidden := 0
	if maxErrors >= 0 && len(ds) > maxErrors {
		kept := append(ds.Errors(), ds.Warnings()...)
		hidden = len(ds) - maxErrors
		ds = kept[:maxErrors]
	}
	sort.SliceStable(ds, func(i, j int) bool {
		if c.doc.rank != nil && ds[i].Cell != ds[j].Cell {
			return c.doc.rank(ds[i].Cell) < c.doc.rank(ds[j].Cell)
		}
		if ds[i].Line != ds[j].Line {
			return ds[i].Line < ds[j].Line
		}
		if ds[i].Column != ds[j].Column {
			return ds[i].Column < ds[j].Column
		}
		return ds[i].Pointer < ds[j].Pointer
	})
	if hidden > 0 {
		ds = append(ds, Diagnostic{Source: c.doc.Source, Code: CodeTooMany, Severity: SeverityWarning,
			Message: i18n.Tf("另有 %d 个问题未显示（上限 %d，可用 --max-errors 调整）",
				"%d more problems not shown (cap %d, raise it with --max-errors)", hidden, maxErrors)})
	}
	return ds
}

// positioner turns increasing byte offsets into line:column positions in one
// pass over the text, so positions cost O(size) in total even on one long line.
type positioner struct {
	text []byte
	off  int
	pos  Position
}

func newPositioner(text []byte) *positioner {
	return &positioner{text: text, pos: Position{Line: 1, Column: 1}}
}

// at returns the position of byte offset off; offsets must not decrease
// between calls (a smaller one restarts from the top).
func (p *positioner) at(off int) Position {
	if off < p.off {
		p.off, p.pos = 0, Position{Line: 1, Column: 1}
	}
	if off > len(p.text) {
		off = len(p.text)
	}
	for p.off < off {
		b := p.text[p.off]
		switch {
		case b == '\n':
			p.pos.Line++
			p.pos.Column = 1
			p.off++
		case b < utf8.RuneSelf:
			p.pos.Column++
			p.off++
		default:
			_, size := utf8.DecodeRune(p.text[p.off:])
			p.pos.Column++
			p.off += size
		}
	}
	return p.pos
}

// positionAt returns the position of one byte offset off, counting lines and
// characters with the library's vectorised routines instead of a byte loop.
func positionAt(text []byte, off int) Position {
	before := text[:min(off, len(text))]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return Position{Line: 1 + bytes.Count(before, []byte{'\n'}), Column: 1 + utf8.RuneCount(before[lineStart:])}
}

// pointerAppend extends a JSON Pointer with one reference token (RFC 6901).
func pointerAppend(pointer, token string) string {
	if strings.ContainsAny(token, "~/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
	}
	return pointer + "/" + token
}
