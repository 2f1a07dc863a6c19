package evidence

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const invalidDir = "../../testdata/evidence/invalid"

// expectedDiagnostic is one line of testdata/evidence/expect/invalid.json.
type expectedDiagnostic struct {
	Code    string `json:"code"`
	Pointer string `json:"pointer"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

func readInvalidExpectations(t *testing.T) map[string][]expectedDiagnostic {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(invalidDir, "..", "expect", "invalid.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want map[string][]expectedDiagnostic
	if err := json.Unmarshal(data, &want); err != nil {
		t.Fatal(err)
	}
	return want
}

func TestInvalidCorpus(t *testing.T) {
	want := readInvalidExpectations(t)
	entries, err := os.ReadDir(invalidDir)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]bool{}
	for _, e := range entries {
		expected, ok := want[e.Name()]
		if !ok {
			t.Errorf("%s: no expectation in expect/invalid.json", e.Name())
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			doc, diags := LoadFile(filepath.Join(invalidDir, e.Name()), Options{MaxErrors: -1})
			if !diags.HasErrors() {
				t.Fatalf("accepted an invalid document")
			}
			assertDiagnostics(t, diags, expected)
			assertMessagesBilingual(t, diags)
			if doc.SHA256 == "" || doc.Raw == nil {
				t.Errorf("document lost its source: sha256=%q", doc.SHA256)
			}
		})
		kinds[expected[0].Code+" "+e.Name()] = true
	}
	if len(kinds) < 25 {
		t.Errorf("invalid corpus has %d files, want at least 25", len(kinds))
	}
}

func assertDiagnostics(t *testing.T, got Diagnostics, want []expectedDiagnostic) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d diagnostics, want %d: %+v", len(got), len(want), got)
	}
	for i := 0; i < min(len(got), len(want)); i++ {
		g := expectedDiagnostic{got[i].Code, got[i].Pointer, got[i].Line, got[i].Column}
		if g != want[i] {
			t.Errorf("diagnostic %d = %+v, want %+v", i, g, want[i])
		}
	}
}

func assertMessagesBilingual(t *testing.T, diags Diagnostics) {
	t.Helper()
	for _, d := range diags {
		if d.Message.ZH == "" || d.Message.EN == "" || d.Message.ZH == d.Message.EN {
			t.Errorf("%s: message not in both languages: %+v", d.Code, d.Message)
		}
		if _, documented := codeInfo(d.Code); !documented {
			t.Errorf("code %s is not in Codes", d.Code)
		}
	}
}

func codeInfo(code string) (CodeInfo, bool) {
	for _, c := range Codes {
		if c.Code == code {
			return c, true
		}
	}
	return CodeInfo{}, false
}

// bigEvidence returns a valid document padded with comment lines to size bytes.
func bigEvidence(t testing.TB, size int) []byte {
	t.Helper()
	base, err := os.ReadFile("../../testdata/evidence/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	b.Write(base)
	line := "# " + strings.Repeat("padding ", 12) + "\n"
	for b.Len() < size {
		b.WriteString(line)
	}
	return b.Bytes()
}

func TestOversizedFileRefusedBeforeParsing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.yaml")
	if err := os.WriteFile(path, bigEvidence(t, 20<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	doc, diags := LoadFile(path, Options{})
	if len(diags) != 1 || diags[0].Code != CodeSize || doc.Value != nil {
		t.Fatalf("20 MB file: got %+v", diags)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, diag := readLimited("-", f, Options{}.maxSize()); diag == nil || diag.Code != CodeSize {
		t.Fatalf("20 MB stream: got %+v", diag)
	}
	if _, diags := LoadFile(path, Options{MaxSize: 32 << 20}); diags.HasErrors() {
		t.Fatalf("raised limit: got %+v", diags[:min(3, len(diags))])
	}
}
