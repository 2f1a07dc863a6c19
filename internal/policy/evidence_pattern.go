package policy

import (
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The evidence patterns: regular expressions, derived from the evidence
// schema, over the Rego text of each member of a document (sprintf "%v":
// members in key order, ", " and ": " between them, strings quoted as Go
// quotes them). Together they accept only documents the schema accepts, most
// valid documents among them; validation/schema.rego calls json.match_schema
// only for a document they do not accept, to get the schema's errors. OPA's
// built-in converts its input to Go values, to JSON text and back before
// validating, about a microsecond per value: on the typical document it is
// most of the validation's cost, while a pattern is matched in one scan of the
// text, every choice in it decided by the next character (factored on common
// prefixes), so that Go runs it as a one-pass matcher.
//
// What the patterns describe: closed objects, lists without length bounds,
// text and plain strings, string enums, booleans, integer and string
// constants, null beside one other type, integers in [0, 999999999] where the
// schema allows [0, ≥ that], four-digit integers from a minimum to 9999, real
// dates in 1900–2199 but February 29 (format "date" with the schema's year
// pattern), and anchored patterns of letters, digits and ranges (the credit
// code). A schema with anything else gets no patterns: json.match_schema then
// checks every document. TestEvidencePatternAcceptsOnlyValidDocuments holds
// the patterns to json.match_schema.

// evidenceMatch is how a document is matched against the schema's patterns:
// the objects whose members must all be known (frames), and the patterns of
// the members' values, in groups.
//
// One pattern per group of members rather than one for the document: Go
// matches a pattern of fewer than 1,000 instructions whose every choice the
// next character decides in one pass, several times faster than a larger one.
// A group is matched against the text of a list of its members' values
// ("[" value ", " value … "]"), which also keeps sprintf from writing a string
// or number argument of its own as Go formats it (a string unquoted, 1.0 as
// 1). A required object member whose pattern is too large for one pass is
// matched member by member instead (it becomes a frame). An optional member
// absent from the document is written "set()", the text of the empty set (no
// JSON value is written so).
type evidenceMatch struct {
	frames []frame
	groups [][]piece
}

// frame is an object that may have no member but names.
type frame struct{ path, names []string }

// piece is one member's value: where it is and its pattern.
type piece struct {
	path     []string
	pattern  string
	optional bool
}

// evidenceMatching derives the match from the schema, or false when the
// schema is no closed object or uses something a pattern does not describe.
func evidenceMatching(schema []byte) (evidenceMatch, bool, error) {
	var root map[string]any
	if err := json.Unmarshal(schema, &root); err != nil {
		return evidenceMatch{}, false, err
	}
	defs, _ := root["$defs"].(map[string]any)
	r := resolver{defs: defs}
	var m evidenceMatch
	pieces, ok := r.pieces(&m, root, nil, true)
	if !ok {
		return evidenceMatch{}, false, nil
	}
	for _, p := range pieces {
		if strings.Contains(p.pattern, "`") { // written as a Rego raw string
			return evidenceMatch{}, false, nil
		}
	}
	m.groups = groupPieces(pieces)
	return m, true, nil
}

// onePassSize is the number of instructions from which Go's regexp never
// matches in one pass.
const onePassSize = 1000

// pieces: the members of the closed object s at path, a large required object
// member split into its own members when split allows; it adds s's frame.
func (r resolver) pieces(m *evidenceMatch, s map[string]any, path []string, split bool) ([]piece, bool) {
	s = r.resolve(s)
	if s == nil || s["type"] != "object" {
		return nil, false
	}
	members, ok := r.members(s)
	if !ok {
		return nil, false
	}
	props, _ := s["properties"].(map[string]any)
	f := frame{path: path}
	var out []piece
	for _, mem := range members {
		f.names = append(f.names, mem.name)
		at := append(slices.Clone(path), mem.name)
		if split && mem.required && instructions(mem.value) >= onePassSize {
			sub, _ := props[mem.name].(map[string]any)
			if inner, ok := r.pieces(m, sub, at, false); ok {
				out = append(out, inner...)
				continue
			}
		}
		out = append(out, piece{at, mem.value, !mem.required})
	}
	m.frames = append([]frame{f}, m.frames...) // outer objects first
	return out, true
}

// groupPieces packs the pieces into groups whose pattern stays one-pass in
// size: the largest first, each into the first group it fits.
func groupPieces(pieces []piece) [][]piece {
	sorted := slices.Clone(pieces)
	size := func(p piece) int { return instructions(p.pattern) }
	slices.SortStableFunc(sorted, func(a, b piece) int { return size(b) - size(a) })
	var groups [][]piece
	for _, p := range sorted {
		placed := false
		for i, g := range groups {
			if instructions(strictDates(groupPattern(append(slices.Clone(g), p)))) < onePassSize { // the larger of the two
				groups[i], placed = append(g, p), true
				break
			}
		}
		if !placed {
			groups = append(groups, []piece{p})
		}
	}
	return groups
}

// groupPattern: the pattern of the text of a list of the group's values.
func groupPattern(group []piece) string {
	values := make([]string, len(group))
	for i, p := range group {
		values[i] = p.pattern
		if p.optional {
			values[i] = `(?:set\(\)|` + p.pattern + `)`
		}
	}
	return `^\[` + strings.Join(values, ", ") + `\]$`
}

// instructions: the size of pattern's program in Go's regexp.
func instructions(pattern string) int {
	re, err := syntax.Parse(pattern, syntax.Perl)
	if err != nil {
		return math.MaxInt
	}
	prog, err := syntax.Compile(re.Simplify())
	if err != nil {
		return math.MaxInt
	}
	return len(prog.Inst)
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

// annotationKeywords say something about a schema and constrain nothing;
// the bundle's schema copy leaves them out (withoutAnnotations).
var annotationKeywords = map[string]bool{"title": true, "description": true, "$comment": true, "examples": true}

// annotation reports keywords that constrain nothing: the annotations, the
// schema's identity and definitions (read through $ref), extensions.
func annotation(keyword string) bool {
	return annotationKeywords[keyword] || keyword == "$schema" || keyword == "$id" || keyword == "$defs" ||
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

// date: a date YYYY-MM-DD of 1900–2199 that is real but for February 29,
// which it accepts in every year: telling leap years apart takes a choice
// the next character cannot decide, and Go's matcher would then follow
// several ways at once. Each group's text is matched first with its dates
// strict (strictDates: no February 29 at all, the common case), and only if
// that fails with these dates and a look for a February 29 of a year that has
// none (nonLeapDay).
const date = `(?:19|2[01])[0-9]{2}-(?:0(?:[13578]-` + day31 + `|[469]-` + day30 + `|2-` + february + `)|1(?:[02]-` + day31 + `|1-` + day30 + `))`

const (
	february       = `(?:0[1-9]|[12][0-9])`
	februaryStrict = `(?:0[1-9]|1[0-9]|2[0-8])`
)

// strictDates: pattern with no February 29 in its dates.
func strictDates(pattern string) string {
	return strings.ReplaceAll(pattern, date, strings.Replace(date, february, februaryStrict, 1))
}

// nonLeapDay finds a quoted February 29 of a year of 1900–2199 without one
// (not divisible by 4, or 1900 and 2100). It also finds such text inside a
// longer string (after an escaped quote), which only sends the document to
// json.match_schema.
const nonLeapDay = `"(?:(?:19|2[01])(?:[02468][1235679]|[13579][013-57-9])|(?:19|21)00)-02-29"`

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

// object: a closed object's members, the required ones present.
func (r resolver) object(s map[string]any) (string, bool) {
	members, ok := r.members(s)
	if !ok {
		return "", false
	}
	return `\{` + objectBody(members), true
}

// members: a closed object's members in key order (Rego writes them so), each
// with the pattern of its value.
func (r resolver) members(s map[string]any) ([]member, bool) {
	props, _ := s["properties"].(map[string]any)
	required := map[string]bool{}
	list, _ := s["required"].([]any)
	for _, name := range list {
		n, ok := name.(string)
		if !ok || props[n] == nil {
			return nil, false // a required member the object cannot have
		}
		required[n] = true
	}
	if !only(s, "type", "additionalProperties", "properties", "required") || s["additionalProperties"] != false {
		return nil, false
	}
	members := make([]member, 0, len(props))
	for _, name := range slices.Sorted(maps.Keys(props)) {
		sub, _ := props[name].(map[string]any)
		v, ok := r.value(sub)
		if !ok {
			return nil, false
		}
		members = append(members, member{name, v, required[name]})
	}
	return members, true
}

// objectBody: an object's members after its opening brace, and the closing
// brace. Each required member stands in its place, reached through the
// optional members before it (gapTo); the optional members after the last
// required one are a loop of choices. The loops accept orders and repetitions
// Rego never writes (it writes each member once, in key order), so every real
// text is read as the schema reads the object.
func objectBody(members []member) string {
	var b strings.Builder
	var gap []member
	written := false
	for _, m := range members {
		if !m.required {
			gap = append(gap, m)
			continue
		}
		if written {
			b.WriteString(`, `)
		}
		b.WriteString(`"` + gapTo(gap, m.name) + m.value)
		written, gap = true, nil
	}
	if len(gap) == 0 {
		return b.String() + `\}`
	}
	choice := oneOf(memberBranches(gap, ""))
	if !written {
		return `(?:\}|"` + choice + `(?:, "` + choice + `)*\})`
	}
	return b.String() + `(?:, "` + choice + `)*\}`
}

// gapTo: the optional members gap (any of them, each value followed by the
// separator and the quote of the next name), then the name of the required
// member next, its opening quote already read. When no optional name begins
// as next does, a loop of choices, which grows with the members; else their
// ways written out (growing with the ways of leaving some out, so kept for
// short gaps), so that the next character still decides every choice.
func gapTo(gap []member, next string) string {
	name := regexp.QuoteMeta(next + `": `)
	if len(gap) == 0 {
		return name
	}
	first, _ := utf8.DecodeRuneInString(next)
	clash := false
	for _, m := range gap {
		r, _ := utf8.DecodeRuneInString(m.name)
		clash = clash || r == first
	}
	if !clash || len(gap) > maxWrittenOut {
		return "(?:" + oneOf(memberBranches(gap, `, "`)) + ")*" + name
	}
	return writtenOut(gap, next)
}

// maxWrittenOut bounds the optional members whose ways gapTo writes out.
const maxWrittenOut = 3

// writtenOut: any of the optional members gap in key order, then next's name.
func writtenOut(gap []member, next string) string {
	branches := []branch{{literal: next + `": `}}
	for i, m := range gap {
		branches = append(branches, branch{m.name + `": `, m.value + `, "` + writtenOut(gap[i+1:], next)})
	}
	return oneOf(branches)
}

// memberBranches: each member's name (its opening quote already read) and
// value, then after.
func memberBranches(members []member, after string) []branch {
	out := make([]branch, len(members))
	for i, m := range members {
		out[i] = branch{m.name + `": `, m.value + regexp.QuoteMeta(after)}
	}
	return out
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
