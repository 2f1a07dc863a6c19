package policy

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The evidence pattern: a regular expression, derived from the evidence
// schema, over the Rego text of a document (sprintf "%v": members in key
// order, ", " and ": " between them, strings quoted as Go quotes them). It
// accepts only documents the schema accepts, most valid documents among them;
// validation/schema.rego calls json.match_schema only for a document it does
// not accept, to get the schema's errors. OPA's built-in converts its input to
// Go values, to JSON text and back before validating, about a microsecond per
// value: on the typical document it is most of the validation's cost, while
// the pattern is matched in one scan of the text, its choices factored on
// common prefixes so that few of them are open at any character.
//
// What the pattern describes: closed objects, lists without length bounds,
// text and plain strings, string enums, booleans, integer and string
// constants, null beside one other type, integers in [0, 999999999] where the
// schema allows [0, ≥ that], four-digit integers from a minimum to 9999, real
// dates in 1900–2199 (format "date" with the schema's year pattern), and
// anchored patterns of letters, digits and ranges (the credit code). A schema
// with anything else gets no pattern: json.match_schema then checks every
// document. TestEvidencePatternAcceptsOnlyValidDocuments holds the pattern to
// json.match_schema.

// evidencePattern is the pattern of the whole document, or false when the
// schema uses something a pattern does not describe.
func evidencePattern(schema []byte) (string, bool, error) {
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return "", false, err
	}
	defs, _ := root["$defs"].(map[string]any)
	r := resolver{defs: defs}
	body, ok := r.value(root)
	if !ok {
		return "", false, nil
	}
	return "^" + body + "$", true, nil
}

// resolver follows the schema's local references (#/$defs/name).
type resolver struct{ defs map[string]any }

func (r resolver) resolve(s map[string]any) map[string]any {
	for range 32 { // a reference chain longer than this is not followed
		ref, ok := s["$ref"].(string)
		if !ok {
			return s
		}
		def, _ := r.defs[strings.TrimPrefix(ref, "#/$defs/")].(map[string]any)
		if !strings.HasPrefix(ref, "#/$defs/") || def == nil {
			return nil
		}
		merged := map[string]any{}
		for k, v := range def {
			merged[k] = v
		}
		for k, v := range s {
			if k != "$ref" {
				merged[k] = v
			}
		}
		s = merged
	}
	return nil
}

// annotation reports keywords that constrain nothing.
func annotation(keyword string) bool {
	return keyword == "title" || keyword == "description" || keyword == "$comment" ||
		keyword == "examples" || keyword == "$schema" || keyword == "$id" || keyword == "$defs" ||
		strings.HasPrefix(keyword, "x-")
}

// only: every keyword of s is an annotation or one of allowed.
func only(s map[string]any, allowed ...string) bool {
	for k := range s {
		if !annotation(k) && !slices.Contains(allowed, k) {
			return false
		}
	}
	return true
}

// value is the pattern of a value valid against s, if it has one.
func (r resolver) value(s map[string]any) (string, bool) {
	s = r.resolve(s)
	if s == nil {
		return "", false
	}
	if types, ok := s["type"].([]any); ok {
		return r.nullOr(s, types)
	}
	switch {
	case s["enum"] != nil:
		return stringEnum(s)
	case s["const"] != nil:
		return constant(s)
	}
	switch s["type"] {
	case "object":
		return r.object(s)
	case "array":
		return r.array(s)
	case "string":
		return str(s)
	case "integer":
		return integer(s)
	case "boolean":
		return booleanPattern, only(s, "type")
	}
	return "", false
}

// nullOr: "type": [T, "null"] (either order), T described without null.
func (r resolver) nullOr(s map[string]any, types []any) (string, bool) {
	if len(types) != 2 || !slices.Contains(types, any("null")) || types[0] == types[1] {
		return "", false
	}
	other := map[string]any{}
	for k, v := range s {
		other[k] = v
	}
	other["type"] = types[0]
	if types[0] == "null" {
		other["type"] = types[1]
	}
	v, ok := r.value(other)
	if !ok || strings.HasPrefix(v, "n") {
		return "", false
	}
	return "(?:null|" + v + ")", true
}

