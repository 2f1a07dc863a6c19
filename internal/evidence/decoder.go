package evidence

import (
	"path/filepath"
	"strings"
	"sync"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// FormatXLSX is an evidence workbook (Office Open XML), read by the decoder
// the workbook package registers.
const FormatXLSX Format = "xlsx"

// Decoded is what a Decoder makes of a source that is not text.
type Decoded struct {
	// Value is the evidence value, as YAML or JSON would give it.
	Value any
	// Locate returns the place in the source of a JSON Pointer (of a value,
	// or of the nearest row or list holding it), such as 入围企业!C7.
	Locate func(pointer string) string
	// Problems found while decoding. A value behind one is left out of
	// Value, and the schema errors at or below its pointer are not repeated.
	Problems []Problem
	// Rank orders places as a reader meets them (sheet, row, column), so
	// the diagnostics come in that order.
	Rank func(cell string) int
	// Covered are more pointers whose schema errors a problem already
	// explains (the fields of a missing sheet).
	Covered []string
}

// Problem is one decoding error or warning.
type Problem struct {
	Code    string
	Pointer string
	Cell    string
	Message i18n.Text
}

// Decoder decodes a source of one binary format.
type Decoder func(data []byte) Decoded

var (
	decodersMu sync.RWMutex
	decoders   = map[string]registeredDecoder{}
)

type registeredDecoder struct {
	format Format
	decode Decoder
}

// RegisterDecoder makes Load read files ending in ext (".xlsx") with decode.
func RegisterDecoder(ext string, format Format, decode Decoder) {
	decodersMu.Lock()
	defer decodersMu.Unlock()
	decoders[strings.ToLower(ext)] = registeredDecoder{format: format, decode: decode}
}

func decoderFor(name string) (registeredDecoder, bool) {
	decodersMu.RLock()
	defer decodersMu.RUnlock()
	d, ok := decoders[strings.ToLower(filepath.Ext(name))]
	return d, ok
}

// decode fills doc from a registered decoder.
func (doc *Document) decode(d registeredDecoder, c *collector) bool {
	out := d.decode(doc.Raw)
	doc.Value, doc.locate, doc.rank = out.Value, out.Locate, out.Rank
	if doc.locate == nil {
		doc.locate = func(string) string { return "" }
	}
	if doc.rank == nil {
		doc.rank = func(string) int { return 0 }
	}
	doc.covered = map[string]bool{}
	for _, p := range out.Covered {
		doc.covered[p] = true
	}
	for _, p := range out.Problems {
		if c.room(p.Code) {
			c.diags = append(c.diags, Diagnostic{Source: doc.Source, Code: p.Code, Severity: severityOf(p.Code),
				Pointer: p.Pointer, Cell: p.Cell, Message: p.Message})
		}
		if p.Pointer != "" {
			doc.covered[p.Pointer] = true
		}
	}
	return out.Value != nil
}

// Cell returns the place of pointer in a decoded source (a workbook cell,
// or the nearest one holding it); "" for text sources.
func (d *Document) Cell(pointer string) string {
	if d.locate == nil {
		return ""
	}
	return d.locate(pointer)
}

// coveredBy tells whether a decoding problem was already reported at or
// above pointer, so the schema's view of the same value is not repeated.
func (d *Document) coveredBy(pointer string) bool {
	for p := pointer; ; {
		if d.covered[p] {
			return true
		}
		i := strings.LastIndexByte(p, '/')
		if i < 0 {
			return false
		}
		p = p[:i]
	}
}
