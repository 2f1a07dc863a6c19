package evidence

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"go.yaml.in/yaml/v3"
)

// yamlConverter turns a yaml.Node tree into the value model, recording
// positions and enforcing string keys, no duplicates, depth and alias bounds.
type yamlConverter struct {
	doc *Document
	c   *collector
	// expanded counts values, and expandedBytes the bytes of scalars and
	// keys, produced through aliases; inAlias > 0 while converting an alias's
	// target, which started at the alias outerAlias (the place in the source
	// an alias bomb is reported at). maxBytes bounds expandedBytes: a few
	// aliases of a long string multiply it as surely as many of a short one.
	expanded      int
	expandedBytes int64
	maxBytes      int64
	inAlias       int
	outerAlias    *yaml.Node
	outerPointer  string
	// path holds the reference tokens of the value being converted.
	path []string
}

func parseYAML(text []byte, doc *Document, c *collector, maxBytes int64) (value any, ok bool) {
	dec := yaml.NewDecoder(bytes.NewReader(text))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		if errors.Is(err, io.EOF) {
			c.addAt(CodeEmpty, Position{Line: 1, Column: 1}, "", i18n.T("文件中只有注释或空白，没有证据文档", "the file holds only comments or blank lines, no evidence document"))
		} else {
			reportYAMLError(text, err, c)
		}
		return nil, false
	}
	var second yaml.Node
	if err := dec.Decode(&second); !errors.Is(err, io.EOF) {
		if err != nil {
			reportYAMLError(text, err, c)
		} else {
			c.addAt(CodeTrailing, Position{Line: second.Line, Column: second.Column}, "",
				i18n.T("文件中有多个 YAML 文档，只允许一个", "the file holds more than one YAML document; only one is allowed"))
		}
		return nil, false
	}
	conv := &yamlConverter{doc: doc, c: c, maxBytes: maxBytes}
	before := c.errors
	defer func() {
		if r := recover(); r != nil {
			if _, stop := r.(errStop); !stop {
				panic(r)
			}
			value, ok = nil, false
		}
	}()
	value = conv.node(root.Content[0])
	doc.yamlRoot = root.Content[0]
	return value, c.errors == before
}

var yamlLineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// reportYAMLError locates a parser error. The library gives a line only, and
// for some errors the line where the enclosing block starts, so the line is
// refined to the first one whose prefix of the file fails the same way; the
// column is that line's first non-blank character.
func reportYAMLError(text []byte, err error, c *collector) {
	line, msg := splitYAMLError(err)
	line = refineYAMLErrorLine(text, line, msg)
	pos := Position{Line: line, Column: firstNonBlankColumn(text, line)}
	code := CodeYAML
	if strings.Contains(msg, "exceeded max depth") {
		code = CodeDepth
	}
	c.addAt(code, pos, "", yamlErrorText(msg))
	c.diags[len(c.diags)-1].Detail = msg
}

