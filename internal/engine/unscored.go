package engine

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Unscored is the result entry of an input that was not scored (invalid
// evidence, an unreadable file, a batch refusal, an evaluation failure): its
// input, the agency and cycle as far as they could be read, and the errors.
func (e *Engine) Unscored(path string, doc *evidence.Document, errs []PolicyError) *Result {
	r := &Result{SchemaVersion: 1, Warnings: []Warning{}, Errors: errs, Input: InputOf(path, doc)}
	digest := ""
	if doc != nil && doc.Raw != nil {
		digest = "sha256:" + doc.SHA256
		root, _ := doc.Value.(map[string]any)
		r.Agency, r.Cycle = readAgency(root["agency"]), readCycle(root["cycle"])
	}
	r.Provenance = e.Provenance(digest)
	return r
}

// InputOf names the input a result came from.
func InputOf(path string, doc *evidence.Document) *Input {
	in := &Input{Path: path}
	if doc != nil && doc.Raw != nil {
		in.Digest = "sha256:" + doc.SHA256
	}
	return in
}

// DiagnosticErrors are the error diagnostics of an invalid document as result errors.
func DiagnosticErrors(diags evidence.Diagnostics) []PolicyError {
	var out []PolicyError
	for _, d := range diags {
		if d.Severity != evidence.SeverityError {
			continue
		}
		out = append(out, PolicyError{Code: d.Code, ZH: d.Message.ZH, EN: d.Message.EN, At: d.Pointer,
			Line: d.Line, Column: d.Column})
	}
	return out
}

// FailureError is an evaluation failure (timeout, a bundle bug) as a result error.
func FailureError(err error) PolicyError {
	var e *Error
	if errors.As(err, &e) {
		return PolicyError{Code: e.Code, ZH: e.Render(i18n.ZH), EN: e.Render(i18n.EN)}
	}
	return PolicyError{Code: CodeEval, ZH: err.Error(), EN: err.Error()}
}

func readAgency(v any) Agency {
	m, _ := v.(map[string]any)
	id, _ := m["id"].(string)
	name, _ := m["name"].(string)
	code, _ := m["credit_code"].(string)
	return Agency{ID: id, Name: name, CreditCode: code}
}

// readCycle is the cycle when all of it could be read (an integer year and
// two real dates), else nothing: an entry repeats only what is valid.
func readCycle(v any) Cycle {
	m, _ := v.(map[string]any)
	n, _ := m["year"].(json.Number)
	year, err := n.Int64()
	start, _ := m["start"].(string)
	end, _ := m["end"].(string)
	if err != nil || !isDate(start) || !isDate(end) {
		return Cycle{}
	}
	return Cycle{Year: int(year), Start: start, End: end}
}

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
