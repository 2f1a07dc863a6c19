package workbook

import (
	"bytes"
	"os"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// typicalAgency is the example whose size is typical of an agency's year.
const typicalAgency = "../../testdata/evidence/valid/level1.yaml"

// BenchmarkReadEvidence loads the same evidence as YAML and as a workbook
// through the evidence loader (parse, schema, rules), interleaved in one
// process so that the machine's load hits both alike. The README quotes the
// ratio xlsx/yaml.
func BenchmarkReadEvidence(b *testing.B) {
	yamlData, err := os.ReadFile(typicalAgency)
	if err != nil {
		b.Fatal(err)
	}
	var book bytes.Buffer
	if err := WriteEvidence(&book, loadValue(b, typicalAgency), Options{Lang: i18n.ZH}); err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct {
		name string
		data []byte
	}{{"yaml", yamlData}, {"xlsx", book.Bytes()}} {
		b.Run(in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := evidence.Load("level1."+in.name, in.data, evidence.Options{}); diags.HasErrors() {
					b.Fatal(diags)
				}
			}
		})
	}
}