// yamlErrors says in our words, zh and en, what the parser's messages mean;
// the parser's own text is kept as the diagnostic's detail.
var yamlErrors = []struct {
	contains string
	text     i18n.Text
}{
	{"exceeded max depth", i18n.T("嵌套层数过深", "nesting too deep")},
	{"found character that cannot start any token", i18n.T("此处的字符不能开始任何 YAML 内容（常见原因：用制表符缩进，或未加引号的 @、`、%）",
		"a character here cannot start any YAML content (often: a tab used for indentation, or an unquoted @, ` or %)")},
	{"tab character", i18n.T("缩进中有制表符：YAML 只允许空格缩进", "a tab in the indentation: YAML indents with spaces only")},
	{"mapping values are not allowed", i18n.T("此处不能出现“键: 值”（常见原因：值中的冒号未加引号，或缩进不对）",
		"a 'key: value' is not allowed here (often: an unquoted colon in a value, or wrong indentation)")},
	{"did not find expected key", i18n.T("此处应为一个键（常见原因：缩进不一致）", "a key was expected here (often: inconsistent indentation)")},
	{"could not find expected ':'", i18n.T("键后缺少冒号“:”", "a ':' is missing after a key")},
	{"did not find expected '-' indicator", i18n.T("列表项应以“- ”开头（常见原因：缩进不一致）", "a list entry should start with '- ' (often: inconsistent indentation)")},
	{"did not find expected ',' or ']'", i18n.T("方括号列表未正确结束：缺少“,”或“]”", "a [ ] list is not closed: a ',' or ']' is missing")},
	{"did not find expected ',' or '}'", i18n.T("花括号映射未正确结束：缺少“,”或“}”", "a { } mapping is not closed: a ',' or '}' is missing")},
	{"did not find expected node content", i18n.T("此处缺少值", "a value is missing here")},
	{"block sequence entries are not allowed", i18n.T("此处不能开始列表项（常见原因：缩进不对）", "a list entry cannot start here (often: wrong indentation)")},
	{"found unexpected end of stream", i18n.T("文件意外结束（常见原因：引号或括号未闭合）", "the file ends unexpectedly (often: an unclosed quote or bracket)")},
	{"found unknown escape character", i18n.T("双引号字符串中有未知的转义字符", "an unknown escape character in a double-quoted string")},
	{"unknown anchor", i18n.T("别名引用了未定义的锚点", "an alias refers to an undefined anchor")},
	{"found undefined alias", i18n.T("别名引用了未定义的锚点", "an alias refers to an undefined anchor")},
	{"did not find expected alphabetic or numeric character", i18n.T("锚点或别名的名称无效", "an invalid anchor or alias name")},
	{"control characters are not allowed", i18n.T("文件中有不允许的控制字符", "the file contains control characters that YAML does not allow")},
	{"invalid leading UTF-8 octet", i18n.T("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8")},
	{"invalid trailing UTF-8 octet", i18n.T("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8")},
	{"incomplete UTF-8 octet sequence", i18n.T("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8")},
}

// yamlErrorText is our sentence for a parser message; an unknown one still
// gets a sentence in the user's language, the detail carries the rest.
func yamlErrorText(msg string) i18n.Text {
	for _, e := range yamlErrors {
		if strings.Contains(msg, e.contains) {
			return e.text
		}
	}
	return i18n.T("YAML 语法错误", "YAML syntax error")
}

func splitYAMLError(err error) (line int, msg string) {
	msg, line = err.Error(), 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	}
	return line, strings.TrimPrefix(msg, "yaml: ")
}

