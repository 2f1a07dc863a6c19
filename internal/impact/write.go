package impact

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// SchemaVersion is the version of the JSON output (schemas/impact.schema.json).
const SchemaVersion = 1

// Bundle names one of the two bundles compared.
type Bundle struct {
	// Source is "embedded", the directory or the tarball path.
	Source   string `json:"source"`
	Revision string `json:"bundle_revision"`
	Digest   string `json:"bundle_digest"`
	// Checks is "skipped" when the bundle was used without the checks of
	// policy check (--no-check).
	Checks string `json:"bundle_checks,omitempty"`
	// Overrides are the --set changes made to the bundle's data, and
	// DataDigest the digest of the data they produced; absent without --set.
	Overrides  []engine.Override `json:"overrides,omitempty"`
	DataDigest string            `json:"data_digest,omitempty"`
	Model      *model.Model      `json:"-"`
}

// BundleOf describes the bundle e scores with.
func BundleOf(e *engine.Engine) Bundle {
	p := e.Provenance("")
	return Bundle{Source: e.Source(), Revision: p.BundleRevision, Digest: p.BundleDigest, Checks: p.BundleChecks,
		Overrides: p.Overrides, DataDigest: p.DataDigest, Model: e.Model()}
}

// whatIf lists the bundle's --set changes and the digest of the data they
// produced, or "" without them.
func (b Bundle) whatIf(lang i18n.Lang) string {
	if len(b.Overrides) == 0 {
		return ""
	}
	return i18n.Tf(" · --set %s（数据 %s）", " · --set %s (data %s)", engine.JoinOverrides(b.Overrides), b.DataDigest).In(lang)
}

// Header is what is known before the first document: the two bundles and
// how their items, categories, levels and vetoes differ.
type Header struct {
	Base      Bundle        `json:"base"`
	Candidate Bundle        `json:"candidate"`
	Changes   BundleChanges `json:"bundle_changes"`
}

// NewHeader compares the two bundles' models.
func NewHeader(base, candidate Bundle) Header {
	return Header{Base: base, Candidate: candidate, Changes: CompareModels(base.Model, candidate.Model)}
}

// Writer writes a comparison as it comes: Agency once per document written,
// in input order, then Close once with the finished summary. No format keeps
// the documents.
type Writer interface {
	Agency(a *Agency) error
	Close(s *Summary) error
}

// Formats are the output formats, the default first.
var Formats = []string{"text", "markdown", "json"}

// NewWriter returns the writer of format ("text", "markdown" or "json").
func NewWriter(format string, w io.Writer, lang i18n.Lang, h Header) (Writer, error) {
	switch format {
	case "text":
		return &textWriter{page: newPage(w, lang, h)}, nil
	case "markdown":
		return &markdownWriter{page: newPage(w, lang, h)}, nil
	case "json":
		return &jsonWriter{w: w, header: h}, nil
	}
	return nil, fmt.Errorf("unknown impact format %q", format)
}

// jsonWriter writes one object: the bundles and their differences, the
// agencies array, then the summary last, so that no agency is kept until
// the end.
type jsonWriter struct {
	w       io.Writer
	header  Header
	started bool
	written int
}

func (j *jsonWriter) start() error {
	if j.started {
		return nil
	}
	j.started = true
	head := struct {
		SchemaVersion int `json:"schema_version"`
		Header
	}{SchemaVersion, j.header}
	data, err := marshalIndented(head, "")
	if err != nil {
		return err
	}
	// the header's closing brace is left off: the agencies and the summary follow
	data = bytes.TrimSuffix(bytes.TrimRight(data, "\n"), []byte("\n}"))
	_, err = fmt.Fprintf(j.w, "%s,\n  \"agencies\": [", data)
	return err
}

func (j *jsonWriter) Agency(a *Agency) error {
	if err := j.start(); err != nil {
		return err
	}
	data, err := marshalIndented(a, "    ")
	if err != nil {
		return err
	}
	sep := ","
	if j.written == 0 {
		sep = ""
	}
	j.written++
	_, err = fmt.Fprintf(j.w, "%s\n    %s", sep, data)
	return err
}

func (j *jsonWriter) Close(s *Summary) error {
	if err := j.start(); err != nil {
		return err
	}
	data, err := marshalIndented(s, "  ")
	if err != nil {
		return err
	}
	end := "\n  ]"
	if j.written == 0 {
		end = "]"
	}
	_, err = fmt.Fprintf(j.w, "%s,\n  \"summary\": %s\n}\n", end, data)
	return err
}

// marshalIndented encodes v indented under prefix, without HTML escaping
// (Chinese and "<" stay readable) and without the final newline.
func marshalIndented(v any, prefix string) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}
