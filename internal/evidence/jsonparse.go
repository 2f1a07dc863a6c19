package evidence

import (
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// jsonParser is a small recursive-descent JSON parser that reports duplicate
// keys, depth and trailing data, which encoding/json cannot. In index mode it
// also records the position of every value and key; the fast mode records
// nothing and gives up at the first problem, so a valid document costs no
// pointers and no positions.
type jsonParser struct {
	text  []byte
	off   int
	pos   *positioner
	doc   *Document
	c     *collector
	index bool
}

// errStop unwinds the parser after the first syntax error was reported.
type errStop struct{}

// parseJSON decodes text without positions; only when that fails does it parse
// again in index mode, which reports the diagnostics with their places.
func parseJSON(text []byte, doc *Document, c *collector) (any, bool) {
	doc.jsonText = text
	fast := &jsonParser{text: text, doc: doc, c: c}
	if value, ok := fast.run(); ok {
		doc.jsonLazy = true
		return value, true
	}
	return indexJSON(text, doc, c)
}

// indexJSON parses text in index mode, filling doc's position maps.
func indexJSON(text []byte, doc *Document, c *collector) (any, bool) {
	doc.values, doc.keys = map[string]Position{}, map[string]Position{}
	p := &jsonParser{text: text, pos: newPositioner(text), doc: doc, c: c, index: true}
	return p.run()
}

func (p *jsonParser) run() (value any, ok bool) {
	c := p.c
	defer func() {
		if r := recover(); r != nil {
			if _, stop := r.(errStop); !stop {
				panic(r)
			}
			value, ok = nil, false
		}
	}()
	before := c.errors
	value = p.value("", 0)
	p.skipSpace()
	if p.off < len(p.text) {
		p.fail(CodeTrailing, "", i18n.T("JSON 值之后还有多余内容", "unexpected data after the JSON value"))
	}
	return value, c.errors == before
}

func (p *jsonParser) fail(code, pointer string, msg i18n.Text) {
	if !p.index {
		panic(errStop{}) // the index pass reports it
	}
	p.c.addAt(code, p.pos.at(p.off), pointer, msg)
	panic(errStop{})
}

func (p *jsonParser) syntax(what string) {
	if p.off >= len(p.text) {
		p.fail(CodeJSON, "", i18n.Text{ZH: "JSON 意外结束，需要" + jsonExpectZH[what], EN: "unexpected end of JSON, expecting " + what})
	}
	found, _ := utf8.DecodeRune(p.text[p.off:])
	p.fail(CodeJSON, "", i18n.Text{
		ZH: fmt.Sprintf("JSON 语法错误：需要%s，却是 %q", jsonExpectZH[what], found),
		EN: fmt.Sprintf("JSON syntax error: expecting %s, found %q", what, found)})
}

var jsonExpectZH = map[string]string{
	"a value": "一个值", "a string key": "字符串键", "':'": "“:”", "',' or '}'": "“,”或“}”",
	"',' or ']'": "“,”或“]”", "a closing quote": "右引号", "a digit": "数字", "a literal": "true、false 或 null",
}

func (p *jsonParser) skipSpace() {
	for p.off < len(p.text) {
		switch p.text[p.off] {
		case ' ', '\t', '\r', '\n':
			p.off++
		default:
			return
		}
	}
}

func (p *jsonParser) value(pointer string, depth int) any {
	p.skipSpace()
	if depth > MaxDepth {
		p.fail(CodeDepth, pointer, i18n.Tf("嵌套超过 %d 层", "nesting deeper than %d levels", MaxDepth))
	}
	if p.index {
		p.doc.values[pointer] = p.pos.at(p.off)
	}
	if p.off >= len(p.text) {
		p.syntax("a value")
	}
	switch b := p.text[p.off]; {
	case b == '{':
		return p.object(pointer, depth)
	case b == '[':
		return p.array(pointer, depth)
	case b == '"':
		return p.str()
	case b == '-' || b >= '0' && b <= '9':
		return p.number()
	case b == 't' || b == 'f' || b == 'n':
		return p.literal()
	}
	p.syntax("a value")
	return nil
}

func (p *jsonParser) object(pointer string, depth int) map[string]any {
	p.off++ // '{'
	obj := map[string]any{}
	p.skipSpace()
	if p.off < len(p.text) && p.text[p.off] == '}' {
		p.off++
		return obj
	}
	for {
		p.skipSpace()
		if p.off >= len(p.text) || p.text[p.off] != '"' {
			p.syntax("a string key")
		}
		keyOff := p.off
		key := p.str()
		member := p.member(pointer, key, keyOff, obj)
		p.skipSpace()
		if p.off >= len(p.text) || p.text[p.off] != ':' {
			p.syntax("':'")
		}
		p.off++
		v := p.value(member, depth+1)
		if _, dup := obj[key]; !dup {
			obj[key] = v
		}
		if p.endOf('}') {
			return obj
		}
	}
}

func (p *jsonParser) array(pointer string, depth int) []any {
	p.off++ // '['
	arr := []any{}
	p.skipSpace()
	if p.off < len(p.text) && p.text[p.off] == ']' {
		p.off++
		return arr
	}
	for {
		element := ""
		if p.index {
			element = pointerAppend(pointer, strconv.Itoa(len(arr)))
		}
		arr = append(arr, p.value(element, depth+1))
		if p.endOf(']') {
			return arr
		}
	}
}

// member returns the pointer of the object member key (empty in fast mode),
// recording its key position or reporting it as a duplicate.
func (p *jsonParser) member(pointer, key string, keyOff int, obj map[string]any) string {
	_, dup := obj[key]
	if !p.index {
		if dup {
			panic(errStop{}) // the index pass reports it
		}
		return ""
	}
	member := pointerAppend(pointer, key)
	if dup {
		p.c.addAt(CodeDupKey, p.pos.at(keyOff), member, i18n.Tf("键 %s 重复", "duplicate key %s", shortQuote(key)))
	} else {
		p.doc.keys[member] = p.pos.at(keyOff)
	}
	return member
}

// endOf consumes ',' (more members follow) or the closing byte.
func (p *jsonParser) endOf(closing byte) bool {
	p.skipSpace()
	if p.off < len(p.text) {
		switch p.text[p.off] {
		case ',':
			p.off++
			return false
		case closing:
			p.off++
			return true
		}
	}
	if closing == '}' {
		p.syntax("',' or '}'")
	}
	p.syntax("',' or ']'")
	return true
}

func (p *jsonParser) str() string {
	start := p.off
	p.off++ // opening quote
	escaped := false
	for p.off < len(p.text) {
		switch b := p.text[p.off]; {
		case b == '"':
			p.off++
			return p.decodeString(start, escaped)
		case b == '\\':
			escaped = true
			p.off += 2
		case b < 0x20:
			p.fail(CodeJSON, "", i18n.T("字符串中有未转义的控制字符", "unescaped control character in string"))
		default:
			p.off++
		}
	}
	p.off = len(p.text)
	p.syntax("a closing quote")
	return ""
}

func (p *jsonParser) decodeString(start int, escaped bool) string {
	raw := p.text[start:p.off]
	if !escaped {
		return string(raw[1 : len(raw)-1])
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		p.off = start
		p.fail(CodeJSON, "", i18n.T("字符串中有无效的转义序列", "invalid escape sequence in string"))
	}
	return s
}

// number scans the JSON number grammar and keeps the text as json.Number.
func (p *jsonParser) number() json.Number {
	start := p.off
	if p.text[p.off] == '-' {
		p.off++
	}
	switch {
	case p.off < len(p.text) && p.text[p.off] == '0':
		p.off++
	case p.digits() == 0:
		p.syntax("a digit")
	}
	if p.off < len(p.text) && p.text[p.off] == '.' {
		p.off++
		if p.digits() == 0 {
			p.syntax("a digit")
		}
	}
	if p.off < len(p.text) && (p.text[p.off] == 'e' || p.text[p.off] == 'E') {
		p.off++
		if p.off < len(p.text) && (p.text[p.off] == '+' || p.text[p.off] == '-') {
			p.off++
		}
		if p.digits() == 0 {
			p.syntax("a digit")
		}
	}
	return canonicalNumber(string(p.text[start:p.off]))
}

func (p *jsonParser) digits() int {
	n := 0
	for p.off < len(p.text) && p.text[p.off] >= '0' && p.text[p.off] <= '9' {
		p.off++
		n++
	}
	return n
}

var jsonLiterals = []struct {
	word  string
	value any
}{{"true", true}, {"false", false}, {"null", nil}}

func (p *jsonParser) literal() any {
	for _, l := range jsonLiterals {
		end := p.off + len(l.word)
		if end <= len(p.text) && string(p.text[p.off:end]) == l.word {
			p.off = end
			return l.value
		}
	}
	p.syntax("a literal")
	return nil
}
