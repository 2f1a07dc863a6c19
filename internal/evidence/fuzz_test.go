package evidence

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
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
