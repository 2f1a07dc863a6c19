package evidence

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
)

// evidenceOfSize returns a valid YAML document of at least size bytes: the
// example with its listed enterprises and product declarations multiplied.
func evidenceOfSize(tb testing.TB, size int) []byte {
	tb.Helper()
	base, err := os.ReadFile(examplePath)
	if err != nil {
		tb.Fatal(err)
	}
	text := string(base)
	var enterprises, models strings.Builder
	for i := 0; enterprises.Len()+models.Len()+len(text) < size; i++ {
		fmt.Fprintf(&enterprises, `    - name: 企业%06d有限公司
      credit_code: "9144000000%08d"
      accidents:
        - {date: 2023-02-01, kind: safety, severity: general}
      management_systems: [GB/T 19001, GB/T 24001, GB/T 45001]
      serious_dishonesty_listed: false
      credit_report: {provided: true, complete: true, entries_explained: true}
      spot_check_failures: []
      materials:
        enterprise_standard: true
        mass_production_proof: true
        commitment_letter: {provided: true, sealed: true, names_models: true,
                            states_production_and_sales: true, states_channels: true}
`, i, i)
		fmt.Fprintf(&models, "    - {model: BCD-%06d, standard: T/CAS 801-2024}\n", i)
	}
	text = insertAfterLine(tb, text, "  listed_enterprises:", enterprises.String())
	text = insertAfterLine(tb, text, "  product_declarations:", models.String())
	return []byte(text)
}

// insertAfterLine inserts extra after the line starting with prefix.
func insertAfterLine(tb testing.TB, text, prefix, extra string) string {
	start := strings.Index(text, "\n"+prefix)
	if start < 0 {
		tb.Fatalf("no line %q", prefix)
	}
	end := start + 1 + strings.IndexByte(text[start+1:], '\n') + 1
	return text[:end] + extra + text[end:]
}

func TestBenchmarkDocumentIsValid(t *testing.T) {
	data := evidenceOfSize(t, 1<<20)
	doc, diags := Load("big.yaml", data, Options{})
	if diags.HasErrors() || len(data) < 1<<20 {
		t.Fatalf("%d bytes: %+v", len(data), diags[:min(3, len(diags))])
	}
	enterprises := doc.Value.(map[string]any)["core"].(map[string]any)["listed_enterprises"].([]any)
	if len(enterprises) < 1000 {
		t.Fatalf("only %d enterprises", len(enterprises))
	}
}

func BenchmarkValidate1MB(b *testing.B) {
	data := evidenceOfSize(b, 1<<20)
	doc, _ := Load("big.yaml", data, Options{})
	asJSON, err := json.Marshal(doc.Value)
	if err != nil {
		b.Fatal(err)
	}
	for _, input := range []struct {
		name string
		data []byte
	}{{"big.yaml", data}, {"big.json", asJSON}} {
		b.Run(input.name, func(b *testing.B) {
			b.SetBytes(int64(len(input.data)))
			for b.Loop() {
				if _, diags := Load(input.name, input.data, Options{}); diags.HasErrors() {
					b.Fatal(diags[0])
				}
			}
		})
	}
}

// BenchmarkLoadTypical loads a typical document (level2.yaml, ~7 KB) as YAML
// and converted to JSON, the common per-document cost of eval.
func BenchmarkLoadTypical(b *testing.B) {
	data, err := os.ReadFile("../../testdata/evidence/valid/level2.yaml")
	if err != nil {
		b.Fatal(err)
	}
	doc, _ := Load("level2.yaml", data, Options{})
	asJSON, err := json.MarshalIndent(doc.Value, "", "  ")
	if err != nil {
		b.Fatal(err)
	}
	for _, input := range []struct {
		name string
		data []byte
	}{{"level2.yaml", data}, {"level2.json", asJSON}} {
		b.Run(input.name, func(b *testing.B) {
			b.SetBytes(int64(len(input.data)))
			for b.Loop() {
				if _, diags := Load(input.name, input.data, Options{}); diags.HasErrors() {
					b.Fatal(diags[0])
				}
			}
		})
	}
}

// BenchmarkLoadDuplicates loads JSON evidence whose led_categories repeat one
// name n times: linear in n when problems past the cap are only counted
// (before: 250k → 500k → 1M duplicates took 1.6 → 4.9 → 11.4 s in the CLI).
func BenchmarkLoadDuplicates(b *testing.B) {
	for _, n := range []int{50_000, 400_000} {
		data := duplicateNamesJSON(b, n, true)
		opts := Options{Counting: bundleCounting(b)}
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			for range b.N {
				Load("n.json", data, opts)
			}
		})
	}
}
