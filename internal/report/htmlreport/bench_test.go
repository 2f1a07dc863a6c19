package htmlreport

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// benchDistinct generated documents are scored once; the 1,000-agency runs
// cycle through them with distinct agency ids. Rendering cost depends on
// the result's shape, not on its uniqueness.
const (
	benchDistinct = 100
	benchAgencies = 1000
)

var bench struct {
	once    sync.Once
	results []*engine.Result
	evalPer time.Duration // evaluation time per document, measured while scoring
	err     error
}

func benchResults(b *testing.B) ([]*engine.Result, time.Duration) {
	b.Helper()
	bench.once.Do(func() {
		e := loadEngine(b)
		g := corpus.Generator{Size: corpus.Typical}
		start := time.Now()
		bench.err = g.Each(7, benchDistinct, func(i int, doc *corpus.Document, _ corpus.Plan) error {
			raw, err := doc.JSON()
			if err != nil {
				return err
			}
			loaded, diags := evidence.Load(corpus.FileName(i), raw, evidence.Options{})
			if diags.HasErrors() {
				return fmt.Errorf("%s: %v", corpus.FileName(i), diags)
			}
			r, err := e.Eval(context.Background(), loaded.Value, "sha256:"+loaded.SHA256)
			bench.results = append(bench.results, r)
			return err
		})
		bench.evalPer = time.Since(start) / benchDistinct
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.results, bench.evalPer
}

// agencies yields n results cycling through the distinct ones, each with
// its own agency id.
func agencies(results []*engine.Result, n int, fn func(*engine.Result) error) error {
	for i := range n {
		r := *results[i%len(results)]
		r.Agency.ID = fmt.Sprintf("AG-%05d", i)
		if err := fn(&r); err != nil {
			return err
		}
	}
	return nil
}

func writeJSONL(w io.Writer, results []*engine.Result, n int) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // as -o jsonl writes it
	return agencies(results, n, func(r *engine.Result) error { return enc.Encode(r) })
}

func writeHTML(w io.Writer, m *model.Model, results []*engine.Result, n int) error {
	hw := New(w, Options{Lang: i18n.ZH, Model: m, Several: true})
	if err := agencies(results, n, hw.Write); err != nil {
		return err
	}
	return hw.Close()
}

// BenchmarkHTMLvsJSONL writes the same 1,000 results as JSON lines and as
// the HTML page, alternating within each iteration so that both see the
// same machine load, and reports each side's time per agency, their ratio,
// and the ratio of whole runs (evaluation included, measured while scoring).
func BenchmarkHTMLvsJSONL(b *testing.B) {
	results, evalPer := benchResults(b)
	model := testModel(b)
	var jsonl, html time.Duration
	for b.Loop() {
		start := time.Now()
		if err := writeJSONL(io.Discard, results, benchAgencies); err != nil {
			b.Fatal(err)
		}
		mid := time.Now()
		if err := writeHTML(io.Discard, model, results, benchAgencies); err != nil {
			b.Fatal(err)
		}
		jsonl, html = jsonl+mid.Sub(start), html+time.Since(mid)
	}
	per := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(b.N*benchAgencies) }
	b.ReportMetric(per(jsonl), "jsonl-µs/agency")
	b.ReportMetric(per(html), "html-µs/agency")
	b.ReportMetric(float64(html)/float64(jsonl), "render-ratio")
	e := float64(evalPer.Microseconds())
	b.ReportMetric(e, "eval-µs/agency")
	b.ReportMetric((e+per(html))/(e+per(jsonl)), "run-ratio")
}

// BenchmarkHTMLMemory writes pages of 100 and 1,000 agencies and reports
// the heap held at the end per agency and the peak heap: the sections are
// not kept, so the peak grows only by the small ranking entries.
func BenchmarkHTMLMemory(b *testing.B) {
	results, _ := benchResults(b)
	model := testModel(b)
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("agencies=%d", n), func(b *testing.B) {
			var peak, held uint64
			for b.Loop() {
				runtime.GC()
				base := heapInUse()
				hw := New(io.Discard, Options{Lang: i18n.EN, Model: model, Several: true})
				i := 0
				err := agencies(results, n, func(r *engine.Result) error {
					if i++; i%50 == 0 {
						peak = max(peak, heapInUse()-min(base, heapInUse()))
					}
					return hw.Write(r)
				})
				if err != nil {
					b.Fatal(err)
				}
				runtime.GC()
				held = max(held, heapInUse()-min(base, heapInUse()))
				if err := hw.Close(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(held)/float64(n), "held-B/agency")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
		})
	}
}

func heapInUse() uint64 {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
