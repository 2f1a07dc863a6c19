package workbook

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// xmlScanner walks the tags and text of one part of a workbook package
// without building anything: the reader asks for the few elements it needs
// and skips the rest. It knows what those parts use — elements with or
// without a namespace prefix, attributes in either quote, the predefined
// entities and character references, CDATA, comments and processing
// instructions — and refuses a document type declaration, which no part of
// a workbook may have (so no entity of the file's own is ever expanded).
// Why not encoding/xml or excelize: see the README, "Workbooks".
type xmlScanner struct {
	data []byte
	pos  int
	err  error

	kind  tokenKind
	name  []byte // local name of a start or end tag
	attrs []byte // the attribute text of a start tag
	empty bool   // a start tag that closes itself (<c r="A1"/>)
	text  []byte // text between tags, still escaped unless cdata
	cdata bool
}

type tokenKind int

const (
	tokStart tokenKind = iota + 1
	tokEnd
	tokText
)

var errMalformedXML = errors.New("malformed XML")

func newXMLScanner(data []byte) *xmlScanner { return &xmlScanner{data: data} }

// next moves to the next tag or text; false at the end or on an error (err).
func (s *xmlScanner) next() bool {
	for s.err == nil && s.pos < len(s.data) {
		rest := s.data[s.pos:]
		if rest[0] != '<' {
			end := bytes.IndexByte(rest, '<')
			if end < 0 {
				end = len(rest)
			}
			s.kind, s.text, s.cdata = tokText, rest[:end], false
			s.pos += end
			return true
		}
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			s.skipPast("?>")
		case bytes.HasPrefix(rest, []byte("<!--")):
			s.skipPast("-->")
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			end := bytes.Index(rest, []byte("]]>"))
			if end < 0 {
				s.err = errMalformedXML
				return false
			}
			s.kind, s.text, s.cdata = tokText, rest[len("<![CDATA["):end], true
			s.pos += end + len("]]>")
			return true
		case bytes.HasPrefix(rest, []byte("<!")):
			s.err = errors.New("a document type declaration, which a workbook part may not have")
		case bytes.HasPrefix(rest, []byte("</")):
			return s.endTag(rest)
		default:
			return s.startTag(rest)
		}
	}
	return false
}

func (s *xmlScanner) skipPast(marker string) {
	end := bytes.Index(s.data[s.pos:], []byte(marker))
	if end < 0 {
		s.err = errMalformedXML
		return
	}
	s.pos += end + len(marker)
}

func (s *xmlScanner) endTag(rest []byte) bool {
	end := bytes.IndexByte(rest, '>')
	if end < 0 {
		s.err = errMalformedXML
		return false
	}
	s.kind, s.name = tokEnd, localName(bytes.TrimSpace(rest[2:end]))
	s.pos += end + 1
	return true
}

// startTag reads a start tag up to its '>', which may not stand inside a
// quoted attribute value.
func (s *xmlScanner) startTag(rest []byte) bool {
	end, quote := -1, byte(0)
	for i := 1; i < len(rest); i++ {
		switch c := rest[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			end = i
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		s.err = errMalformedXML
		return false
	}
	tag := rest[1:end]
	s.empty = len(tag) > 0 && tag[len(tag)-1] == '/'
	if s.empty {
		tag = tag[:len(tag)-1]
	}
	nameEnd := bytes.IndexAny(tag, " \t\r\n")
	if nameEnd < 0 {
		nameEnd = len(tag)
	}
	s.kind, s.name, s.attrs = tokStart, localName(tag[:nameEnd]), tag[nameEnd:]
	s.pos += end + 1
	return true
}

// localName drops a namespace prefix (x:c → c).
func localName(name []byte) []byte {
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// is tells whether the current token is a start or end tag named local.
func (s *xmlScanner) is(kind tokenKind, local string) bool {
	return s.kind == kind && string(s.name) == local
}

// attr is the value of the current start tag's attribute with the local
// name given ("" when it has none).
func (s *xmlScanner) attr(local string) string {
	for rest := s.attrs; ; {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		eq := bytes.IndexByte(rest, '=')
		if eq < 0 {
			return ""
		}
		name := localName(bytes.TrimSpace(rest[:eq]))
		rest = bytes.TrimLeft(rest[eq+1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return ""
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		if string(name) == local {
			return unescapeXML(rest[1:end+1], false)
		}
		rest = rest[end+2:]
	}
}

// textValue is the current text token as it reads (entities resolved, line
// ends normalized as an XML parser must).
func (s *xmlScanner) textValue() string {
	if s.cdata {
		return normalizeNewlines(string(s.text))
	}
	return unescapeXML(s.text, true)
}

func normalizeNewlines(t string) string {
	if !strings.Contains(t, "\r") {
		return t
	}
	return strings.ReplaceAll(strings.ReplaceAll(t, "\r\n", "\n"), "\r", "\n")
}

var xmlEntities = map[string]string{"lt": "<", "gt": ">", "amp": "&", "quot": `"`, "apos": "'"}

// unescapeXML resolves the predefined entities and character references;
// an unknown or broken reference stays as written.
func unescapeXML(b []byte, text bool) string {
	if bytes.IndexByte(b, '&') < 0 {
		if text {
			return normalizeNewlines(string(b))
		}
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b))
	for len(b) > 0 {
		amp := bytes.IndexByte(b, '&')
		if amp < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:amp])
		b = b[amp:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 {
			out.Write(b)
			break
		}
		if r, ok := entityValue(string(b[1:semi])); ok {
			out.WriteString(r)
		} else {
			out.Write(b[:semi+1])
		}
		b = b[semi+1:]
	}
	if text {
		return normalizeNewlines(out.String())
	}
	return out.String()
}

func entityValue(name string) (string, bool) {
	if v, ok := xmlEntities[name]; ok {
		return v, true
	}
	if !strings.HasPrefix(name, "#") {
		return "", false
	}
	base, digits := 10, name[1:]
	if strings.HasPrefix(digits, "x") {
		base, digits = 16, digits[1:]
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil || !utf8.ValidRune(rune(n)) {
		return "", false
	}
	return string(rune(n)), true
}
