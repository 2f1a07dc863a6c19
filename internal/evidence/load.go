package evidence

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Load parses and validates one document. name is used in diagnostics and picks
// the syntax by extension (.json is JSON, .yaml/.yml YAML, otherwise JSON when
// the text starts with '{' or '[', else YAML). The returned Document is never
// nil; score it only when the Diagnostics has no errors.
func Load(name string, data []byte, opts Options) (*Document, Diagnostics) {
	doc := newDocument(name, data)
	if int64(len(data)) > opts.maxSize() {
		return doc, Diagnostics{sizeDiagnostic(name, opts.maxSize())}
	}
	c := newCollector(doc, opts.maxErrors())
	if doc.parseOrDecode(c, opts) {
		validateSchema(doc, c)
		checkSemantics(doc, c, opts.Counting)
	}
	return doc, c.finish()
}

// ReadFile reads path ("-" for standard input) and only parses it, without
// validation: for a quick look at a few fields before the real load (a batch
// reads every input's agency and cycle this way). Raw holds the bytes read.
func ReadFile(path string, opts Options) (*Document, bool) {
	return ReadInput(Input{Path: path}, opts)
}

// ReadInput is ReadFile for an input as ExpandInputs found it.
func ReadInput(in Input, opts Options) (*Document, bool) {
	data, diag := readInput(in, opts.maxSize())
	if diag != nil {
		return newDocument(in.Path, nil), false
	}
	doc := newDocument(in.Path, data)
	return doc, doc.parseOrDecode(newCollector(doc, 1), opts)
}

// parseOrDecode reads doc's value with the decoder registered for its name
// (a workbook), or as YAML/JSON text.
func (doc *Document) parseOrDecode(c *collector, opts Options) bool {
	if d, ok := decoderFor(doc.Source); ok {
		return doc.decode(d, c)
	}
	return doc.parse(c, opts)
}

// LoadFile reads path ("-" for standard input) and loads it. A file above the
// size limit is refused before it is read.
func LoadFile(path string, opts Options) (*Document, Diagnostics) {
	data, diag := readSource(path, opts.maxSize())
	if diag != nil {
		return newDocument(path, nil), Diagnostics{*diag}
	}
	return Load(path, data, opts)
}

func newDocument(name string, data []byte) *Document {
	sum := sha256.Sum256(data)
	return &Document{Source: name, Raw: data, SHA256: hex.EncodeToString(sum[:]), Format: detectFormat(name, data)}
}

func readSource(path string, limit int64) ([]byte, *Diagnostic) {
	if path == "-" {
		return readLimited(path, os.Stdin, limit)
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, readDiagnostic(path, err)
	}
	if info.IsDir() {
		return nil, readDiagnostic(path, errIsDirectory)
	}
	if info.Size() > limit {
		d := sizeDiagnostic(path, limit)
		return nil, &d
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, readDiagnostic(path, err)
	}
	defer f.Close()
	return readLimited(path, f, limit)
}

// readLimited reads one byte more than the limit, so an oversized stream is
// detected without holding more than limit+1 bytes.
func readLimited(name string, r io.Reader, limit int64) ([]byte, *Diagnostic) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, readDiagnostic(name, err)
	}
	if int64(len(data)) > limit {
		d := sizeDiagnostic(name, limit)
		return nil, &d
	}
	return data, nil
}

func sizeDiagnostic(name string, limit int64) Diagnostic {
	return Diagnostic{Source: name, Code: CodeSize, Severity: SeverityError, Pointer: "",
		Message: i18n.Tf("文件超过 %d 字节的大小上限，未解析（可用 --max-size 调整）",
			"the file exceeds the size limit of %d bytes and was not parsed (raise it with --max-size)", limit)}
}

func detectFormat(name string, data []byte) Format {
	if d, ok := decoderFor(name); ok {
		return d.format
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return FormatJSON
	case ".yaml", ".yml":
		return FormatYAML
	}
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	if len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		return FormatJSON
	}
	return FormatYAML
}

// parse decodes the source into doc.Value and the position index; it reports
// whether decoding succeeded.
func (doc *Document) parse(c *collector, opts Options) bool {
	text := bytes.TrimPrefix(doc.Raw, utf8BOM)
	if !checkEncoding(text, c) {
		return false
	}
	if len(bytes.TrimSpace(text)) == 0 {
		c.addAt(CodeEmpty, Position{Line: 1, Column: 1}, "", i18n.T("文件为空，没有证据文档", "the file is empty: there is no evidence document"))
		return false
	}
	var ok bool
	if doc.Format == FormatJSON {
		doc.Value, ok = parseJSON(text, doc, c)
	} else {
		doc.Value, ok = parseYAML(text, doc, c, opts.maxSize())
	}
	if !ok {
		doc.Value = nil
	}
	return ok
}

func checkEncoding(text []byte, c *collector) bool {
	if bytes.HasPrefix(text, []byte{0xFF, 0xFE}) || bytes.HasPrefix(text, []byte{0xFE, 0xFF}) {
		c.addAt(CodeUTF8, Position{Line: 1, Column: 1}, "", i18n.T("文件是 UTF-16 编码，请保存为 UTF-8", "the file is UTF-16 encoded; save it as UTF-8"))
		return false
	}
	if utf8.Valid(text) {
		return true
	}
	off := firstInvalidUTF8(text)
	pos := newPositioner(text).at(off)
	c.addAt(CodeUTF8, pos, "", i18n.Tf("第 %d 字节处不是有效的 UTF-8 编码，请将文件保存为 UTF-8",
		"invalid UTF-8 at byte %d; save the file as UTF-8", off))
	return false
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}
