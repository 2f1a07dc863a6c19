package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// What-ifs: `--set PATH=VALUE` changes one value of a loaded bundle's data
// (points, thresholds, working days) without editing its files. The bundle
// then goes through the same checks as any other bundle, and every result
// records the changes and the digest of the data they produced.

// Setting is one PATH=VALUE as the user gave it.
type Setting struct {
	Path  string
	Value string
}

// Override is one applied setting, as the provenance records it.
type Override struct {
	// Path is the JSON Pointer of the changed value from the data root.
	Path string `json:"path"`
	Old  any    `json:"old"`
	New  any    `json:"new"`
}

// String is "PATH OLD → NEW", the values as short JSON.
func (o Override) String() string { return o.Path + " " + compact(o.Old) + " → " + compact(o.New) }

// JoinOverrides lists --set changes in one line, in order.
func JoinOverrides(overrides []Override) string {
	parts := make([]string, len(overrides))
	for i, o := range overrides {
		parts[i] = o.String()
	}
	return strings.Join(parts, "; ")
}

// SetError is a setting that cannot be applied: a malformed PATH=VALUE, a
// path the data lacks, a value of another type than the one it replaces.
type SetError struct{ Msg i18n.Text }

func (e *SetError) Error() string   { return e.Msg.EN }
func (e *SetError) Text() i18n.Text { return e.Msg }

func setErrorf(zh, en string, args ...any) *SetError { return &SetError{Msg: i18n.Tf(zh, en, args...)} }

// ParseSetting splits PATH=VALUE at the first "=" (a value may hold "=").
func ParseSetting(s string) (Setting, error) {
	path, value, ok := strings.Cut(s, "=")
	if !ok || strings.TrimSpace(path) == "" {
		return Setting{}, setErrorf("--set 的值 %q 应为 PATH=VALUE（如 config.levels[0].min.encouraging=20）",
			"--set %q is not PATH=VALUE (e.g. config.levels[0].min.encouraging=20)", s)
	}
	return Setting{Path: strings.TrimSpace(path), Value: value}, nil
}

// ApplySettings changes b's data as the settings say, in order, and records
// the overrides and the resulting data digest. Nothing is changed when one
// setting cannot be applied.
func (b *Bundle) ApplySettings(settings []Setting) error {
	if len(settings) == 0 {
		return nil
	}
	data := deepCopy(map[string]any(b.Data)).(map[string]any)
	var applied []Override
	for _, s := range settings {
		o, err := applySetting(data, s)
		if err != nil {
			return err
		}
		if slices.ContainsFunc(applied, func(a Override) bool { return a.Path == o.Path }) {
			return setErrorf("--set %s：同一位置 %s 给了两次", "--set %s: %s is set twice", s.Path, o.Path)
		}
		applied = append(applied, o)
	}
	b.Data = data
	b.Overrides = applied
	b.DataDigest = DataDigest(data)
	return nil
}

// DataDigest is "sha256:<hex>" over the data as canonical JSON (keys sorted).
func DataDigest(data map[string]any) string {
	raw, err := json.Marshal(data)
	if err != nil { // bundle data is decoded JSON: it always encodes
		raw = []byte(fmt.Sprint(data))
	}
	sum := sha256.Sum256(raw)
	return "sha256:" + hex.EncodeToString(sum[:])
}

// applySetting resolves s's path in data, checks the value's type and
// replaces the value.
func applySetting(data map[string]any, s Setting) (Override, error) {
	tokens, err := parsePath(s.Path)
	if err != nil {
		return Override{}, err
	}
	parent, key, pointer, err := resolve(data, tokens, s.Path)
	if err != nil {
		return Override{}, err
	}
	old := get(parent, key)
	value, err := decodeValue(s, old, pointer)
	if err != nil {
		return Override{}, err
	}
	set(parent, key, value)
	return Override{Path: pointer, Old: old, New: value}, nil
}

// pathToken is one step of a path: a key, or an index into an array.
// Exact tokens (a JSON Pointer segment, a quoted ["key"]) are never joined
// with the next one; a bare dotted segment may be, so that
// config.items.2.6.e.max finds the key "2.6.e".
type pathToken struct {
	key   string
	exact bool
}

// packageRoot is the data path under which the bundle's own data lies
// (data.forerunner.v1): dotted paths are relative to it, as `policy check`
// names places (config.levels[0].min.total).
var packageRoot = strings.Split(strings.TrimPrefix(strings.TrimSuffix(DecisionPath, ".result"), "data."), ".")

// PackagePointer is the JSON Pointer of the package root in the data
// (/forerunner/v1), the prefix of every override's path into the bundle's own data.
var PackagePointer = "/" + strings.Join(packageRoot, "/")

