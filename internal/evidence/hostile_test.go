package evidence

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// exampleWith returns the example document with old replaced by new once.
func exampleWith(t testing.TB, old, new string) []byte {
	t.Helper()
	data, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte(old)) {
		t.Fatalf("example lacks %q", old)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

const ledCategories = "led_categories: [电冰箱, 洗衣机]"

// aliasedNames is the example whose led_categories hold one anchored name of
// size bytes and n aliases of it.
func aliasedNames(t testing.TB, size, n int) []byte {
	var b strings.Builder
	b.WriteString("led_categories: [&n " + strings.Repeat("y", size))
	for range n {
		b.WriteString(", *n")
	}
	b.WriteString("]")
	return exampleWith(t, ledCategories, b.String())
}

func codes(diags Diagnostics) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Code)
	}
	return out
}

func hasCode(diags Diagnostics, code string) bool {
	for _, d := range diags {
		if d.Code == code {
			return true
		}
	}
	return false
}

// Attack 1: few values, many bytes. 5,000 aliases of a 10 KB string stay far
// below the 100,000-value bound but expand to 50 MB, above the 16 MiB size
// limit; it was accepted (with 5,000 duplicate warnings, each quoting 10 KB).
func TestAliasExpansionIsBoundedInBytes(t *testing.T) {
	src := aliasedNames(t, 10_000, 5_000)
	_, diags := Load("bytes.yaml", src, Options{})
	if len(diags) != 1 || diags[0].Code != CodeAlias {
		t.Fatalf("got %v", codes(diags))
	}
	if !strings.Contains(diags[0].Message.EN, "bytes") || !strings.HasPrefix(diags[0].Pointer, "/encouraging/certification/led_categories/") {
		t.Fatalf("got %+v", diags[0])
	}
	// The bound follows --max-size: the same file passes a larger limit.
	if _, diags := Load("bytes.yaml", src, Options{MaxSize: 64 << 20}); hasCode(diags, CodeAlias) {
		t.Fatalf("a 64 MiB limit still refused a 50 MB expansion: %v", codes(diags))
	}
}

// A key that is an alias counts towards the expanded size too.
func TestAliasedKeysCountTowardsTheBound(t *testing.T) {
	var b strings.Builder
	b.WriteString("k: &k " + strings.Repeat("z", 1000) + "\nm:\n")
	for i := range 20 {
		b.WriteString("  - {*k : " + strconv.Itoa(i) + "}\n")
	}
	_, diags := Load("keys.yaml", []byte(b.String()), Options{MaxSize: 10_000})
	if !hasCode(diags, CodeAlias) {
		t.Fatalf("got %v", codes(diags))
	}
}

// Messages quote user values cut to a readable length, so a long value
// repeated by aliases does not multiply into the report.
func TestLongValuesAreCutInMessages(t *testing.T) {
	_, diags := Load("long.yaml", aliasedNames(t, 60_000, 20), Options{MaxErrors: -1, Counting: bundleCounting(t)})
	if len(diags) != 20 {
		t.Fatalf("got %v", codes(diags))
	}
	for _, d := range diags {
		if len(d.Message.ZH) > 1000 || len(d.Message.EN) > 1000 {
			t.Fatalf("%s message of %d bytes", d.Code, len(d.Message.EN))
		}
		if !strings.Contains(d.Message.EN, "…") {
			t.Fatalf("cut value not marked: %s", d.Message.EN[:100])
		}
	}
}

