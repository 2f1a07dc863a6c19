package evidence

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// FileResult is the outcome of validating one input.
type FileResult struct {
	Source      string      `json:"source"`
	Valid       bool        `json:"valid"`
	Format      Format      `json:"format,omitempty"`
	SHA256      string      `json:"sha256,omitempty"`
	Errors      int         `json:"errors"`
	Warnings    int         `json:"warnings"`
	Diagnostics Diagnostics `json:"diagnostics"`

	raw []byte
}

// ValidateInputs loads every input and reports each.
func ValidateInputs(inputs []Input, opts Options) []FileResult {
	results := make([]FileResult, 0, len(inputs))
	for _, in := range inputs {
		doc, diags := LoadInput(in, opts)
		results = append(results, newFileResult(doc, diags))
	}
	return results
}

func newFileResult(doc *Document, diags Diagnostics) FileResult {
	if diags == nil {
		diags = Diagnostics{}
	}
	r := FileResult{Source: doc.Source, Valid: !diags.HasErrors(), Diagnostics: diags,
		Errors: len(diags.Errors()), Warnings: len(diags.Warnings()), raw: doc.Raw}
	if n := len(diags); n > 0 && diags[n-1].Code == CodeTooMany {
		r.Warnings-- // the cap's note is not a problem of the document
	}
	if doc.Raw != nil {
		r.Format, r.SHA256 = doc.Format, doc.SHA256
	}
	return r
}

// AllValid reports whether every result is valid.
func AllValid(results []FileResult) bool {
	for _, r := range results {
		if !r.Valid {
			return false
		}
	}
	return true
}

// WriteResultsText prints the diagnostics of every input with its source line
// and a caret, then one status line per input.
func WriteResultsText(w io.Writer, results []FileResult, lang i18n.Lang) error {
	for _, r := range results {
		if err := WriteText(w, r.Diagnostics, r.raw, lang); err != nil {
			return err
		}
		if _, err := fmt.Fprintln(w, statusLine(r).In(lang)); err != nil {
			return err
		}
	}
	return nil
}

func statusLine(r FileResult) i18n.Text {
	if r.Valid {
		if r.Warnings == 0 {
			return i18n.Tf("%s：有效", "%s: valid", r.Source)
		}
		return i18n.Tf("%s：有效，%d 个警告", "%s: valid, %d warning(s)", r.Source, r.Warnings)
	}
	return i18n.Tf("%s：无效，%d 个错误，%d 个警告", "%s: invalid, %d error(s), %d warning(s)", r.Source, r.Errors, r.Warnings)
}

// ValidationReport is the JSON document `validate --output json` prints.
type ValidationReport struct {
	Valid     bool         `json:"valid"`
	Documents []FileResult `json:"documents"`
}

// WriteResultsJSON prints the results as one indented JSON document; messages
// carry both languages.
func WriteResultsJSON(w io.Writer, results []FileResult) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(ValidationReport{Valid: AllValid(results), Documents: results})
}

// ParseSize reads a byte count such as 16777216, 16MiB, 20MB, 512K or 1G
// (K, M, G and KiB, MiB, GiB are powers of 1024; KB, MB, GB powers of 1000).
func ParseSize(s string) (int64, error) {
	units := []struct {
		suffix string
		factor int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9},
		{"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	text, factor := strings.TrimSpace(s), int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(text), strings.ToUpper(u.suffix)) {
			text, factor = strings.TrimSpace(text[:len(text)-len(u.suffix)]), u.factor
			break
		}
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/factor {
		return 0, fmt.Errorf("invalid size %q (use e.g. 16MiB) / 无效的大小 %q（例如 16MiB）", s, s)
	}
	return n * factor, nil
}
