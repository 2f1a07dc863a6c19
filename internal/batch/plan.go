// Package batch holds what a batch of evidence documents means beyond each
// document alone: one agency is evaluated once per cycle (two documents for
// the same agency and cycle are both refused, each naming the other), and a
// document of the agency's previous cycle supplies what the policy carries
// forward (previous_cycle, for veto V2) in place of a declaration. It also
// orders results into per-cycle rankings. It names no clause: what is carried
// forward is whatever the policy's carried_forward rule returns.
package batch

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Error codes of batch refusals.
const (
	CodeDuplicate     = "duplicate_agency_cycle"
	CodeContradiction = "previous_cycle_contradicts"
)

// Doc is what the batch needs of one valid input.
type Doc struct {
	Index  int
	Path   string
	Agency string
	Year   int
	// Input is the evidence document (its top-level fields are read, never changed).
	Input map[string]any
	// Carried is the policy's carried_forward for this document: fields to set on
	// the input of the same agency's next cycle.
	Carried map[string]any
}

// Error is why an input is not scored, as the policy's own errors are written.
type Error struct {
	Code string
	Text i18n.Text
	At   string
}

// Verdict is what the batch decides for one input: fields to set on its input
// before evaluation, or errors that stop it from being scored.
type Verdict struct {
	Set    map[string]any
	Errors []Error
	// Notes say where each set field came from (reported as warnings).
	Notes []Error
}

type key struct {
	agency string
	year   int
}

// Plan decides every document's verdict; documents with nothing to change
// are absent from the map.
func Plan(docs []Doc) map[int]Verdict {
	groups := map[key][]Doc{}
	for _, d := range docs {
		k := key{d.Agency, d.Year}
		groups[k] = append(groups[k], d)
	}
	out := map[int]Verdict{}
	for _, d := range docs {
		group := groups[key{d.Agency, d.Year}]
		if len(group) > 1 {
			out[d.Index] = Verdict{Errors: []Error{duplicateError(d, group)}}
			continue
		}
		previous := groups[key{d.Agency, d.Year - 1}]
		if len(previous) != 1 { // none, or duplicates that are refused themselves
			continue
		}
		if v, ok := carryForward(d, previous[0]); ok {
			out[d.Index] = v
		}
	}
	return out
}

func duplicateError(d Doc, group []Doc) Error {
	var others []string
	for _, o := range group {
		if o.Index != d.Index {
			others = append(others, o.Path)
		}
	}
	list := strings.Join(others, ", ")
	return Error{Code: CodeDuplicate, At: "/agency/id", Text: i18n.Tf(
		"机构 %s 的 %d 周期有多份证据：%s 与 %s；每个机构每个周期只评价一次，均不评分、不排名",
		"agency %s has more than one document for cycle %d: %s and %s; an agency is evaluated once per cycle, so neither is scored or ranked",
		d.Agency, d.Year, d.Path, list)}
}

// carryForward sets what the previous cycle's document carries forward; a
// declaration on d that disagrees with it is an error naming both files.
func carryForward(d, previous Doc) (Verdict, bool) {
	var v Verdict
	for _, field := range sortedKeys(previous.Carried) {
		derived := previous.Carried[field]
		declared, ok := d.Input[field]
		if ok && declared != nil && !sameJSON(declared, derived) {
			v.Errors = append(v.Errors, Error{Code: CodeContradiction, At: "/" + field, Text: i18n.Tf(
				"%s 声明的 %s 为 %s，但同一机构上一周期（%d）的证据 %s 得出 %s；请删除声明或更正其中一份，本文件不评分",
				"%s declares %s as %s, but %s, the same agency's document for the previous cycle (%d), gives %s; remove the declaration or correct one of them: not scored",
				d.Path, field, compactJSON(declared), previous.Path, d.Year-1, compactJSON(derived))})
			continue
		}
		if v.Set == nil {
			v.Set = map[string]any{}
		}
		v.Set[field] = derived
		v.Notes = append(v.Notes, Error{At: "/" + field, Text: i18n.Tf(
			"%s 取自同一机构上一周期（%d）的证据 %s：%s",
			"%[1]s taken from %[3]s, the same agency's document for the previous cycle (%[2]d): %[4]s",
			field, d.Year-1, previous.Path, compactJSON(derived))})
	}
	return v, v.Set != nil || v.Errors != nil
}

// sameJSON compares two values by their canonical JSON (numbers by value,
// object keys sorted), so a declaration read from YAML equals the policy's value.
func sameJSON(a, b any) bool { return compactJSON(a) == compactJSON(b) }

func compactJSON(v any) string {
	data, err := json.Marshal(normalise(v))
	if err != nil {
		return ""
	}
	return string(bytes.TrimSpace(data))
}

// normalise turns json.Number into canonical numbers, so 1 and 1.0 agree.
func normalise(v any) any {
	switch x := v.(type) {
	case json.Number:
		if f, err := x.Float64(); err == nil {
			return f
		}
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = normalise(e)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = normalise(e)
		}
		return out
	case int:
		return float64(x)
	case int64:
		return float64(x)
	}
	return v
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
