package workbook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// typicalAgency is the corpus's typical agency (corpus.Typical: 6 listed
// enterprises, 10 standards, 120 declared models, …) as an evidence value.
func typicalAgency(b *testing.B) any {
	m, err := corpus.Generate(1, corpus.Typical).Map()
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteDocument(&buf, m, FormatYAML, Options{}); err != nil {
		b.Fatal(err)
	}
	doc, diags := evidence.Load("typical.yaml", buf.Bytes(), evidence.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	return doc.Value
}

// BenchmarkReadEvidence loads the same evidence as YAML and as a workbook
// through the evidence loader (parse, schema, rules), alternating within
// each iteration so that the shared machine's load hits both alike, and
// reports each one's time and their ratio, which the README quotes.
func BenchmarkReadEvidence(b *testing.B) {
	value := typicalAgency(b)
	var yamlData, book bytes.Buffer
	if err := WriteDocument(&yamlData, value, FormatYAML, Options{}); err != nil {
		b.Fatal(err)
	}
	if err := WriteEvidence(&book, value, Options{Lang: i18n.ZH}); err != nil {
		b.Fatal(err)
	}
	load := func(name string, data []byte) time.Duration {
		start := time.Now()
		if _, diags := evidence.Load(name, data, evidence.Options{}); diags.HasErrors() {
			b.Fatal(diags)
		}
		return time.Since(start)
	}
	var yamlTime, xlsxTime time.Duration
	b.ReportAllocs()
	for b.Loop() {
		yamlTime += load("typical.yaml", yamlData.Bytes())
		xlsxTime += load("typical.xlsx", book.Bytes())
	}
	n := float64(b.N)
	b.ReportMetric(float64(yamlTime.Microseconds())/n, "yaml-µs/op")
	b.ReportMetric(float64(xlsxTime.Microseconds())/n, "xlsx-µs/op")
	b.ReportMetric(float64(xlsxTime)/float64(yamlTime), "xlsx/yaml")
}

// BenchmarkWriteResults writes the results of 1,000 agencies (the scored
// examples, repeated under distinct ids) as JSON lines and as a workbook,
// alternating within each iteration, and reports each one's time, their
// ratio and the workbook's bytes.
func BenchmarkWriteResults(b *testing.B) {
	eng, examples := scoreExamples(b)
	const agencies = 1000
	results := make([]scored, agencies)
	for i := range results {
		r := *examples[i%len(examples)].result
		r.Agency.ID = fmt.Sprintf("AG-%04d", i)
		r.Input = &engine.Input{Path: fmt.Sprintf("doc-%06d.json", i)}
		results[i] = scored{file: r.Input.Path, result: &r}
	}
	var jsonlTime, xlsxTime time.Duration
	var size int
	b.ReportAllocs()
	for b.Loop() {
		start := time.Now()
		var lines bytes.Buffer
		enc := json.NewEncoder(&lines)
		enc.SetEscapeHTML(false)
		for _, s := range results {
			if err := enc.Encode(s.result); err != nil {
				b.Fatal(err)
			}
		}
		jsonlTime += time.Since(start)
		start = time.Now()
		var book bytes.Buffer
		rw, err := NewResults(&book, ResultsOptions{Lang: i18n.ZH, Model: eng.Model()})
		if err != nil {
			b.Fatal(err)
		}
		for _, s := range results {
			if err := rw.Write(s.result); err != nil {
				b.Fatal(err)
			}
		}
		if err := rw.Close(); err != nil {
			b.Fatal(err)
		}
		xlsxTime += time.Since(start)
		size = book.Len()
	}
	n := float64(b.N)
	b.ReportMetric(float64(jsonlTime.Milliseconds())/n, "jsonl-ms/op")
	b.ReportMetric(float64(xlsxTime.Milliseconds())/n, "xlsx-ms/op")
	b.ReportMetric(float64(xlsxTime)/float64(jsonlTime), "xlsx/jsonl")
	b.ReportMetric(float64(size)/(1<<20), "xlsx-MiB")
}
