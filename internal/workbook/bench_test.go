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
	"github.com/xuri/excelize/v2"
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
// through the evidence loader (parse, schema, rules: the same pipeline up to
// the evidence value), alternating within each iteration so that the shared
// machine's load hits both alike, and reports each one's time and their
// ratio, which the README quotes. A third step measures what excelize alone
// needs to hand over the same cells (open the package, stream each evidence
// sheet's rows as raw values, nothing else): the floor any reader built on it
// would start from, and the README's reason for reading the package itself.
func BenchmarkReadEvidence(b *testing.B) {
	value := typicalAgency(b)
	var yamlData, book bytes.Buffer
	if err := WriteDocument(&yamlData, value, FormatYAML, Options{}); err != nil {
		b.Fatal(err)
	}
	if err := WriteEvidence(&book, value, Options{Lang: i18n.ZH}); err != nil {
		b.Fatal(err)
	}
	load := func(name string, data []byte) {
		if _, diags := evidence.Load(name, data, evidence.Options{}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
	steps := []struct {
		unit string
		run  func()
		took time.Duration
	}{
		{unit: "yaml", run: func() { load("typical.yaml", yamlData.Bytes()) }},
		{unit: "xlsx", run: func() { load("typical.xlsx", book.Bytes()) }},
		{unit: "excelize-rows", run: func() { streamRows(b, book.Bytes()) }},
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range steps {
			start := time.Now()
			steps[i].run()
			steps[i].took += time.Since(start)
		}
	}
	for i, s := range steps {
		b.ReportMetric(float64(s.took.Microseconds())/float64(b.N), s.unit+"-µs/op")
		if i > 0 {
			b.ReportMetric(float64(s.took)/float64(steps[0].took), s.unit+"/yaml")
		}
	}
}

// streamRows opens a workbook with excelize and streams the raw values of
// every sheet the evidence reader reads, keeping nothing.
func streamRows(b *testing.B, data []byte) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped})
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	layout := EvidenceLayout()
	for _, name := range f.GetSheetList() {
		if layout.Sheet(name) == nil {
			continue
		}
		rows, err := f.Rows(name)
		if err != nil {
			b.Fatal(err)
		}
		for rows.Next() {
			if _, err := rows.Columns(excelize.Options{RawCellValue: true}); err != nil {
				b.Fatal(err)
			}
		}
		_ = rows.Close()
	}
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
