package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// decodeResult turns the decision value (maps, slices, strings, json.Number,
// bools, nil, as rego hands it over) into the Go result types directly, with
// encoding/json's rules: unknown keys are ignored, null leaves the zero
// value, an array gives a non-nil slice even when empty, and a value of the
// wrong type is an error. A JSON round trip did the same at several times the
// cost.
func decodeResult(decision any) (*Result, error) {
	d := &decoder{}
	var r Result
	if m := d.object(decision, "result"); m != nil {
		r = d.result(m)
	}
	if d.err != nil {
		return nil, decodeError(d.err)
	}
	if r.Warnings == nil {
		r.Warnings = []Warning{}
	}
	if r.Scored() && r.Vetoes == nil {
		r.Vetoes = []Veto{}
	}
	if r.Scored() && r.Misconduct == nil {
		r.Misconduct = []Misconduct{}
	}
	return &r, nil
}

// decoder keeps the first mismatch, so the field readers stay one-liners.
type decoder struct{ err error }

func (d *decoder) fail(key, want string, v any) {
	if d.err == nil {
		d.err = fmt.Errorf("%s: want %s, got %T", key, want, v)
	}
}

func (d *decoder) result(m map[string]any) Result {
	return Result{
		SchemaVersion: d.int(m, "schema_version"),
		Agency: withObject(d, m, "agency", func(a map[string]any) Agency {
			return Agency{ID: d.str(a, "id"), Name: d.str(a, "name"), CreditCode: d.str(a, "credit_code")}
		}),
		Cycle: withObject(d, m, "cycle", func(c map[string]any) Cycle {
			return Cycle{Year: d.int(c, "year"), Start: d.str(c, "start"), End: d.str(c, "end")}
		}),
		Items:         objects(d, m, "items", d.item),
		Categories:    d.categories(m),
		Total:         pointer(withObject(d, m, "total", d.score), m["total"]),
		Vetoes:        objects(d, m, "vetoes", d.veto),
		VetoesChecked: d.strs(m, "vetoes_checked"),
		Misconduct:    objects(d, m, "misconduct", d.misconduct),
		Level:         pointer(withObject(d, m, "level", d.level), m["level"]),
		NextLevel:     pointer(withObject(d, m, "next_level", d.nextLevel), m["next_level"]),
		Warnings: objects(d, m, "warnings", func(w map[string]any) Warning {
			return Warning{ZH: d.str(w, "zh"), EN: d.str(w, "en"), At: d.str(w, "at")}
		}),
		Errors: objects(d, m, "errors", func(e map[string]any) PolicyError {
			return PolicyError{Code: d.str(e, "code"), ZH: d.str(e, "zh"), EN: d.str(e, "en"), At: d.str(e, "at")}
		}),
	}
}

func (d *decoder) item(m map[string]any) Item {
	return Item{
		ID: d.str(m, "id"), Category: d.str(m, "category"),
		Points: d.int(m, "points"), Max: d.int(m, "max"), Tier: d.str(m, "tier"),
		Title: d.text(m, "title"), Reason: d.text(m, "reason"),
		Evidence: d.strs(m, "evidence"), Interpretations: d.strs(m, "interpretations"),
		Source: withObject(d, m, "source", d.source),
	}
}

func (d *decoder) source(m map[string]any) Source {
	return Source{File: d.str(m, "file"), Row: d.int(m, "row")}
}

func (d *decoder) score(m map[string]any) CategoryScore {
	return CategoryScore{Points: d.int(m, "points"), Max: d.int(m, "max"), DeclaredMax: d.int(m, "declared_max")}
}

func (d *decoder) categories(m map[string]any) map[string]CategoryScore {
	cats := d.object(m["categories"], "categories")
	if cats == nil {
		return nil
	}
	out := make(map[string]CategoryScore, len(cats))
	for name, v := range cats {
		out[name] = d.score(d.object(v, "categories."+name))
	}
	return out
}

func (d *decoder) veto(m map[string]any) Veto {
	return Veto{
		ID: d.str(m, "id"), Title: d.text(m, "title"), Reason: d.text(m, "reason"),
		Evidence: d.strs(m, "evidence"), Interpretations: d.strs(m, "interpretations"),
		Source: pointer(withObject(d, m, "source", d.source), m["source"]),
	}
}

func (d *decoder) misconduct(m map[string]any) Misconduct {
	return Misconduct{Veto: d.veto(m), Consequence: d.text(m, "consequence"), BarredYears: d.ints(m, "barred_years")}
}

func (d *decoder) level(m map[string]any) Level {
	return Level{
		Level: d.int(m, "level"), Title: d.text(m, "title"),
		Reasons:     objects(d, m, "reasons", d.textOf),
		Consequence: d.text(m, "consequence"),
		MisconductConsequence: pointer(withObject(d, m, "misconduct_consequence", d.textOf),
			m["misconduct_consequence"]),
	}
}

