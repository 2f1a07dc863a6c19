// Package evidence loads an agency's evidence document (YAML or JSON) into one
// value model, keeping the source position of every value, validates it against
// the embedded JSON Schema and the rules the schema cannot express, and reports
// every problem as a coded, bilingual diagnostic. Nothing is scored from a
// document whose Diagnostics has errors.
package evidence

import (
	"sort"
	"sync"
	"sync/atomic"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"go.yaml.in/yaml/v3"
)

// Severity tells whether a diagnostic makes the document invalid.
type Severity string

const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
)

// Diagnostic is one problem found in a document. Pointer is the JSON Pointer
// (RFC 6901) of the offending value; Line and Column (1-based, column counted in
// characters) locate it in the source, 0 when unknown.
type Diagnostic struct {
	Source   string    `json:"source,omitempty"`
	Code     string    `json:"code"`
	Severity Severity  `json:"severity"`
	Pointer  string    `json:"pointer"`
	Line     int       `json:"line,omitempty"`
	Column   int       `json:"column,omitempty"`
	Message  i18n.Text `json:"message"`
	// Cell is the place in a workbook, such as 入围企业!C7.
	Cell string `json:"cell,omitempty"`
	// Detail is a library's own text behind Message (the YAML parser's
	// message), kept untranslated for reference.
	Detail string `json:"detail,omitempty"`
}

// Diagnostics is the list of problems of one document, in source order.
type Diagnostics []Diagnostic

// HasErrors reports whether any diagnostic is an error (the document must not
// be scored).
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == SeverityError {
			return true
		}
	}
	return false
}

// Errors returns the error diagnostics only.
func (ds Diagnostics) Errors() Diagnostics { return ds.filter(SeverityError) }

// Warnings returns the warning diagnostics only.
func (ds Diagnostics) Warnings() Diagnostics { return ds.filter(SeverityWarning) }

