package evidence

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// checkScanMatchesIndex asserts that locating a pointer by scanning the text
// gives the place the full index records, for every pointer of the document,
// and that pointers absent from the index are not found.
func checkScanMatchesIndex(t *testing.T, text []byte) {
	t.Helper()
	indexed := &Document{}
	if _, ok := indexJSON(text, indexed, &collector{doc: indexed}); !ok {
		return // not a valid document: positions come from the index pass
	}
	scanned := &Document{jsonText: text, jsonLazy: true}
	for pointer, want := range indexed.values {
		scanned.lookups.Store(0)
		value, key, valueOK, keyOK := scanned.jsonPosition(pointer)
		wantKey, wantKeyOK := indexed.keys[pointer]
		if !valueOK || value != want || keyOK != wantKeyOK || key != wantKey {
			t.Fatalf("%q: scan %v %v %v %v, index %v %v %v", pointer, value, valueOK, key, keyOK, want, wantKey, wantKeyOK)
		}
	}
	checkBatchMatchesIndex(t, text, indexed)
	for _, absent := range []string{"/nope", "/0", "/a/01", "/~2"} {
		scanned.lookups.Store(0)
		if _, _, ok, _ := scanned.jsonPosition(absent); ok != hasPointer(indexed, absent) {
			t.Fatalf("%q: found %v", absent, ok)
		}
	}
}

// checkBatchMatchesIndex asserts that locating every pointer in one scan
// gives the places the index records, absent pointers included.
func checkBatchMatchesIndex(t *testing.T, text []byte, indexed *Document) {
	t.Helper()
	pointers := []string{"/nope", "/0", "/a/01", "/~2", "x"}
	for pointer := range indexed.values {
		pointers = append(pointers, pointer)
	}
	scanned := &Document{jsonText: text, jsonLazy: true}
	for i, got := range scanned.placesOf(pointers) {
		want := place{value: indexed.values[pointers[i]]}
		want.key, want.keyOK = indexed.keys[pointers[i]]
		if got != want {
			t.Fatalf("%q: batch %+v, index %+v", pointers[i], got, want)
		}
	}
}

func hasPointer(d *Document, pointer string) bool {
	_, ok := d.values[pointer]
	return ok
}

func TestJSONScanMatchesIndex(t *testing.T) {
	texts := [][]byte{
		[]byte(`{"a~b/c": [1, -2.5e3, "x\"]}", null, true, false, [], {}], "é\u00e9": {"k": "v\\"}, "": [[{"n": 0}]]}`),
		[]byte("\t[ {\"x\" :\r\n 1 } , \"终\" ,[ ] ]  "),
		[]byte(`"just a string"`),
	}
	files, _ := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		doc, _ := Load(file, data, Options{})
		indented, _ := json.MarshalIndent(doc.Value, "", "  ")
		compact, _ := json.Marshal(doc.Value)
		texts = append(texts, indented, compact)
	}
	for _, text := range texts {
		checkScanMatchesIndex(t, text)
	}
}

func TestManyJSONLookupsSwitchToTheIndex(t *testing.T) {
	text := []byte("{\"a\": [10, 20,\n 30]}")
	doc, _ := Load("m.json", text, Options{})
	for i := 0; i < 2*jsonScanLookups; i++ {
		if p, ok := doc.ValuePosition("/a/2"); !ok || p != (Position{2, 2}) {
			t.Fatalf("lookup %d: %v %v", i, p, ok)
		}
	}
	if doc.values == nil {
		t.Fatal("no index after many lookups")
	}
}
