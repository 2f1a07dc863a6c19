package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// measure is the fastest pass of one measurement.
type measure struct {
	docs    int
	elapsed time.Duration
}

func (m measure) perDoc() time.Duration { return m.elapsed / time.Duration(max(m.docs, 1)) }

func (m measure) docsPerSecond() float64 { return float64(m.docs) / m.elapsed.Seconds() }

// figures collects every figure of a run.
type figures struct {
	cfg         config
	machine     machine
	started     time.Time
	elapsed     time.Duration
	measures    map[string]measure
	rss         map[string]int64
	cold        map[string]time.Duration
	levels      [5]int
	outputBytes int64
	scaling     []scalePoint
	selfMaxRSS  int64
}

func newReport(cfg config, m machine, started time.Time) *figures {
	return &figures{cfg: cfg, machine: m, started: started, measures: map[string]measure{},
		rss: map[string]int64{}, cold: map[string]time.Duration{}}
}

// record keeps the fastest pass of a measurement.
func (r *figures) record(key string, docs int, elapsed time.Duration) {
	if m, ok := r.measures[key]; !ok || elapsed < m.elapsed {
		r.measures[key] = measure{docs: docs, elapsed: elapsed}
	}
}

func (r *figures) has(key string) bool { _, ok := r.measures[key]; return ok }

// ratio divides two figures; ok is false when either is missing.
type ratio struct {
	value float64
	ok    bool
}

// timeRatio is per-document time of x over y.
func (r *figures) timeRatio(x, y string) ratio {
	mx, okx := r.measures[x]
	my, oky := r.measures[y]
	if !okx || !oky {
		return ratio{}
	}
	return ratio{float64(mx.perDoc()) / float64(my.perDoc()), true}
}

// speedRatio is throughput of x over y.
func (r *figures) speedRatio(x, y string) ratio { return r.timeRatio(y, x) }

func (r *figures) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Benchmark (%s mode)\n\n", r.cfg.mode)
	fmt.Fprintf(&b, "- Date: %s UTC; run took %s\n", r.started.Format("2006-01-02 15:04"), r.elapsed.Round(time.Second))
	fmt.Fprintf(&b, "- Machine: %s\n", r.machine)
	fmt.Fprintf(&b, "- Load average before the run (1/5/15 min): %s; after: %s\n", r.machine.loadBefore, loadAverage())
	fmt.Fprintf(&b, "- Commit: %s\n", r.machine.commit)
	fmt.Fprintf(&b, "- Command: `go run ./internal/bench %s`\n", strings.Join(os.Args[1:], " "))
	fmt.Fprintf(&b, "- Corpus: %d documents, seed %d, size %s; levels 1–4: %v\n\n", r.cfg.docs, r.cfg.seed, sizeText(), r.levels[1:])
	r.throughputTable(&b)
	r.targetTable(&b)
	r.scalingTable(&b)
	return b.String()
}

func sizeText() string {
	return "typical (6 listed enterprises, 10 listed standards, 120 models, 5 group standards, 5 trainings)"
}

