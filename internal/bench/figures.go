package main

import (
	"fmt"

	"os"
	"strings"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// pass is one timed run over some documents: wall time, and the CPU time
// (user + system) of the process doing the work. CPU time barely depends on
// other load on a shared machine; wall time does.
type pass struct {
	docs      int
	wall, cpu time.Duration
}

// measure is the best of the passes of one measurement: the fastest wall
// time and, separately, the least CPU time.
type measure struct {
	docs      int
	wall, cpu time.Duration
}

func (m measure) perDoc() time.Duration { return m.wall / time.Duration(max(m.docs, 1)) }

func (m measure) cpuPerDoc() time.Duration { return m.cpu / time.Duration(max(m.docs, 1)) }

func (m measure) docsPerSecond() float64 { return float64(m.docs) / m.wall.Seconds() }

// figures collects every figure of a run.
type figures struct {
	cfg         config
	machine     machine
	started     time.Time
	elapsed     time.Duration
	measures    map[string]measure
	rss         map[string]int64
	live        map[string]int64 // largest heap live after a GC (impact)
	levels      [5]int
	outputBytes int64
	scaling     []scalePoint
	costCorpora []costCorpus
	// validationCorpora are the corpora of the validation phase.
	validationCorpora []validationCorpus
	plansCorpora      []plansCorpus // the inputs of the plans phase
	selfMaxRSS        int64
	failures          []string
}

func newReport(cfg config, m machine, started time.Time) *figures {
	return &figures{cfg: cfg, machine: m, started: started, measures: map[string]measure{},
		rss: map[string]int64{}, live: map[string]int64{}}
}

// record keeps the best figures of a measurement's passes.
func (r *figures) record(key string, p pass) {
	m, ok := r.measures[key]
	if !ok {
		r.measures[key] = measure(p)
		return
	}
	m.wall, m.cpu = min(m.wall, p.wall), min(m.cpu, p.cpu)
	r.measures[key] = m
}

func (r *figures) has(key string) bool { _, ok := r.measures[key]; return ok }

// ratio divides two figures; ok is false when either is missing.
type ratio struct {
	value float64
	ok    bool
}

// timeRatio is per-document wall time of x over y.
func (r *figures) timeRatio(x, y string) ratio { return r.ratioOf(x, y, measure.perDoc) }

// cpuRatio is per-document CPU time of x over y.
func (r *figures) cpuRatio(x, y string) ratio { return r.ratioOf(x, y, measure.cpuPerDoc) }

func (r *figures) ratioOf(x, y string, of func(measure) time.Duration) ratio {
	mx, okx := r.measures[x]
	my, oky := r.measures[y]
	if !okx || !oky || of(mx) == 0 || of(my) == 0 {
		return ratio{}
	}
	return ratio{float64(of(mx)) / float64(of(my)), true}
}

// speedRatio is wall-time throughput of x over y.
func (r *figures) speedRatio(x, y string) ratio { return r.timeRatio(y, x) }

// cpuSpeedRatio is documents per CPU-second of x over y.
func (r *figures) cpuSpeedRatio(x, y string) ratio { return r.cpuRatio(y, x) }

func (r *figures) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "### Benchmark (%s mode)\n\n", r.cfg.mode)
	fmt.Fprintf(&b, "- Date: %s UTC; run took %s\n", r.started.Format("2006-01-02 15:04"), r.elapsed.Round(time.Second))
	fmt.Fprintf(&b, "- Machine: %s\n", r.machine)
	fmt.Fprintf(&b, "- Load average before the run (1/5/15 min): %s; after: %s\n", r.machine.loadBefore, loadAverage())
	fmt.Fprintf(&b, "- Commit: %s\n", r.machine.commit)
	fmt.Fprintf(&b, "- Command: `go run ./internal/bench %s`\n", strings.Join(os.Args[1:], " "))
	fmt.Fprintf(&b, "- Corpus: %d documents, seed %d, %s; levels 1–4: %v\n\n", r.cfg.docs, r.cfg.seed, sizeText(r.cfg.entities), r.levels[1:])
	for _, f := range r.failures {
		fmt.Fprintf(&b, "- **FAILED** %s\n", strings.SplitN(f, "\n", 2)[0])
	}
	if len(r.failures) > 0 {
		fmt.Fprintln(&b)
	}
	r.throughputTable(&b)
	r.targetTable(&b)
	r.validationTable(&b)
	r.plansTable(&b)
	r.costTable(&b)
	r.scalingTable(&b)
	return b.String()
}

