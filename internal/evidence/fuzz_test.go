package evidence

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func FuzzLoadValidate(f *testing.F) {
	for _, pattern := range []string{"../../testdata/evidence/valid/*.yaml", invalidDir + "/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil && len(data) < 64<<10 {
				f.Add(data)
			}
		}
	}
	f.Add([]byte(`{"a": [1, 2.5e3, "x", null, true], "b": {"c": "\u00e9"}}`))
	f.Add([]byte("a: &x [1, *x]\nb: !!binary aGk=\n? [k]\n: v\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScanMatchesIndex(t, bytes.TrimPrefix(data, utf8BOM))
		for _, name := range []string{"fuzz.yaml", "fuzz.json"} {
			doc, diags := Load(name, data, Options{MaxErrors: -1})
			checkDiagnosticsWellFormed(t, diags)
			if !diags.HasErrors() {
				checkAcceptedDocument(t, doc)
			}
		}
	})
}

func checkDiagnosticsWellFormed(t *testing.T, diags Diagnostics) {
	t.Helper()
	for _, d := range diags {
		if _, ok := codeInfo(d.Code); !ok || d.Message.ZH == "" || d.Message.EN == "" {
			t.Fatalf("malformed diagnostic %+v", d)
		}
		if d.Pointer != "" && d.Pointer[0] != '/' {
			t.Fatalf("bad pointer %q", d.Pointer)
		}
	}
}

// checkAcceptedDocument re-validates an accepted value independently of the
// loader: after a JSON round trip through encoding/json the schema must still
// accept it, and the cross-field rules must hold.
func checkAcceptedDocument(t *testing.T, doc *Document) {
	t.Helper()
	text, err := json.Marshal(doc.Value)
	if err != nil {
		t.Fatalf("accepted value is not JSON: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	var back any
	if err := dec.Decode(&back); err != nil {
		t.Fatal(err)
	}
	sch, err := Schema()
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(back); err != nil {
		t.Fatalf("accepted a document the schema rejects: %v", err)
	}
	cycle := back.(map[string]any)["cycle"].(map[string]any)
	if cycle["end"].(string) < cycle["start"].(string) {
		t.Fatalf("accepted a cycle that ends before it starts")
	}
}

// seedFiles adds the valid examples and the invalid corpus, as YAML or as
// the same documents in JSON.
func seedFiles(f *testing.F, asJSON bool) {
	for _, pattern := range []string{"../../testdata/evidence/valid/*.yaml", invalidDir + "/*"} {
		files, _ := filepath.Glob(pattern)
		for _, file := range files {
			data, err := os.ReadFile(file)
			if err != nil || len(data) > 64<<10 {
				continue
			}
			if asJSON {
				doc, _ := Load(file, data, Options{})
				if doc.Value == nil {
					if filepath.Ext(file) == ".json" {
						f.Add(data)
					}
					continue
				}
				data, _ = json.MarshalIndent(doc.Value, "", " ")
			}
			f.Add(data)
		}
	}
}

// parseCodes are the diagnostics a syntax-level refusal gives.
var parseCodes = map[string]bool{CodeEmpty: true, CodeUTF8: true, CodeYAML: true, CodeJSON: true, CodeTrailing: true,
	CodeDupKey: true, CodeKeyType: true, CodeDepth: true, CodeAlias: true, CodeYAMLTag: true, CodeNumber: true}

func parseErrors(diags Diagnostics) []string {
	var out []string
	for _, d := range diags.Errors() {
		if parseCodes[d.Code] {
			out = append(out, d.Code)
		}
	}
	return out
}

// FuzzYAMLLoader: whatever the bytes, the YAML loader never panics, codes and
// places every problem inside the file, and a document it accepts loads to
// the same value from its JSON form (one value model for both syntaxes).
func FuzzYAMLLoader(f *testing.F) {
	seedFiles(f, false)
	f.Add([]byte("a: !!python/object:x {b: 1}\nc: &x [*x]\nd: 3.0e0\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := Load("fuzz.yaml", data, Options{MaxErrors: -1})
		checkDiagnosticsWellFormed(t, diags)
		checkPlacesInside(t, data, diags)
		if len(parseErrors(diags)) > 0 {
			return
		}
		text, err := json.Marshal(doc.Value)
		if err != nil {
			t.Fatalf("loaded value is not JSON: %v", err)
		}
		back, backDiags := Load("back.json", text, Options{MaxErrors: -1})
		if codes := parseErrors(backDiags); len(codes) > 0 {
			t.Fatalf("the JSON form of an accepted YAML document fails to parse: %v", codes)
		}
		if !reflect.DeepEqual(back.Value, doc.Value) {
			t.Fatalf("YAML and its JSON form load differently:\n%#v\n%#v", doc.Value, back.Value)
		}
		if diags.HasErrors() != backDiags.HasErrors() {
			t.Fatalf("validity differs between YAML (%v) and its JSON form (%v)", codes(diags), codes(backDiags))
		}
	})
}

// FuzzJSONLoader: the JSON loader accepts exactly the texts encoding/json
// accepts, less duplicate keys, deep nesting and invalid UTF-8, and decodes
// them to the same value (integers written as decimals made integers).
func FuzzJSONLoader(f *testing.F) {
	seedFiles(f, true)
	f.Add([]byte(`{"a": [1, 2.0, -0.0, 1e400, "\u00e9"], "b": {"c": null}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, diags := Load("fuzz.json", data, Options{MaxErrors: -1})
		checkDiagnosticsWellFormed(t, diags)
		checkPlacesInside(t, data, diags)
		text := bytes.TrimPrefix(data, utf8BOM)
		refused := parseErrors(diags)
		if !json.Valid(text) {
			if len(refused) == 0 {
				t.Fatalf("accepted text encoding/json refuses")
			}
			return
		}
		for _, code := range refused {
			if code != CodeDupKey && code != CodeDepth && code != CodeUTF8 {
				t.Fatalf("refused valid JSON with %s", code)
			}
		}
		if len(refused) > 0 {
			return
		}
		dec := json.NewDecoder(bytes.NewReader(text))
		dec.UseNumber()
		var want any
		if err := dec.Decode(&want); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(doc.Value, canonicalNumbers(want)) {
			t.Fatalf("decoded differently from encoding/json:\n%#v\n%#v", doc.Value, want)
		}
	})
}

// canonicalNumbers applies canonicalNumber to every number of v.
func canonicalNumbers(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = canonicalNumbers(e)
		}
	case []any:
		for i, e := range v {
			v[i] = canonicalNumbers(e)
		}
	case json.Number:
		return canonicalNumber(string(v))
	}
	return v
}

// checkPlacesInside asserts every located diagnostic points into the file
// (lines end as YAML ends them: "\n", "\r\n" or a lone "\r"; the line after
// a final break is empty but real).
func checkPlacesInside(t *testing.T, data []byte, diags Diagnostics) {
	t.Helper()
	lines := len(lineEnds(data)) + 1
	for _, d := range diags {
		if d.Line < 0 || d.Line > lines || d.Column < 0 || (d.Line > 0 && d.Column == 0) {
			t.Fatalf("%s placed at %d:%d in a %d-line file", d.Code, d.Line, d.Column, lines)
		}
	}
}