func (r *figures) throughputTable(b *strings.Builder) {
	fmt.Fprintln(b, "| measurement | documents | docs/s | ms/doc | peak RSS |")
	fmt.Fprintln(b, "|---|---:|---:|---:|---:|")
	rows := []struct{ key, label, rss string }{
		{"a1", "a. forerunner in-process (validate + score + explain + JSON), 1 worker", "self"},
		{"a2", "a. forerunner in-process, 2 workers", "self"},
		{"b1", "b. bare prepared OPA eval, pre-parsed input, 1 worker", "self"},
		{"b2", "b. bare prepared OPA eval, 2 workers", "self"},
		{"c", "c. `opa eval -b policies -i DOC`, one process per document", "c"},
		{"d", "d. `opa run --server`, 2 keep-alive clients", "d"},
		{"a2-beside-d", "a. forerunner in-process, 2 workers, alternating with d", "self"},
		{"mem", fmt.Sprintf("`forerunner eval --output jsonl DIR`, %d small documents", r.cfg.memDocs), "mem"},
	}
	for _, row := range rows {
		m, ok := r.measures[row.key]
		if !ok {
			continue
		}
		rss := r.selfMaxRSS
		if row.rss != "self" {
			rss = r.rss[row.rss]
		}
		fmt.Fprintf(b, "| %s | %d | %.1f | %.3f | %s |\n", row.label, m.docs, m.docsPerSecond(), ms(m.perDoc()), mib(rss))
	}
	for _, c := range []struct{ key, label string }{
		{"e-forerunner", "e. cold start `forerunner eval --output json DOC`"},
		{"e-opa", "e. cold start `opa eval -b policies -i DOC`"},
	} {
		if d, ok := r.cold[c.key]; ok {
			fmt.Fprintf(b, "| %s, median of %d | 1 | %.1f | %.3f | %s |\n", c.label, r.cfg.coldRuns, 1/d.Seconds(), ms(d), mib(r.rss[c.key]))
		}
	}
	fmt.Fprintln(b, "\nPeak RSS \"self\" is the bench process (corpus in memory included).")
	fmt.Fprintln(b)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mib(n int64) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// target is one goal of the issue and how this run did.
type target struct {
	name, goal, measured string
	met, known           bool
}

func (r *figures) targets() []target {
	var ts []target
	add := func(name, goal string, x ratio, format string, met func(float64) bool) {
		t := target{name: name, goal: goal, measured: "not measured"}
		if x.ok {
			t.measured, t.met, t.known = fmt.Sprintf(format, x.value), met(x.value), true
		}
		ts = append(ts, t)
	}
	add("host overhead a/b (time per document, 1 worker)", "≤ 1.2", r.timeRatio("a1", "b1"), "%.2f", func(v float64) bool { return v <= 1.2 })
	add("throughput a vs d (2 workers vs 2 clients, alternating)", "≥ 1.0×", r.speedRatio("a2-beside-d", "d"), "%.2f×", func(v float64) bool { return v >= 1.0 })
	add("throughput a vs c (1 worker vs one opa process per document)", "≥ 30×", r.speedRatio("a1", "c"), "%.1f×", func(v float64) bool { return v >= 30 })
	add("cold start e: forerunner / opa eval (median wall time)", "≤ 0.8×", r.coldRatio(), "%.2f×", func(v float64) bool { return v <= 0.8 })
	add("2 workers vs 1 (a)", "≥ 1.8×", r.speedRatio("a2", "a1"), "%.2f×", func(v float64) bool { return v >= 1.8 })
	growth, where := worstGrowth(r.scaling, func(p scalePoint) time.Duration { return p.a })
	add("linear scaling: worst per-document time growth per 10× entities (a) "+where, fmt.Sprintf("≤ %.1f× (linear: ≤ 10×)", growthLimit),
		ratio{growth, len(r.scaling) > 1}, "%.1f×", func(v float64) bool { return v <= growthLimit })
	mem := ratio{float64(r.rss["mem"]) / (1 << 20), r.rss["mem"] > 0}
	add(fmt.Sprintf("peak RSS of eval --output jsonl over %d documents", r.cfg.memDocs), "< 150 MiB", mem, "%.1f MiB",
		func(v float64) bool { return v < memoryLimit>>20 })
	return ts
}

func (r *figures) coldRatio() ratio {
	f, okf := r.cold["e-forerunner"]
	o, oko := r.cold["e-opa"]
	if !okf || !oko {
		return ratio{}
	}
	return ratio{float64(f) / float64(o), true}
}

func (r *figures) targetTable(b *strings.Builder) {
	fmt.Fprintln(b, "| target | goal | measured | |")
	fmt.Fprintln(b, "|---|---|---:|---|")
	for _, t := range r.targets() {
		verdict := "–"
		if t.known {
			verdict = map[bool]string{true: "met", false: "**missed**"}[t.met]
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", t.name, t.goal, t.measured, verdict)
	}
	fmt.Fprintln(b)
}

func (r *figures) scalingTable(b *strings.Builder) {
	if len(r.scaling) == 0 {
		return
	}
	fmt.Fprintln(b, "Scaling: n listed enterprises, n listed standards and n declared models per document (1 worker, fastest pass):")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| n | documents | KiB/doc | a ms/doc | b ms/doc | a/b |")
	fmt.Fprintln(b, "|---:|---:|---:|---:|---:|---:|")
	for _, p := range r.scaling {
		fmt.Fprintf(b, "| %d | %d | %.1f | %.3f | %.3f | %.2f |\n", p.entities, p.docs, float64(p.bytes)/1024,
			ms(p.a), ms(p.b), float64(p.a)/float64(max(p.b, 1)))
	}
	fmt.Fprintln(b)
}