// array: a list without bounds on its length, of items a pattern describes.
// An item that cannot be a number is written once, with ", " after it
// optional: that also matches texts with no separator between two items, which
// Rego never writes, and an item of such a list (an object, a string, a
// boolean) ends where its own pattern says, so that no real text is read
// otherwise. Numbers could be read as two (1234 as 12 and 34): a list that may
// hold them repeats its item with the separator required.
func (r resolver) array(s map[string]any) (string, bool) {
	items, _ := s["items"].(map[string]any)
	if !only(s, "type", "items") || items == nil {
		return "", false
	}
	item, ok := r.value(items)
	if !ok || strings.HasPrefix(item, `\]`) {
		return "", false
	}
	if strings.HasPrefix(item, `\{`) || strings.HasPrefix(item, `"`) || item == booleanPattern {
		return `\[(?:` + item + `(?:, )?)*\]`, true
	}
	return `\[(?:\]|` + item + `(?:, ` + item + `)*\])`, true
}

const booleanPattern = `(?:true|false)`

// quoted matches a string as Go quotes it (strconv.Quote): any escape is a
// backslash and the character after it, never a bare quote.
const (
	quoted         = `"(?:[^"\\]|\\.)*"`
	quotedNonEmpty = `"(?:[^"\\]|\\.)+"`
)

// yearPattern is the schema's year range of dates, 1900–2199.
const yearPattern = "^(19|2[01])[0-9]{2}-"

// plainPattern: an anchored pattern of letters, digits, ranges and counts,
// which matches no character Go quotes with a backslash.
var plainPattern = regexp.MustCompile(`^\^[0-9A-Za-z\[\]{}-]+\$$`)

// str: text, a plain string, a date, or a string of a plain pattern.
func str(s map[string]any) (string, bool) {
	pattern, _ := s["pattern"].(string)
	switch {
	case s["format"] == "date" && pattern == yearPattern && only(s, "type", "format", "pattern"):
		return `"` + date + `"`, true
	case s["format"] != nil:
		return "", false
	case pattern != "" && plainPattern.MatchString(pattern) && only(s, "type", "pattern"):
		return `"` + strings.TrimSuffix(strings.TrimPrefix(pattern, "^"), "$") + `"`, true
	case !only(s, "type", "minLength"):
		return "", false
	}
	switch s["minLength"] {
	case nil, 0.0:
		return quoted, true
	case 1.0:
		return quotedNonEmpty, true
	}
	return "", false
}

// integer: [0, max] for a max of at least 999999999 (numbers of up to nine
// digits), or [min, 9999] for a four-digit min. Other bounds, and integral
// values written as 3.0 or 1e2, are left to the schema.
func integer(s map[string]any) (string, bool) {
	lo, hasLo := s["minimum"].(float64)
	hi, hasHi := s["maximum"].(float64)
	switch {
	case !only(s, "type", "minimum", "maximum") || !hasLo || !hasHi:
		return "", false
	case lo == 0 && hi >= 999999999:
		return `(?:0|[1-9][0-9]{0,8})`, true
	case lo >= 1000 && lo <= 9999 && hi == 9999 && lo == math.Trunc(lo):
		return atLeast(strconv.Itoa(int(lo))), true
	}
	return "", false
}

// atLeast: the numbers of as many digits as min, from min on.
func atLeast(min string) string {
	if min == "" {
		return ""
	}
	d := min[0]
	tail := len(min) - 1
	higher := ""
	if d < '9' {
		higher = fmt.Sprintf("[%c-9]", d+1)
		if tail > 0 {
			higher += fmt.Sprintf("[0-9]{%d}", tail)
		}
	}
	same := string(d) + atLeast(min[1:])
	if higher == "" {
		return same
	}
	return "(?:" + same + "|" + higher + ")"
}

// constant: an integer or string constant, as Rego writes it.
func constant(s map[string]any) (string, bool) {
	if !only(s, "type", "const") {
		return "", false
	}
	switch c := s["const"].(type) {
	case float64:
		if c != math.Trunc(c) || math.Abs(c) > 1e15 || (s["type"] != nil && s["type"] != "integer") {
			return "", false
		}
		return regexp.QuoteMeta(strconv.FormatInt(int64(c), 10)), true
	case string:
		if s["type"] != nil && s["type"] != "string" {
			return "", false
		}
		return regexp.QuoteMeta(strconv.Quote(c)), true
	}
	return "", false
}

// date: a real date YYYY-MM-DD of 1900–2199; February 29 in leap years
// only (1900 and 2100 are none).
const date = `(?:(?:19|2[01])[0-9]{2}-(?:0(?:[13578]-` + day31 + `|[469]-` + day30 + `|2-(?:0[1-9]|1[0-9]|2[0-8]))|1(?:[02]-` + day31 + `|1-` + day30 + `))` +
	`|(?:19(?:0[48]|` + leapTail + `)|20(?:[02468][048]|[13579][26])|21(?:0[48]|` + leapTail + `))-02-29)`