// refineYAMLErrorLine binary-searches the shortest prefix of whole lines,
// from the reported line on, that fails with the same message: a prefix that
// ends before the faulty line parses, or fails differently.
func refineYAMLErrorLine(text []byte, line int, msg string) int {
	const maxSize = 1 << 20
	if len(text) > maxSize {
		return line
	}
	ends := lineEnds(text)
	failsSame := func(k int) bool {
		var n yaml.Node
		err := yaml.Unmarshal(text[:ends[k-1]], &n)
		if err == nil {
			return false
		}
		_, m := splitYAMLError(err)
		return m == msg
	}
	lo, hi := max(line, 1), len(ends)
	if lo > hi || !failsSame(hi) {
		return line
	}
	for lo < hi {
		mid := (lo + hi) / 2
		if failsSame(mid) {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

func firstNonBlankColumn(text []byte, line int) int {
	l, ok := lineAt(text, line)
	if !ok {
		return 1
	}
	return len([]rune(string(l))) - len([]rune(strings.TrimLeft(string(l), " \t"))) + 1
}

func (y *yamlConverter) fail(code string, n *yaml.Node, msg i18n.Text) {
	y.failAt(code, n, y.pointer(), msg)
}

func (y *yamlConverter) failAt(code string, n *yaml.Node, pointer string, msg i18n.Text) {
	y.c.addAt(code, nodePos(n), pointer, msg)
	panic(errStop{})
}

// pointer builds the JSON Pointer of the value being converted; only
// diagnostics need it, so it is not built for every value.
func (y *yamlConverter) pointer() string {
	p := ""
	for _, token := range y.path {
		p = pointerAppend(p, token)
	}
	return p
}

func nodePos(n *yaml.Node) Position { return Position{Line: n.Line, Column: n.Column} }

func (y *yamlConverter) node(n *yaml.Node) any {
	if len(y.path) > MaxDepth {
		y.fail(CodeDepth, n, i18n.Tf("嵌套超过 %d 层", "nesting deeper than %d levels", MaxDepth))
	}
	if y.inAlias > 0 {
		if y.expanded++; y.expanded > MaxAliasExpansion {
			y.failAt(CodeAlias, y.outerAlias, y.outerPointer, i18n.Tf("YAML 别名展开超过 %d 个值（别名炸弹？）",
				"YAML aliases expand to more than %d values (alias bomb?)", MaxAliasExpansion))
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		y.checkCollectionTag(n, "!!map")
		return y.mapping(n)
	case yaml.SequenceNode:
		y.checkCollectionTag(n, "!!seq")
		arr := make([]any, len(n.Content))
		for i, item := range n.Content {
			y.path = append(y.path, strconv.Itoa(i))
			arr[i] = y.node(item)
			y.path = y.path[:len(y.path)-1]
		}
		return arr
	case yaml.AliasNode:
		if y.inAlias == 0 {
			y.outerAlias, y.outerPointer = n, y.pointer()
		}
		y.inAlias++
		defer func() { y.inAlias-- }()
		return y.node(n.Alias)
	case yaml.ScalarNode:
		y.countAliasBytes(n)
		return y.scalar(n)
	}
	y.fail(CodeYAML, n, i18n.T("无法识别的 YAML 节点", "unrecognised YAML node"))
	return nil
}

// checkCollectionTag refuses a tag on a mapping or sequence
// (!!python/object…, !custom): it would ask for a type the model has not.
func (y *yamlConverter) checkCollectionTag(n *yaml.Node, plain string) {
	if n.ShortTag() != plain {
		y.fail(CodeYAMLTag, n, i18n.Tf("不支持的 YAML 标签 %s", "unsupported YAML tag %s", shortQuote(n.Tag)))
	}
}

// countAliasBytes adds a scalar or key produced through an alias to the
// expanded size, and stops the conversion once that passes maxBytes. A key
// that is itself an alias counts too.
func (y *yamlConverter) countAliasBytes(n *yaml.Node) {
	at, pointer := y.outerAlias, y.outerPointer
	switch {
	case y.inAlias > 0:
	case n.Kind == yaml.AliasNode:
		at, pointer = n, y.pointer()
	default:
		return
	}
	for n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if y.expandedBytes += int64(len(n.Value)); y.expandedBytes > y.maxBytes {
		y.failAt(CodeAlias, at, pointer, i18n.Tf("YAML 别名展开超过 %d 字节（别名炸弹？）",
			"YAML aliases expand to more than %d bytes (alias bomb?)", y.maxBytes))
	}
}

func (y *yamlConverter) mapping(n *yaml.Node) map[string]any {
	obj := make(map[string]any, len(n.Content)/2)
	for i := 0; i+1 < len(n.Content); i += 2 {
		keyNode := n.Content[i]
		key := y.key(keyNode)
		y.countAliasBytes(keyNode)
		if _, dup := obj[key]; dup {
			y.c.addAt(CodeDupKey, nodePos(keyNode), pointerAppend(y.pointer(), key), i18n.Tf("键 %s 重复", "duplicate key %s", shortQuote(key)))
			continue
		}
		y.path = append(y.path, key)
		obj[key] = y.node(n.Content[i+1])
		y.path = y.path[:len(y.path)-1]
	}
	return obj
}

func (y *yamlConverter) key(k *yaml.Node) string {
	for k.Kind == yaml.AliasNode {
		k = k.Alias
	}
	if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
		y.fail(CodeYAMLTag, k, i18n.T("不支持 YAML 合并键（<<），请直接写出各字段", "YAML merge keys (<<) are not supported; write the fields out"))
	}
	if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
		y.fail(CodeKeyType, k, i18n.Tf("键必须是字符串（此处为 %s）；如需数字或日期作键请加引号",
			"keys must be strings (this one is %s); quote it", yamlKind(k)))
	}
	return k.Value
}

func yamlKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	}
	return n.ShortTag()
}