// duplicateNamesJSON is the example as JSON whose led_categories hold n
// names, all the same when dup is set, else all different.
func duplicateNamesJSON(t testing.TB, n int, dup bool) []byte {
	names := make([]string, n)
	for i := range names {
		names[i] = "n" + strconv.Itoa(i)
		if dup {
			names[i] = "n"
		}
	}
	doc := loadExample(t)
	value := doc.Value.(map[string]any)
	value["encouraging"].(map[string]any)["certification"].(map[string]any)["led_categories"] = names
	data, err := json.Marshal(value)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// Past --max-errors, problems are counted, not built: 100,000 duplicates
// cost about what 100,000 distinct names cost. Before, each duplicate got its
// position looked up and two messages formatted (several times the
// allocations), and all of them were kept until the end.
func TestProblemsPastTheCapAreNotBuilt(t *testing.T) {
	const n = 100_000
	opts := Options{MaxErrors: 10, Counting: bundleCounting(t)}
	allocs := func(data []byte) float64 {
		return testing.AllocsPerRun(2, func() { Load("n.json", data, opts) })
	}
	distinct, dup := allocs(duplicateNamesJSON(t, n, false)), allocs(duplicateNamesJSON(t, n, true))
	if dup > 1.2*distinct {
		t.Fatalf("%d duplicates: %.0f allocations, against %.0f for distinct names", n, dup, distinct)
	}
	_, diags := Load("n.json", duplicateNamesJSON(t, n, true), opts)
	last := diags[len(diags)-1]
	if len(diags) != 11 || last.Code != CodeTooMany || !strings.Contains(last.Message.EN, strconv.Itoa(n-1-10)) {
		t.Fatalf("got %d diagnostics, last %+v", len(diags), last)
	}
}

// Attack 13: a tag on a mapping or sequence asks for a type the model has not.
func TestTagsOnCollectionsAreRefused(t *testing.T) {
	for _, tagged := range []string{
		"led_categories: !!python/object/apply:os.system [echo]",
		"led_categories: !custom [a]",
		"led_categories: !!set {a, b}",
		"led_categories: !!omap [{a: 1}]",
		"led_categories: !!python/object:x {a: 1}",
	} {
		_, diags := Load("tag.yaml", exampleWith(t, ledCategories, tagged), Options{})
		if len(diags) != 1 || diags[0].Code != CodeYAMLTag || diags[0].Pointer != "/encouraging/certification/led_categories" {
			t.Errorf("%s: got %+v", tagged, diags)
		}
	}
	_, diags := Load("tag.yaml", exampleWith(t, ledCategories, "led_categories: !!seq [a, b]"), Options{})
	if diags.HasErrors() {
		t.Errorf("an explicit !!seq refused: %+v", diags)
	}
}

// Attack 7: an integer written as a decimal is that integer, in YAML and
// JSON alike, so validate and eval agree; a fraction or a count beyond the
// schema's maximum is refused (1e999999 is too large to be told integral:
// the schema calls it a number, not an integer).
func TestIntegralDecimalsAreIntegers(t *testing.T) {
	for written, want := range map[string]json.Number{
		"3.0": "3", "3e0": "3", "30e-1": "3", "3.000": "3", "0.3e1": "3", "-0.0": "0", "0e5": "0",
	} {
		for _, format := range []string{"yaml", "json"} {
			doc, diags := loadInFormat(t, format, exampleWith(t, "retention_years: 3", "retention_years: "+written))
			if diags.HasErrors() {
				t.Errorf("%s %s: %v", format, written, codes(diags))
				continue
			}
			got := doc.Value.(map[string]any)["basic"].(map[string]any)["archive"].(map[string]any)["retention_years"]
			if got != want {
				t.Errorf("%s %s: %#v, want %q", format, written, got, want)
			}
		}
	}
	doc, diags := Load("y.yaml", exampleWith(t, "year: 2024", "year: 2024.0"), Options{})
	if diags.HasErrors() || doc.Value.(map[string]any)["cycle"].(map[string]any)["year"] != json.Number("2024") {
		t.Errorf("year 2024.0: %v", codes(diags))
	}
	for written, code := range map[string]string{
		"3.5": CodeType, "1e20": CodeMaximum, "1e999999": CodeType, "2147483648": CodeMaximum, "-1e0": CodeMinimum,
	} {
		_, diags := Load("n.yaml", exampleWith(t, "retention_years: 3", "retention_years: "+written), Options{})
		if len(diags) != 1 || diags[0].Code != code {
			t.Errorf("%s: got %v, want %s", written, codes(diags), code)
		}
	}
}

// loadInFormat loads a YAML example as is, or converted to JSON.
func loadInFormat(t *testing.T, format string, yamlSrc []byte) (*Document, Diagnostics) {
	t.Helper()
	if format == "yaml" {
		return Load("x.yaml", yamlSrc, Options{})
	}
	// Keep the number's text: rewrite the YAML value model as JSON by hand.
	doc, diags := Load("x.yaml", yamlSrc, Options{})
	if doc.Value == nil {
		return doc, diags
	}
	data, err := json.Marshal(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	return Load("x.json", data, Options{})
}

// Attacks 6 and 14: a date the rules cannot compute with (time.parse_ns
// stops at 2262, and add_months("9999-12-31", 1) gave "10000-01-31", which
// sorted before every date) is a coded, localised error, not a score.
func TestDatesOutsideTheComputableYearsAreRefused(t *testing.T) {
	for _, date := range []string{"9999-12-31", "2263-01-01", "2200-01-01", "1899-12-31", "0001-01-01", "1677-01-01"} {
		for _, place := range []struct{ old, pointer string }{
			{"notified_on: 2024-10-09", "/core/listed_standards/0/changes/0/notified_on"},
			{"declared_on: 2024-03-01", "/core/listed_standards/0/declared_on"},
			{"deadline: 2024-12-20", "/basic/submission/deadline"},
		} {
			key := strings.SplitN(place.old, ":", 2)[0]
			_, diags := Load("d.yaml", exampleWith(t, place.old, key+": "+date), Options{})
			d := diags.Errors()
			if len(d) == 0 || d[0].Code != CodeDateRange || d[0].Pointer != place.pointer {
				t.Errorf("%s at %s: got %+v", date, key, diags)
				continue
			}
			if !strings.Contains(d[0].Message.ZH, "1900") || !strings.Contains(d[0].Message.EN, "2199") || d[0].Line == 0 {
				t.Errorf("message or place: %+v", d[0])
			}
		}
	}
	for _, date := range []string{"1900-01-01", "2199-12-31"} {
		_, diags := Load("d.yaml", exampleWith(t, "deadline: 2024-12-20", "deadline: "+date), Options{})
		if diags.HasErrors() {
			t.Errorf("%s refused: %+v", date, diags)
		}
	}
}

// Attack 8: a FIFO in an input directory is reported and skipped, not
// opened for reading (which blocked forever); the other files are loaded.
func TestDirectoryListsOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	example, _ := os.ReadFile(examplePath)
	os.WriteFile(filepath.Join(dir, "a.yaml"), example, 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "b.yaml"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	os.WriteFile(filepath.Join(dir, "c.json"), []byte(`{}`), 0o644)
	os.Mkdir(filepath.Join(dir, "sub.yaml"), 0o755)
	inputs, err := ExpandInputs([]string{dir})
	if err != nil || len(inputs) != 3 {
		t.Fatalf("ExpandInputs = %+v, %v", inputs, err)
	}
	done := make(chan []Diagnostics, 1)
	go func() {
		var all []Diagnostics
		for _, in := range inputs {
			_, diags := LoadInput(in, Options{})
			all = append(all, diags)
		}
		done <- all
	}()
	select {
	case all := <-done:
		if all[0].HasErrors() || !all[2].HasErrors() {
			t.Fatalf("regular files: %+v / %+v", all[0], all[2])
		}
		fifo := all[1]
		if len(fifo) != 1 || fifo[0].Code != CodeRead || !strings.Contains(fifo[0].Message.EN, "named pipe") ||
			!strings.Contains(fifo[0].Message.ZH, "命名管道") {
			t.Fatalf("FIFO: %+v", fifo)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("loading a directory with a FIFO blocked")
	}
}

// Attack 16: a directory that cannot be listed is one input that fails to
// read, in the user's language, like an unreadable file; the run goes on.
func TestUnreadableDirectoryIsOneFailedInput(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads any directory: permissions cannot be tested")
	}
	dir := filepath.Join(t.TempDir(), "locked")
	os.Mkdir(dir, 0o000)
	defer os.Chmod(dir, 0o755)
	inputs, err := ExpandInputs([]string{dir, examplePath})
	if err != nil || len(inputs) != 2 {
		t.Fatalf("ExpandInputs = %+v, %v", inputs, err)
	}
	_, diags := LoadInput(inputs[0], Options{})
	if len(diags) != 1 || diags[0].Code != CodeRead || !strings.Contains(diags[0].Message.ZH, "没有读取权限") {
		t.Fatalf("got %+v", diags)
	}
	if _, diags := LoadInput(inputs[1], Options{}); diags.HasErrors() {
		t.Fatalf("the other input: %+v", diags)
	}
}

// The same for an unreadable directory simulated without permissions (the
// tests may run as root): a listing error becomes the input's diagnostic.
func TestListingErrorIsReportedWhenLoaded(t *testing.T) {
	in := Input{Path: "locked", unlisted: os.ErrPermission}
	_, diags := LoadInput(in, Options{})
	if len(diags) != 1 || diags[0].Code != CodeRead || diags[0].Message.EN != "cannot read locked: permission denied" ||
		diags[0].Message.ZH != "无法读取 locked：没有读取权限" {
		t.Fatalf("got %+v", diags)
	}
}
