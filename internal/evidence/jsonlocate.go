package evidence

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
)

// locateJSON finds the value at pointer in valid JSON text by scanning it,
// skipping every subtree off the path; it returns the offsets of the value and
// of its member key (-1 for an array element or the root).
func locateJSON(text []byte, pointer string) (valueOff, keyOff int, found bool) {
	s := &jsonScanner{text: text}
	keyOff = -1
	s.skipSpace()
	if pointer == "" {
		return s.off, keyOff, s.off < len(text)
	}
	for _, token := range strings.Split(pointer[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		var ok bool
		switch s.peek() {
		case '{':
			keyOff, ok = s.enterMember(token)
		case '[':
			keyOff, ok = -1, s.enterElement(token)
		}
		if !ok {
			return 0, 0, false
		}
	}
	return s.off, keyOff, true
}

// jsonScanner moves over JSON text already known to be valid.
type jsonScanner struct {
	text []byte
	off  int
}

func (s *jsonScanner) peek() byte {
	if s.off < len(s.text) {
		return s.text[s.off]
	}
	return 0
}

func (s *jsonScanner) skipSpace() {
	for s.off < len(s.text) && strings.IndexByte(" \t\r\n", s.text[s.off]) >= 0 {
		s.off++
	}
}

// enterMember moves to the value of member key in the object at the current
// offset and returns the offset of its key.
func (s *jsonScanner) enterMember(key string) (int, bool) {
	s.off++ // '{'
	for s.skipSpace(); s.peek() == '"'; s.skipSpace() {
		keyOff := s.off
		matched := s.keyIs(key)
		s.skipSpace()
		s.off++ // ':'
		s.skipSpace()
		if matched {
			return keyOff, true
		}
		s.skipValue()
		s.skipSpace()
		if s.peek() == ',' {
			s.off++
		}
	}
	return -1, false
}

// enterElement moves to element index of the array at the current offset.
func (s *jsonScanner) enterElement(index string) bool {
	n, err := strconv.Atoi(index)
	if err != nil || n < 0 || strconv.Itoa(n) != index {
		return false
	}
	s.off++ // '['
	for s.skipSpace(); s.peek() != ']' && s.off < len(s.text); s.skipSpace() {
		if n == 0 {
			return true
		}
		n--
		s.skipValue()
		s.skipSpace()
		if s.peek() == ',' {
			s.off++
		}
	}
	return false
}

// keyIs moves past the member name at the current offset and reports whether
// it equals key; only a name with escapes is decoded.
func (s *jsonScanner) keyIs(key string) bool {
	start := s.off
	s.skipString()
	raw := s.text[start:s.off]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1:len(raw)-1]) == key
	}
	var name string
	return json.Unmarshal(raw, &name) == nil && name == key
}

func (s *jsonScanner) skipString() {
	for s.off++; s.off < len(s.text); s.off++ {
		switch s.text[s.off] {
		case '\\':
			s.off++
		case '"':
			s.off++
			return
		}
	}
}

// skipValue moves past the value at the current offset.
func (s *jsonScanner) skipValue() {
	depth := 0
	for s.off < len(s.text) {
		switch s.text[s.off] {
		case '"':
			s.skipString()
			if depth == 0 {
				return
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			if depth == 0 {
				return // end of a scalar member or element
			}
			depth--
			if depth == 0 {
				s.off++
				return
			}
		case ',', ' ', '\t', '\r', '\n':
			if depth == 0 {
				return
			}
		}
		s.off++
	}
}

// pointerTrie is a set of JSON Pointers sharing their prefixes, so that one
// scan of the text finds them all.
type pointerTrie struct {
	members  map[string]*pointerTrie
	elements map[int]*pointerTrie
	wanted   bool
	valueOff int
	keyOff   int
	found    bool
}

func (t *pointerTrie) insert(pointer string) *pointerTrie {
	node := t
	if pointer == "" {
		node.wanted = true
		return node
	}
	for _, token := range strings.Split(pointer[1:], "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		node = node.child(token)
	}
	node.wanted = true
	return node
}

// child adds a token; one that is a canonical array index is also reachable
// as an element.
func (t *pointerTrie) child(token string) *pointerTrie {
	if t.members == nil {
		t.members, t.elements = map[string]*pointerTrie{}, map[int]*pointerTrie{}
	}
	if next, ok := t.members[token]; ok {
		return next
	}
	next := &pointerTrie{}
	t.members[token] = next
	if n, err := strconv.Atoi(token); err == nil && n >= 0 && strconv.Itoa(n) == token {
		t.elements[n] = next
	}
	return next
}

// locateAllJSON finds every pointer in valid JSON text in one scan, skipping
// the subtrees no pointer enters; each result holds the offsets of the value
// and of its member key (-1 for an array element or the root).
func locateAllJSON(text []byte, pointers []string) []*pointerTrie {
	root := &pointerTrie{}
	nodes := make([]*pointerTrie, len(pointers))
	for i, p := range pointers {
		if p != "" && !strings.HasPrefix(p, "/") {
			nodes[i] = &pointerTrie{} // not a pointer: never found
			continue
		}
		nodes[i] = root.insert(p)
	}
	s := &jsonScanner{text: text}
	s.skipSpace()
	if s.off < len(text) {
		s.walk(root, -1)
	}
	return nodes
}

// walk records the value at the current offset when wanted and descends
// into the members and elements the trie holds.
func (s *jsonScanner) walk(t *pointerTrie, keyOff int) {
	if t.wanted {
		t.valueOff, t.keyOff, t.found = s.off, keyOff, true
	}
	switch {
	case len(t.members) == 0:
		s.skipValue()
	case s.peek() == '{':
		s.walkObject(t)
	case s.peek() == '[':
		s.walkArray(t)
	default:
		s.skipValue()
	}
}

func (s *jsonScanner) walkObject(t *pointerTrie) {
	s.off++ // '{'
	for s.skipSpace(); s.peek() == '"'; s.skipSpace() {
		keyOff := s.off
		next := t.members[s.key()]
		s.skipSpace()
		s.off++ // ':'
		s.skipSpace()
		if next != nil {
			s.walk(next, keyOff)
		} else {
			s.skipValue()
		}
		s.skipSpace()
		if s.peek() == ',' {
			s.off++
		}
	}
	s.off++ // '}'
}

func (s *jsonScanner) walkArray(t *pointerTrie) {
	s.off++ // '['
	for i := 0; ; i++ {
		s.skipSpace()
		if s.peek() == ']' || s.off >= len(s.text) {
			break
		}
		if next := t.elements[i]; next != nil {
			s.walk(next, -1)
		} else {
			s.skipValue()
		}
		s.skipSpace()
		if s.peek() == ',' {
			s.off++
		}
	}
	s.off++ // ']'
}

// key moves past the member name at the current offset and returns it;
// only a name with escapes is decoded.
func (s *jsonScanner) key() string {
	start := s.off
	s.skipString()
	raw := s.text[start:s.off]
	if bytes.IndexByte(raw, '\\') < 0 {
		return string(raw[1 : len(raw)-1])
	}
	var name string
	if json.Unmarshal(raw, &name) != nil {
		return ""
	}
	return name
}