// leapTail: the years ending in 04 … 96 but 00 divisible by 4, past the first decade.
const leapTail = `[2468][048]|[13579][26]`

const (
	day31 = `(?:0[1-9]|[12][0-9]|3[01])`
	day30 = `(?:0[1-9]|[12][0-9]|30)`
)

// stringEnum: one of the listed strings, each as Go quotes it.
func stringEnum(s map[string]any) (string, bool) {
	values, _ := s["enum"].([]any)
	if t, typed := s["type"]; (typed && t != "string") || !only(s, "type", "enum") {
		return "", false
	}
	branches := make([]branch, 0, len(values))
	for _, v := range values {
		text, ok := v.(string)
		if !ok {
			return "", false
		}
		branches = append(branches, branch{literal: strconv.Quote(text)})
	}
	if len(branches) == 0 {
		return "", false
	}
	return oneOf(branches), true
}

// member is one property of a closed object: its name and value pattern.
type member struct {
	name, value string
	required    bool
}

// maxOptional bounds the optional members of an object with a pattern: each
// doubles the ways an object can go on.
const maxOptional = 4

// object: a closed object's members in key order, required ones present.
func (r resolver) object(s map[string]any) (string, bool) {
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	list, _ := s["required"].([]any)
	for _, name := range list {
		n, ok := name.(string)
		if !ok || props[n] == nil {
			return "", false // a required member the object cannot have
		}
		required[n] = true
	}
	if !only(s, "type", "additionalProperties", "properties", "required") || s["additionalProperties"] != false ||
		len(props)-len(required) > maxOptional {
		return "", false
	}
	names := make([]string, 0, len(props))
	for name := range props {
		names = append(names, name)
	}
	slices.Sort(names) // Rego writes object members in key order
	members := make([]member, 0, len(names))
	for _, name := range names {
		sub, _ := props[name].(map[string]any)
		v, ok := r.value(sub)
		if !ok {
			return "", false
		}
		members = append(members, member{name, v, required[name]})
	}
	return `\{` + membersFrom(members, true), true
}

// membersFrom: the rest of an object from members[0] on, its closing brace
// included; first says no member is written yet. What may come next is the
// closing brace, once no required member is left, or one of the members up
// to the next required one.
func membersFrom(members []member, first bool) string {
	sep := ", "
	if first {
		sep = ""
	}
	var next []branch
	for i, m := range members {
		next = append(next, branch{sep + strconv.Quote(m.name) + ": ", m.value + membersFrom(members[i+1:], false)})
		if m.required {
			return oneOf(next)
		}
	}
	return oneOf(append(next, branch{literal: "}"}))
}

// branch is one way on: a literal text and the pattern after it.
type branch struct{ literal, rest string }

// oneOf is the alternation of branches, factored on their literals' common
// prefixes so that the next character decides the branch: Go's matcher then
// follows one way through a member name or an enum value instead of all of
// them. No literal may be a prefix of another (quoted names and values never
// are).
func oneOf(branches []branch) string {
	groups := map[rune][]branch{}
	var order []rune
	for _, b := range branches {
		r, _ := utf8.DecodeRuneInString(b.literal)
		if _, seen := groups[r]; !seen {
			order = append(order, r)
		}
		groups[r] = append(groups[r], b)
	}
	alternatives := make([]string, 0, len(order))
	for _, r := range order {
		alternatives = append(alternatives, factored(groups[r]))
	}
	if len(alternatives) == 1 {
		return alternatives[0]
	}
	return "(?:" + strings.Join(alternatives, "|") + ")"
}

// factored: branches whose literals share their first character.
func factored(group []branch) string {
	if len(group) == 1 {
		return regexp.QuoteMeta(group[0].literal) + group[0].rest
	}
	prefix := group[0].literal
	for _, b := range group[1:] {
		prefix = commonPrefix(prefix, b.literal)
	}
	rest := make([]branch, len(group))
	for i, b := range group {
		rest[i] = branch{strings.TrimPrefix(b.literal, prefix), b.rest}
	}
	return regexp.QuoteMeta(prefix) + oneOf(rest)
}

// commonPrefix of a and b, whole characters only.
func commonPrefix(a, b string) string {
	n := 0
	for i, r := range a {
		if !strings.HasPrefix(b[i:], string(r)) {
			break
		}
		n = i + utf8.RuneLen(r)
	}
	return a[:n]
}