func (ds Diagnostics) filter(s Severity) Diagnostics {
	var out Diagnostics
	for _, d := range ds {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Format is the syntax a document was written in.
type Format string

const (
	FormatYAML Format = "yaml"
	FormatJSON Format = "json"
)

// Position is a place in the source text (1-based line and character column).
type Position struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// Document is one loaded evidence document. Value is nil when the source could
// not be parsed; Raw and SHA256 are always set so that callers can render
// diagnostics and record provenance.
type Document struct {
	// Source is the name the document was loaded from ("-" for stdin).
	Source string
	// Format is the syntax detected.
	Format Format
	// Raw is the source bytes as read (a leading BOM included).
	Raw []byte
	// SHA256 is the lowercase hex sha256 of Raw.
	SHA256 string
	// Value is the decoded document: map[string]any, []any, string, bool,
	// json.Number or nil. Dates stay strings, numbers keep their text.
	Value any

	// Positions are found only when asked, which keeps loading cheap: YAML
	// keeps its node tree; JSON keeps its text and indexes it on first use
	// (or while reporting a parse error).
	values    map[string]Position // JSON Pointer → position of the value
	keys      map[string]Position // JSON Pointer → position of the member's key
	jsonText  []byte
	jsonLazy  bool // parsed without an index: scan or index on demand
	lookups   atomic.Int32
	indexOnce sync.Once
	yamlRoot  *yaml.Node
	locate    func(string) string // decoded sources: JSON Pointer → cell
	rank      func(string) int    // decoded sources: cell → reading order
	covered   map[string]bool     // decoded sources: pointers with a decoding problem
}

// jsonScanLookups is how many pointers are located by scanning the text
// before the whole document is indexed, so many diagnostics stay linear.
const jsonScanLookups = 16

// jsonPosition returns the value and key positions of pointer in a JSON
// document; key is ok only for an object member.
func (d *Document) jsonPosition(pointer string) (value, key Position, valueOK, keyOK bool) {
	if d.jsonLazy && d.lookups.Add(1) <= jsonScanLookups {
		valueOff, keyOff, found := locateJSON(d.jsonText, pointer)
		if !found {
			return value, key, false, false
		}
		if keyOff >= 0 {
			key, keyOK = positionAt(d.jsonText, keyOff), true
		}
		return positionAt(d.jsonText, valueOff), key, true, keyOK
	}
	if d.jsonLazy {
		d.indexOnce.Do(func() { indexJSON(d.jsonText, d, &collector{doc: d}) })
	}
	value, valueOK = d.values[pointer]
	key, keyOK = d.keys[pointer]
	return value, key, valueOK, keyOK
}

// ValuePosition returns where the value at pointer starts in the source.
func (d *Document) ValuePosition(pointer string) (Position, bool) {
	if d.yamlRoot != nil {
		value, _, ok := locateYAML(d.yamlRoot, pointer)
		return value, ok
	}
	p, _, ok, _ := d.jsonPosition(pointer)
	return p, ok
}

// KeyPosition returns where the key of the object member at pointer starts.
func (d *Document) KeyPosition(pointer string) (Position, bool) {
	if d.yamlRoot != nil {
		_, key, ok := locateYAML(d.yamlRoot, pointer)
		return key, ok && key.Line > 0
	}
	_, p, _, ok := d.jsonPosition(pointer)
	return p, ok
}

// Options bound the work done on one document.
type Options struct {
	// MaxSize is the largest source accepted, in bytes; 0 means DefaultMaxSize.
	MaxSize int64
	// MaxErrors caps the diagnostics reported per document; 0 means
	// DefaultMaxErrors, a negative value means no cap.
	MaxErrors int
	// Counting are the bundle's counting rules [I-11]: duplicates and
	// entries dated outside the cycle are warned about by these rules, and
	// only when they are given.
	Counting []model.CountingRule
}

const (
	DefaultMaxSize   = 16 << 20
	DefaultMaxErrors = 100
	// MaxDepth is the deepest nesting of arrays and objects accepted; an
	// evidence document needs 7.
	MaxDepth = 64
	// MaxAliasExpansion bounds the values YAML aliases may expand to, so an
	// alias bomb fails fast instead of exhausting memory.
	MaxAliasExpansion = 100_000
)

func (o Options) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

func (o Options) maxErrors() int {
	if o.MaxErrors == 0 {
		return DefaultMaxErrors
	}
	return o.MaxErrors
}

// place is where a pointer's value, and its member key if any, start.
type place struct {
	value, key Position
	keyOK      bool
}

// placesOf locates many pointers at once: a JSON text is scanned once for
// all of them, however many there are.
func (d *Document) placesOf(pointers []string) []place {
	out := make([]place, len(pointers))
	switch {
	case d.yamlRoot != nil:
		for i, p := range pointers {
			if value, key, ok := locateYAML(d.yamlRoot, p); ok {
				out[i] = place{value: value, key: key, keyOK: key.Line > 0}
			}
		}
	case d.jsonLazy:
		d.placeJSON(pointers, out)
	default:
		for i, p := range pointers {
			out[i].value = d.values[p]
			out[i].key, out[i].keyOK = d.keys[p]
		}
	}
	return out
}

// placeJSON finds the offsets in one scan and turns them into positions in
// one more, in offset order.
func (d *Document) placeJSON(pointers []string, out []place) {
	type target struct {
		off int
		pos *Position
	}
	var targets []target
	for i, node := range locateAllJSON(d.jsonText, pointers) {
		if !node.found {
			continue
		}
		targets = append(targets, target{node.valueOff, &out[i].value})
		if node.keyOff >= 0 {
			out[i].keyOK = true
			targets = append(targets, target{node.keyOff, &out[i].key})
		}
	}
	sort.Slice(targets, func(a, b int) bool { return targets[a].off < targets[b].off })
	p := newPositioner(d.jsonText)
	for _, t := range targets {
		*t.pos = p.at(t.off)
	}
}