func sizeText(entities int) string {
	s := corpus.Typical
	if entities > 0 {
		s = corpus.Scaled(entities)
	}
	return fmt.Sprintf("each with %d listed enterprises, %d listed standards, %d models, %d group standards, %d trainings",
		s.Enterprises, s.Standards, s.Models, s.GroupStandards, s.Trainings)
}

func (r *figures) throughputTable(b *strings.Builder) {
	fmt.Fprintln(b, "| measurement | documents | docs/s | ms/doc | CPU ms/doc | peak RSS |")
	fmt.Fprintln(b, "|---|---:|---:|---:|---:|---:|")
	rows := []struct{ key, label, rss string }{
		{"a1", "a. forerunner in-process (validate + score + explain + JSON), 1 worker", "self"},
		{"a2", "a. forerunner in-process, 2 workers", "self"},
		{"b1", "b. bare prepared OPA eval, pre-parsed input, 1 worker", "self"},
		{"b2", "b. bare prepared OPA eval, 2 workers", "self"},
		{"c", "c. `opa eval -b policies -i DOC`, one process per document", "c"},
		{"d", "d. `opa run --server`, 2 keep-alive clients (CPU: server only)", "d"},
		{"a2-beside-d", "a. forerunner in-process, 2 workers, alternating with d", "self"},
		{"e-forerunner", fmt.Sprintf("e. cold start `forerunner eval --output json DOC`, median of %d", r.cfg.coldRuns), "e-forerunner"},
		{"e-opa", fmt.Sprintf("e. cold start `opa eval -b policies -i DOC`, median of %d", r.cfg.coldRuns), "e-opa"},
		{"mem", fmt.Sprintf("`forerunner eval --output jsonl DIR`, %d small documents", r.cfg.memDocs), "mem"},
		{"html-jsonl", fmt.Sprintf("`forerunner eval --output jsonl DIR`, %d documents, alternating with html", r.cfg.docs), "html-jsonl"},
		{"html-html", fmt.Sprintf("`forerunner eval --output html DIR`, the same %d documents", r.cfg.docs), "html-html"},
		{"html-tenth", fmt.Sprintf("`forerunner eval --output html DIR`, the first %d of them", r.cfg.docs/10), "html-tenth"},
		{"xlsx-jsonl", fmt.Sprintf("`forerunner eval --output jsonl DIR`, %d documents, alternating with xlsx", r.cfg.docs), "xlsx-jsonl"},
		{"xlsx-xlsx", fmt.Sprintf("`forerunner eval --output xlsx DIR` (results workbook), the same %d documents", r.cfg.docs), "xlsx-xlsx"},
		{"impact-jsonl", fmt.Sprintf("`forerunner eval --output jsonl DIR`, %d documents, alternating with impact", r.cfg.docs), "impact-jsonl"},
		{"impact", fmt.Sprintf("`forerunner impact --output json --bundle EDITED DIR`, the same %d documents", r.cfg.docs), "impact"},
		{"impact-tenth", fmt.Sprintf("`forerunner impact --output json --bundle EDITED DIR`, the first %d of them", r.cfg.docs/10), "impact-tenth"},
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
		fmt.Fprintf(b, "| %s | %d | %.1f | %.3f | %.3f | %s |\n", row.label, m.docs, m.docsPerSecond(), ms(m.perDoc()), ms(m.cpuPerDoc()), mib(rss))
	}
	fmt.Fprintln(b, "\nWall figures are the fastest pass, CPU figures (user + system of the working process) the")
	fmt.Fprintln(b, "least; peak RSS \"self\" is the bench process (corpus in memory included).")
	fmt.Fprintln(b)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func mib(n int64) string {
	if n == 0 {
		return "–"
	}
	return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
}

// target is one goal of the issue and how this run did, by wall-clock time
// and, where it makes sense, by CPU time.
type target struct {
	name, goal string
	wall, cpu  verdict
}

type verdict struct {
	measured   string
	met, known bool
}

func judge(x ratio, format string, met func(float64) bool) verdict {
	if !x.ok {
		return verdict{measured: "–"}
	}
	return verdict{measured: fmt.Sprintf(format, x.value), met: met(x.value), known: true}
}

func (v verdict) String() string {
	if !v.known {
		return v.measured + " | –"
	}
	return v.measured + " | " + map[bool]string{true: "met", false: "**missed**"}[v.met]
}

func (r *figures) targets() []target {
	atMost := func(limit float64) func(float64) bool { return func(v float64) bool { return v <= limit } }
	below := func(limit float64) func(float64) bool { return func(v float64) bool { return v < limit } }
	atLeast := func(limit float64) func(float64) bool { return func(v float64) bool { return v >= limit } }
	growth, where := worstGrowth(r.scaling, func(p scalePoint) time.Duration { return p.a })
	cpuGrowth, cpuWhere := worstGrowth(r.scaling, func(p scalePoint) time.Duration { return p.aCPU })
	return []target{
		{"host overhead a/b (time per document, 1 worker)", "≤ 1.2",
			judge(r.timeRatio("a1", "b1"), "%.2f", atMost(1.2)), judge(r.cpuRatio("a1", "b1"), "%.2f", atMost(1.2))},
		{"throughput a vs d (a: 2 workers; d: 2 clients; alternating)", "≥ 1.0×",
			judge(r.speedRatio("a2-beside-d", "d"), "%.2f×", atLeast(1)), judge(r.cpuSpeedRatio("a2-beside-d", "d"), "%.2f×", atLeast(1))},
		{"throughput a vs c (a: eval's default, 2 workers = GOMAXPROCS; c: one opa process per document)", "≥ 30×",
			judge(r.speedRatio("a2", "c"), "%.1f×", atLeast(30)), judge(r.cpuSpeedRatio("a2", "c"), "%.1f×", atLeast(30))},
		{"throughput a vs c with a on 1 worker", "≥ 30×",
			judge(r.speedRatio("a1", "c"), "%.1f×", atLeast(30)), judge(r.cpuSpeedRatio("a1", "c"), "%.1f×", atLeast(30))},
		{"cold start e: forerunner / opa eval (median)", "≤ 0.8×",
			judge(r.timeRatio("e-forerunner", "e-opa"), "%.2f×", atMost(0.8)), judge(r.cpuRatio("e-forerunner", "e-opa"), "%.2f×", atMost(0.8))},
		{"2 workers vs 1 (a); CPU column: 2 × CPU(1 worker) / CPU(2 workers), the speed-up 2 idle cores would give", "≥ 1.8×",
			judge(r.speedRatio("a2", "a1"), "%.2f×", atLeast(1.8)), judge(scaleBy(r.cpuSpeedRatio("a2", "a1"), 2), "%.2f×", atLeast(1.8))},
		{fmt.Sprintf("linear scaling: worst per-document time growth per 10× entities (a; wall %s, CPU %s)", where, cpuWhere),
			fmt.Sprintf("≤ %.1f× (linear: ≤ 10×)", growthLimit),
			judge(ratio{growth, len(r.scaling) > 1}, "%.1f×", atMost(growthLimit)), judge(ratio{cpuGrowth, len(r.scaling) > 1}, "%.1f×", atMost(growthLimit))},
		{fmt.Sprintf("peak RSS of eval --output jsonl over %d documents", r.cfg.memDocs), "< 150 MiB",
			judge(ratio{float64(r.rss["mem"]) / (1 << 20), r.rss["mem"] > 0}, "%.1f MiB", func(v float64) bool { return v < memoryLimit>>20 }),
			verdict{measured: "–"}},
		{fmt.Sprintf("html page: time of eval --output html / --output jsonl, same %d documents, alternating", r.cfg.docs), "≤ 2.0×",
			judge(r.timeRatio("html-html", "html-jsonl"), "%.2f×", atMost(2)), judge(r.cpuRatio("html-html", "html-jsonl"), "%.2f×", atMost(2))},
		{fmt.Sprintf("html page: peak RSS of eval --output html / --output jsonl, same %d documents", r.cfg.docs), "≤ 1.25×",
			judge(r.rssRatio("html-html", "html-jsonl"), "%.2f×", atMost(1.25)), verdict{measured: "–"}},
		{fmt.Sprintf("html page: peak RSS of eval --output html, %d documents / %d (from %d)", r.cfg.docs, r.cfg.docs/10, htmlTenthFrom), "flat: ≤ 1.25×",
			judge(r.rssRatio("html-html", "html-tenth"), "%.2f×", atMost(1.25)), verdict{measured: "–"}},
		{fmt.Sprintf("results workbook: time of eval --output xlsx / --output jsonl, same %d documents, alternating", r.cfg.docs), "< 2.0×",
			judge(r.timeRatio("xlsx-xlsx", "xlsx-jsonl"), "%.2f×", below(2)), judge(r.cpuRatio("xlsx-xlsx", "xlsx-jsonl"), "%.2f×", below(2))},
		{fmt.Sprintf("results workbook: peak RSS of eval --output xlsx, %d documents", r.cfg.docs), "< 300 MB (286 MiB)",
			judge(ratio{float64(r.rss["xlsx-xlsx"]) / (1 << 20), r.rss["xlsx-xlsx"] > 0}, "%.1f MiB", below(300e6/(1<<20))), verdict{measured: "–"}},
		{fmt.Sprintf("impact: time of impact --output json / eval --output jsonl, same %d documents, alternating", r.cfg.docs), "≤ 2.2×",
			judge(r.timeRatio("impact", "impact-jsonl"), "%.2f×", atMost(2.2)), judge(r.cpuRatio("impact", "impact-jsonl"), "%.2f×", atMost(2.2))},
		{fmt.Sprintf("impact: largest heap live after a GC, impact --output json, %d documents / %d (from %d)", r.cfg.docs, r.cfg.docs/10, htmlTenthFrom), "flat: ≤ 1.25×",
			judge(r.liveRatio("impact", "impact-tenth"), "%.2f×", atMost(1.25)), verdict{measured: "–"}},
	}
}

// liveRatio is the largest live heap of run x over that of run y.
func (r *figures) liveRatio(x, y string) ratio {
	if r.live[x] == 0 || r.live[y] == 0 {
		return ratio{}
	}
	return ratio{float64(r.live[x]) / float64(r.live[y]), true}
}

// rssRatio is the peak RSS of run x over that of run y.
func (r *figures) rssRatio(x, y string) ratio {
	if r.rss[x] == 0 || r.rss[y] == 0 {
		return ratio{}
	}
	return ratio{float64(r.rss[x]) / float64(r.rss[y]), true}
}

func scaleBy(x ratio, f float64) ratio { return ratio{x.value * f, x.ok} }

func (r *figures) targetTable(b *strings.Builder) {
	fmt.Fprintln(b, "| target | goal | wall clock | | CPU time | |")
	fmt.Fprintln(b, "|---|---|---:|---|---:|---|")
	for _, t := range r.targets() {
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", t.name, t.goal, t.wall, t.cpu)
	}
	fmt.Fprintln(b)
}

func (r *figures) scalingTable(b *strings.Builder) {
	if len(r.scaling) == 0 {
		return
	}
	fmt.Fprintln(b, "Scaling: n listed enterprises, n listed standards and n declared models per document (1 worker, fastest pass):")
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| n | documents | KiB/doc | a ms/doc | a CPU ms/doc | b ms/doc | b CPU ms/doc | a/b CPU |")
	fmt.Fprintln(b, "|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, p := range r.scaling {
		fmt.Fprintf(b, "| %d | %d | %.1f | %.3f | %.3f | %.3f | %.3f | %.2f |\n", p.entities, p.docs, float64(p.bytes)/1024,
			ms(p.a), ms(p.aCPU), ms(p.b), ms(p.bCPU), float64(p.aCPU)/float64(max(p.bCPU, 1)))
	}
	fmt.Fprintln(b)
}
