package evidence

import (
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// collector gathers the diagnostics of one document. It keeps at most limit
// errors and limit warnings (a negative limit keeps all) and only counts the
// rest, so a document with a million problems costs no million messages or
// positions. The places of kept problems are found in finish, all in one
// pass over the source.
type collector struct {
	doc     *Document
	limit   int
	diags   Diagnostics
	pending []pendingPlace
	kept    map[Severity]int
	errors  int // errors found, kept or not
	total   int // diagnostics found, kept or not
}

// pendingPlace is a kept diagnostic located at the value at pointer, or at
// the key of that member when it has one.
type pendingPlace struct {
	diag    int
	pointer string
	atKey   bool
}

func newCollector(doc *Document, limit int) *collector {
	return &collector{doc: doc, limit: limit}
}

// room counts one diagnostic of code and reports whether it is kept; a
// caller whose message is costly to build asks before building it.
func (c *collector) room(code string) bool {
	sev := severityOf(code)
	c.total++
	if sev == SeverityError {
		c.errors++
	}
	if c.limit >= 0 && c.kept[sev] >= c.limit {
		return false
	}
	if c.kept == nil {
		c.kept = map[Severity]int{}
	}
	c.kept[sev]++
	return true
}

func (c *collector) addAt(code string, pos Position, pointer string, msg i18n.Text) {
	if !c.covers(pointer) && c.room(code) {
		c.keep(code, pos, pointer, msg)
	}
}

// covers tells whether a decoding problem already explains anything at
// pointer (a workbook's cell read as text where a date belongs).
func (c *collector) covers(pointer string) bool {
	return c.doc.covered != nil && c.doc.coveredBy(pointer)
}

func (c *collector) keep(code string, pos Position, pointer string, msg i18n.Text) {
	c.diags = append(c.diags, Diagnostic{Source: c.doc.Source, Code: code, Severity: severityOf(code),
		Pointer: pointer, Line: pos.Line, Column: pos.Column, Cell: c.doc.Cell(pointer), Message: msg})
}

// keepPlacedLater keeps a diagnostic whose place is found in finish.
func (c *collector) keepPlacedLater(code, pointer string, msg i18n.Text, place string, atKey bool) {
	c.keep(code, Position{}, pointer, msg)
	c.pending = append(c.pending, pendingPlace{diag: len(c.diags) - 1, pointer: place, atKey: atKey})
}

// addValue reports a problem with the value at pointer, located at the value.
func (c *collector) addValue(code, pointer string, msg i18n.Text) {
	if !c.covers(pointer) && c.room(code) {
		c.keepPlacedLater(code, pointer, msg, pointer, false)
	}
}

// addValueWith is addValue for a problem that may recur many times: its
// pointer and message are built only when it is kept.
func (c *collector) addValueWith(code string, pointer func() string, msg func() i18n.Text) {
	if c.doc.covered != nil && c.covers(pointer()) {
		return
	}
	if c.room(code) {
		at := pointer()
		c.keepPlacedLater(code, at, msg(), at, false)
	}
}

// addKey reports a problem with the member at pointer, located at its key
// (falling back to the value).
func (c *collector) addKey(code, pointer string, msg i18n.Text) {
	if !c.covers(pointer) && c.room(code) {
		c.keepPlacedLater(code, pointer, msg, pointer, true)
	}
}

// placePending finds the places of the diagnostics kept without one.
func (c *collector) placePending() {
	if len(c.pending) == 0 {
		return
	}
	pointers := make([]string, len(c.pending))
	for i, p := range c.pending {
		pointers[i] = p.pointer
	}
	places := c.doc.placesOf(pointers)
	for i, p := range c.pending {
		pos := places[i].value
		if p.atKey && places[i].keyOK {
			pos = places[i].key
		}
		c.diags[p.diag].Line, c.diags[p.diag].Column = pos.Line, pos.Column
	}
	c.pending = nil
}

func severityOf(code string) Severity {
	if strings.HasPrefix(code, "W-") {
		return SeverityWarning
	}
	return SeverityError
}

// finish applies the cap and sorts the diagnostics by place. The cap keeps
// errors before warnings, so capping never hides that a document is invalid.
func (c *collector) finish() Diagnostics {
	c.placePending()
	ds := c.diags
	hidden := 0
	if c.limit >= 0 && c.total > c.limit {
		kept := append(ds.Errors(), ds.Warnings()...)
		hidden = c.total - c.limit
		ds = kept[:c.limit]
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
				"%d more problems not shown (cap %d, raise it with --max-errors)", hidden, c.limit)})
	}
	return ds
}

// shortQuote quotes a value for a message, cut to a readable length: the
// pointer already says where the whole value is.
func shortQuote(s string) string {
	const maxRunes = 80
	if utf8.RuneCountInString(s) <= maxRunes {
		return strconv.Quote(s)
	}
	runes := []rune(s[:min(len(s), 4*maxRunes)])
	return strconv.Quote(string(runes[:maxRunes])) + "…"
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
		case b == '\n' || b == '\r' && breakAt(p.text, p.off) == 1:
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

// pointerAppend extends a JSON Pointer with one reference token (RFC 6901).
func pointerAppend(pointer, token string) string {
	if strings.ContainsAny(token, "~/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~", "~0"), "/", "~1")
	}
	return pointer + "/" + token
}