var jsonNumberRE = regexp.MustCompile(`^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$`)

func (y *yamlConverter) scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!str", "!!timestamp", "!!binary":
		return n.Value // dates stay the text the author wrote
	case "!!null":
		return nil
	case "!!bool":
		if b, err := strconv.ParseBool(n.Value); err == nil {
			return b
		}
		var b bool
		if err := n.Decode(&b); err != nil {
			y.fail(CodeYAML, n, i18n.Tf("无效的布尔值 %q", "invalid boolean %q", n.Value))
		}
		return b
	case "!!int", "!!float":
		return y.number(n)
	}
	y.fail(CodeYAMLTag, n, i18n.Tf("不支持的 YAML 标签 %s", "unsupported YAML tag %s", shortQuote(n.Tag)))
	return nil
}

// number keeps a JSON-shaped number's text unchanged (precision is never lost)
// unless it is an integer written as a decimal (canonicalNumber), and
// normalises other YAML spellings (0x1F, 1_000, +5) to decimal.
func (y *yamlConverter) number(n *yaml.Node) json.Number {
	if jsonNumberRE.MatchString(n.Value) {
		return canonicalNumber(n.Value)
	}
	var v any
	if err := n.Decode(&v); err != nil {
		y.fail(CodeNumber, n, i18n.Tf("无效的数值 %q", "invalid number %q", n.Value))
	}
	switch v := v.(type) {
	case int:
		return json.Number(strconv.Itoa(v))
	case int64:
		return json.Number(strconv.FormatInt(v, 10))
	case uint64:
		return json.Number(strconv.FormatUint(v, 10))
	case float64:
		if !math.IsInf(v, 0) && !math.IsNaN(v) {
			return canonicalNumber(strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	y.fail(CodeNumber, n, i18n.Tf("数值 %q 无法用 JSON 表示", "the number %q cannot be represented in JSON", n.Value))
	return ""
}

// locateYAML finds the node at pointer, following aliases and taking the
// first of duplicate keys as the loader does. It returns the value's position
// and, for an object member, its key's.
func locateYAML(n *yaml.Node, pointer string) (value, key Position, ok bool) {
	if pointer == "" {
		return nodePos(n), Position{}, true
	}
	if !strings.HasPrefix(pointer, "/") {
		return Position{}, Position{}, false
	}
	for _, token := range strings.Split(pointer[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		for n.Kind == yaml.AliasNode {
			n = n.Alias
		}
		next, keyNode := yamlChild(n, token)
		if next == nil {
			return Position{}, Position{}, false
		}
		key = Position{}
		if keyNode != nil {
			key = nodePos(keyNode)
		}
		n = next
	}
	return nodePos(n), key, true
}

func yamlChild(n *yaml.Node, token string) (child, key *yaml.Node) {
	switch n.Kind {
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			for k.Kind == yaml.AliasNode {
				k = k.Alias
			}
			if k.Value == token {
				return n.Content[i+1], n.Content[i]
			}
		}
	case yaml.SequenceNode:
		i, err := strconv.Atoi(token)
		if err == nil && i >= 0 && i < len(n.Content) && strconv.Itoa(i) == token {
			return n.Content[i], nil
		}
	}
	return nil, nil
}