func (d *decoder) nextLevel(m map[string]any) NextLevel {
	return NextLevel{
		Level: d.int(m, "level"), BlockedByVetoes: d.bool(m, "blocked_by_vetoes"),
		BlockedByMisconduct: d.bool(m, "blocked_by_misconduct"),
		Shortfall:           d.intMap(m, "shortfall"),
		Options: objects(d, m, "options", func(o map[string]any) Option {
			return Option{Item: d.str(o, "item"), Gain: d.int(o, "gain")}
		}),
		Conditions: d.intMap(m, "conditions"),
		Plans:      objects(d, m, "plans", d.plan),
		Unchangeable: objects(d, m, "unchangeable", func(o map[string]any) Unchangeable {
			return Unchangeable{Item: d.str(o, "item"), Reason: d.text(o, "reason")}
		}),
		Unreachable: objects(d, m, "unreachable", func(o map[string]any) Unreachable {
			return Unreachable{
				Condition: d.str(o, "condition"), Least: d.int(o, "least"), Most: d.int(o, "most"),
				Fixed: d.strs(o, "fixed"), Summary: d.text(o, "summary"),
			}
		}),
		Further: pointer(withObject(d, m, "further", func(f map[string]any) FurtherLevel {
			return FurtherLevel{
				Level: d.int(f, "level"), Conditions: d.intMap(f, "conditions"),
				Shortfall: d.intMap(f, "shortfall"), Plans: objects(d, f, "plans", d.plan),
			}
		}), m["further"]),
	}
}

func (d *decoder) plan(m map[string]any) Plan {
	return Plan{
		Items: objects(d, m, "items", func(o map[string]any) PlanItem {
			return PlanItem{
				Item: d.str(o, "item"), Category: d.str(o, "category"),
				From: d.int(o, "from"), To: d.int(o, "to"), Gain: d.int(o, "gain"), Tier: d.str(o, "tier"),
			}
		}),
		Gain: d.int(m, "gain"), Gains: d.intMap(m, "gains"),
		Satisfies: d.strs(m, "satisfies"), BlockedBy: d.strs(m, "blocked_by"),
		Summary: d.text(m, "summary"),
	}
}

func (d *decoder) intMap(m map[string]any, key string) map[string]int {
	obj := d.object(m[key], key)
	if obj == nil {
		return nil
	}
	out := make(map[string]int, len(obj))
	for k := range obj {
		out[k] = d.int(obj, k)
	}
	return out
}

func (d *decoder) textOf(m map[string]any) i18n.Text {
	return i18n.Text{ZH: d.str(m, "zh"), EN: d.str(m, "en")}
}

func (d *decoder) text(m map[string]any, key string) i18n.Text {
	return withObject(d, m, key, d.textOf)
}

// object is v as a JSON object; nil for null (and for a mismatch, recorded).
func (d *decoder) object(v any, key string) map[string]any {
	switch o := v.(type) {
	case nil:
	case map[string]any:
		return o
	default:
		d.fail(key, "object", v)
	}
	return nil
}

// withObject decodes m[key] with decode, or gives the zero value for null.
func withObject[T any](d *decoder, m map[string]any, key string, decode func(map[string]any) T) T {
	var zero T
	obj := d.object(m[key], key)
	if obj == nil {
		return zero
	}
	return decode(obj)
}

// pointer is &v unless the raw value was null (or absent).
func pointer[T any](v T, raw any) *T {
	if raw == nil {
		return nil
	}
	return &v
}

// objects decodes the array m[key]: nil for null, non-nil otherwise, and a
// null element as the zero value.
func objects[T any](d *decoder, m map[string]any, key string, decode func(map[string]any) T) []T {
	arr := d.array(m[key], key)
	if arr == nil {
		return nil
	}
	out := make([]T, len(arr))
	for i, v := range arr {
		if obj := d.object(v, key+"[]"); obj != nil {
			out[i] = decode(obj)
		}
	}
	return out
}

func (d *decoder) array(v any, key string) []any {
	switch a := v.(type) {
	case nil:
	case []any:
		return a // a typed nil was null to encoding/json too
	default:
		d.fail(key, "array", v)
	}
	return nil
}

func (d *decoder) strs(m map[string]any, key string) []string {
	arr := d.array(m[key], key)
	if arr == nil {
		return nil
	}
	out := make([]string, len(arr))
	for i, v := range arr {
		out[i] = d.string(v, key+"[]")
	}
	return out
}

func (d *decoder) str(m map[string]any, key string) string { return d.string(m[key], key) }

func (d *decoder) string(v any, key string) string {
	switch s := v.(type) {
	case nil:
	case string:
		return validUTF8(s)
	default:
		d.fail(key, "string", v)
	}
	return ""
}

func (d *decoder) bool(m map[string]any, key string) bool {
	switch b := m[key].(type) {
	case nil:
	case bool:
		return b
	default:
		d.fail(key, "boolean", b)
	}
	return false
}

// int accepts integral numbers only, as encoding/json does for an int field.
func (d *decoder) int(m map[string]any, key string) int { return d.intOf(m[key], key) }

func (d *decoder) intOf(v any, key string) int {
	switch n := v.(type) {
	case nil:
	case json.Number:
		i, err := strconv.ParseInt(string(n), 10, strconv.IntSize)
		if err == nil {
			return int(i)
		}
		d.fail(key, "integer", n)
	case int:
		return n
	case float64:
		if n == math.Trunc(n) && math.Abs(n) < 1e21 {
			return int(n)
		}
		d.fail(key, "integer", n)
	default:
		d.fail(key, "integer", n)
	}
	return 0
}

// validUTF8 replaces each invalid byte with U+FFFD, as json.Marshal did.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, r) // range yields U+FFFD per invalid byte
	}
	return string(out)
}

func (d *decoder) ints(m map[string]any, key string) []int {
	arr := d.array(m[key], key)
	if arr == nil {
		return nil
	}
	out := make([]int, len(arr))
	for i, v := range arr {
		out[i] = d.intOf(v, key+"[]")
	}
	return out
}