// parsePath reads a JSON Pointer from the data root (/forerunner/v1/config/…)
// or a dotted path relative to the package root (config.levels[0].min.total,
// with data.forerunner.v1. or forerunner.v1. in front accepted).
func parsePath(p string) ([]pathToken, error) {
	if strings.HasPrefix(p, "/") {
		return parsePointer(p), nil
	}
	tokens, err := parseDotted(p)
	if err != nil {
		return nil, err
	}
	if len(tokens) > 0 && tokens[0].key == "data" && !tokens[0].exact {
		tokens = tokens[1:]
	}
	if !hasPrefix(tokens, packageRoot) {
		root := make([]pathToken, len(packageRoot))
		for i, k := range packageRoot {
			root[i] = pathToken{key: k, exact: true}
		}
		tokens = append(root, tokens...)
	}
	return tokens, nil
}

func hasPrefix(tokens []pathToken, keys []string) bool {
	if len(tokens) < len(keys) {
		return false
	}
	for i, k := range keys {
		if tokens[i].key != k {
			return false
		}
	}
	return true
}

// parsePointer splits an RFC 6901 JSON Pointer into exact tokens.
func parsePointer(p string) []pathToken {
	var tokens []pathToken
	for _, seg := range strings.Split(p[1:], "/") {
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
		tokens = append(tokens, pathToken{key: seg, exact: true})
	}
	return tokens
}

// parseDotted reads a.b[0]["2.6.e"].c: dots between keys, [n] for an
// index, ["key"] for a key holding dots or brackets.
func parseDotted(p string) ([]pathToken, error) {
	var tokens []pathToken
	rest := p
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "["):
			token, after, err := bracket(rest, p)
			if err != nil {
				return nil, err
			}
			if after != "" && after[0] != '.' && after[0] != '[' {
				return nil, malformedPath(p)
			}
			tokens, rest = append(tokens, token), after
		case strings.HasPrefix(rest, "."):
			rest = rest[1:]
			if rest == "" || rest[0] == '.' || rest[0] == '[' {
				return nil, malformedPath(p)
			}
		default:
			end := strings.IndexAny(rest, ".[")
			if end < 0 {
				end = len(rest)
			}
			tokens, rest = append(tokens, pathToken{key: rest[:end]}), rest[end:]
		}
	}
	if len(tokens) == 0 {
		return nil, malformedPath(p)
	}
	return tokens, nil
}

// bracket reads [n] or ["key"] at the start of s.
func bracket(s, p string) (pathToken, string, error) {
	if strings.HasPrefix(s, `["`) {
		var key string
		dec := json.NewDecoder(strings.NewReader(s[1:]))
		if err := dec.Decode(&key); err != nil {
			return pathToken{}, "", malformedPath(p)
		}
		after := strings.TrimLeft(s[1+int(dec.InputOffset()):], " ")
		if !strings.HasPrefix(after, "]") {
			return pathToken{}, "", malformedPath(p)
		}
		return pathToken{key: key, exact: true}, after[1:], nil
	}
	end := strings.Index(s, "]")
	if end < 0 {
		return pathToken{}, "", malformedPath(p)
	}
	if _, err := strconv.Atoi(s[1:end]); err != nil {
		return pathToken{}, "", malformedPath(p)
	}
	return pathToken{key: s[1:end], exact: true}, s[end+1:], nil
}

func malformedPath(p string) error {
	return setErrorf("--set 的路径 %q 无法解析：请用 JSON Pointer（/forerunner/v1/config/levels/0/min/total）或点路径（config.levels[0].min.total，含点的键写作 [\"2.6.e\"]）",
		"--set path %q cannot be read: give a JSON Pointer (/forerunner/v1/config/levels/0/min/total) or a dotted path (config.levels[0].min.total; a key with dots as [\"2.6.e\"])", p)
}

// resolve walks tokens down data to the value's container; it returns the
// container, the key (or index) in it, and the value's JSON Pointer.
func resolve(data map[string]any, tokens []pathToken, typed string) (any, string, string, error) {
	var parent any = data
	pointer := ""
	for i := 0; i < len(tokens); i++ {
		key, used, err := step(parent, tokens[i:], typed, pointer)
		if err != nil {
			return nil, "", "", err
		}
		i += used - 1
		if i == len(tokens)-1 {
			return parent, key, pointer + "/" + escapePointer(key), nil
		}
		parent = get(parent, key)
		pointer += "/" + escapePointer(key)
	}
	return nil, "", "", malformedPath(typed)
}

// step finds the first token(s) in container: the key or index they name and
// how many tokens it took (bare dotted tokens join when the data has a key
// with dots).
func step(container any, tokens []pathToken, typed, at string) (string, int, error) {
	switch c := container.(type) {
	case map[string]any:
		key := tokens[0].key
		for n := 1; ; n++ {
			if _, ok := c[key]; ok {
				return key, n, nil
			}
			if n >= len(tokens) || tokens[0].exact || tokens[n].exact {
				break
			}
			key += "." + tokens[n].key
		}
		return "", 0, noSuchKey(typed, tokens[0].key, at, slices.Sorted(maps.Keys(c)))
	case []any:
		i, err := strconv.Atoi(tokens[0].key)
		if err != nil || i < 0 || i >= len(c) {
			return "", 0, setErrorf("--set %s：路径不存在；最近的已有上级 %s 是有 %d 项的数组（从 0 起），没有第 %q 项",
				"--set %s: no such path; the nearest existing parent %s is an array of %d entries (counted from 0) and has no entry %q",
				typed, pointerOrRoot(at), len(c), tokens[0].key)
		}
		return tokens[0].key, 1, nil
	}
	return "", 0, setErrorf("--set %s：路径不存在；最近的已有上级 %s 是%s（%s），其下没有 %q",
		"--set %s: no such path; the nearest existing parent %s is %s (%s) and holds no %q",
		typed, pointerOrRoot(at), kindText(container), compact(container), tokens[0].key)
}

func noSuchKey(typed, key, at string, keys []string) error {
	return setErrorf("--set %s：路径不存在；最近的已有上级 %s 没有键 %q（它有：%s）",
		"--set %s: no such path; the nearest existing parent %s has no key %q (its keys: %s)",
		typed, pointerOrRoot(at), key, listKeys(keys))
}

// listKeys names the keys a path could have taken, the first few of a long list.
func listKeys(keys []string) string {
	const most = 20
	if len(keys) > most {
		return strings.Join(keys[:most], ", ") + ", …"
	}
	return strings.Join(keys, ", ")
}

func pointerOrRoot(p string) string {
	if p == "" {
		return "/"
	}
	return p
}

func escapePointer(key string) string {
	return strings.ReplaceAll(strings.ReplaceAll(key, "~", "~0"), "/", "~1")
}

func get(container any, key string) any {
	switch c := container.(type) {
	case map[string]any:
		return c[key]
	case []any:
		i, _ := strconv.Atoi(key)
		return c[i]
	}
	return nil
}

func set(container any, key string, value any) {
	switch c := container.(type) {
	case map[string]any:
		c[key] = value
	case []any:
		i, _ := strconv.Atoi(key)
		c[i] = value
	}
}

// decodeValue reads VALUE as JSON of the type of the value it replaces; a
// string may also be given bare (config…title.en=Level one).
func decodeValue(s Setting, old any, pointer string) (any, error) {
	value, err := decodeJSON(s.Value)
	if _, isString := old.(string); isString {
		if str, ok := value.(string); ok && err == nil {
			return str, nil
		}
		return s.Value, nil
	}
	if err != nil {
		return nil, setErrorf("--set %s：%s 应为%s（现值 %s），%q 不是 JSON 值",
			"--set %s: %s expects %s (now %s); %q is not a JSON value",
			s.Path, pointer, kindText(old), compact(old), s.Value)
	}
	if kind(value) != kind(old) {
		return nil, setErrorf("--set %s：%s 应为%s（现值 %s），收到的是%s %s",
			"--set %s: %s expects %s (now %s), got %s %s",
			s.Path, pointer, kindText(old), compact(old), kindText(value), compact(value))
	}
	return value, nil
}

// decodeJSON decodes exactly one JSON value, numbers kept as json.Number
// like the bundle reader's.
func decodeJSON(s string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

// kind is the JSON type of v.
func kind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case json.Number, float64, int, int64:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// kindTexts name the JSON types with their article, in both languages.
var kindTexts = map[string]i18n.Text{
	"null": i18n.T("空值 null", "null"), "boolean": i18n.T("布尔值", "a boolean"),
	"number": i18n.T("数值", "a number"), "string": i18n.T("字符串", "a string"),
	"array": i18n.T("数组", "an array"), "object": i18n.T("对象", "an object"),
}

// kindText names v's JSON type for a message.
func kindText(v any) i18n.Text {
	if t, ok := kindTexts[kind(v)]; ok {
		return t
	}
	return i18n.T(kind(v), kind(v))
}

// compact is v as short JSON for a message.
func compact(v any) string {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) == nil {
		raw = buf.Bytes()
	}
	if len(raw) > 60 {
		return string(raw[:57]) + "…"
	}
	return string(raw)
}

// deepCopy copies decoded JSON so that a failed setting leaves the bundle's
// data as it was.
func deepCopy(v any) any {
	switch c := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(c))
		for k, x := range c {
			out[k] = deepCopy(x)
		}
		return out
	case []any:
		out := make([]any, len(c))
		for i, x := range c {
			out[i] = deepCopy(x)
		}
		return out
	}
	return v
}
