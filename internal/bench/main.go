// Command bench measures forerunner against upstream OPA on one synthetic
// corpus and one bundle, and prints a Markdown table of the figures:
//
//	go run ./internal/bench              # quick mode, CI size (< 2 min)
//	go run ./internal/bench -mode full   # the README figures
//
// Measurements, each side by side in the same run (absolute times on shared
// machines are noisy; the ratios are what matters):
//
//	a  forerunner in-process batch: validate + score + explain + JSON output
//	b  bare prepared OPA evaluation of the same bundle on pre-parsed inputs
//	c  upstream `opa eval -b policies -i DOC data.forerunner.v1.result`, one process per document
//	d  upstream `opa run --server` on 127.0.0.1, 2 concurrent keep-alive clients
//	e  cold start: whole-process wall time of `forerunner eval` vs `opa eval`, one document
//	valid  in-bundle validation: the typical decision of b with and without the
//	       bundle validating its input, and data.forerunner.v1.validate alone
//	plans  next_level.plans: the decision with and without them on typical
//	       level-2, 3 and 4 documents and the corpus's mix, with OPA's default
//	       store and with the engine's (goal ≤ 1.10)
//	cost  decision cost on typical, next-day-notice, late-notice and 10× corpora:
//	      current vs previous bundle, `eval --output jsonl` vs `opa run --server`
//	impact  `forerunner impact --output json` (embedded vs an edited bundle) vs
//	      `eval --output jsonl` over the same documents, and impact's peak RSS
//
// plus scaling (1…1000 listed enterprises/standards/models, 1 vs 2 workers)
// and peak RSS of `forerunner eval --output jsonl` over a large directory.
//
// The bench imports OPA's rego package itself for (b): the floor has to be
// OPA alone, not our engine.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"
)

// previousRevision is the bundle the decision-cost phase compares with by
// default: main before issue 16 (constant-time working days, hot paths
// rewritten).
const previousRevision = "2a8e273"

// config is the whole run's parameters.
type config struct {
	mode        string
	root        string // repository root (policies/, cmd/forerunner)
	docs        int    // corpus size for a, b, d
	cliSample   int    // documents for c
	coldRuns    int    // runs of each binary for e
	memDocs     int    // documents for the memory run
	scales      []int  // listed enterprises/standards/models per document
	scaleBudget int    // documents × entities per scaling point
	seed        int64
	opaPath     string // prebuilt opa binary; empty builds one from go.mod
	forerunner  string // prebuilt forerunner binary; empty builds one
	out         string // also write the Markdown report here
	cpuProfile  string // CPU profile of phase a (1 worker)
	memProfile  string // heap profile after phase a
	skip        map[string]bool
	keep        bool   // keep the temporary directory
	bundleDir   bool   // forerunner CLI runs use --bundle policies instead of the embedded copy
	entities    int    // corpus of a–e: corpus.Scaled(entities) instead of corpus.Typical
	costDocs    int    // documents per corpus of the decision-cost phase
	previous    string // git revision of the previous bundle (decision-cost phase)
}

func parseFlags(args []string) (config, error) {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	c := config{}
	var scales, skip string
	fs.StringVar(&c.mode, "mode", "quick", "quick (CI size, < 2 min) or full (README figures)")
	fs.StringVar(&c.root, "root", ".", "repository root")
	fs.IntVar(&c.docs, "n", 0, "documents for a, b and d (default quick 100, full 1000)")
	fs.IntVar(&c.cliSample, "sample", 0, "documents for c, one opa process each (default quick 5, full 40)")
	fs.IntVar(&c.coldRuns, "cold", 0, "runs of each binary for e, at least 10 (default quick 10, full 21)")
	fs.IntVar(&c.memDocs, "mem", 0, "documents for the memory run (default quick 1000, full 100000)")
	fs.IntVar(&c.scaleBudget, "scale-budget", 0, "documents × entities per scaling point (default quick 1000, full 15000)")
	fs.StringVar(&scales, "scales", "", "listed enterprises/standards/models per document for scaling (default quick 1,10,100, full 1,10,100,1000)")
	fs.Int64Var(&c.seed, "seed", 1, "corpus seed")
	fs.IntVar(&c.entities, "entities", 0, "corpus of a–e with this many listed enterprises/standards/models (default: typical size)")
	fs.IntVar(&c.costDocs, "cost-docs", 0, "documents per corpus of the decision-cost phase (default quick 30, full 200; the 10× corpus a tenth)")
	fs.StringVar(&c.previous, "previous", previousRevision, "previous bundle of the decision-cost phase: a bundle directory, or a git revision whose policies/ it is")
	fs.StringVar(&c.opaPath, "opa", "", "opa binary to use (default: build from go.mod into a temp dir)")
	fs.StringVar(&c.forerunner, "forerunner", "", "forerunner binary to use (default: build ./cmd/forerunner into a temp dir)")
	fs.StringVar(&c.out, "out", "", "also write the Markdown report to this file")
	fs.StringVar(&c.cpuProfile, "cpuprofile", "", "write a CPU profile of phase a (1 worker)")
	fs.StringVar(&c.memProfile, "memprofile", "", "write a heap profile after phase a")
	fs.StringVar(&skip, "skip", "", "comma-separated phases to skip: ab,valid,plans,cost,c,d,e,scale,mem,html,impact,xlsx")
	fs.BoolVar(&c.keep, "keep", false, "keep the temporary directory")
	fs.BoolVar(&c.bundleDir, "bundle-dir", false, "run the forerunner binary with --bundle policies instead of its embedded bundle (same files)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if err := c.applyMode(); err != nil {
		return c, err
	}
	if scales == "" {
		scales = map[string]string{"quick": "1,10,100", "full": "1,10,100,1000"}[c.mode]
	}
	var err error
	if c.scales, err = parseInts(scales); err != nil {
		return c, err
	}
	c.skip = map[string]bool{}
	for _, s := range strings.Split(skip, ",") {
		if s = strings.TrimSpace(s); s != "" {
			c.skip[s] = true
		}
	}
	return c, nil
}

// applyMode fills the counts a flag did not set.
func (c *config) applyMode() error {
	defaults := map[string][6]int{ // docs, sample, cold, mem, scaleBudget, costDocs
		"quick": {100, 5, 10, 1000, 1000, 30},
		"full":  {1000, 40, 21, 100000, 15000, 200},
	}
	d, ok := defaults[c.mode]
	if !ok {
		return fmt.Errorf("unknown -mode %q (quick or full)", c.mode)
	}
	for i, p := range []*int{&c.docs, &c.cliSample, &c.coldRuns, &c.memDocs, &c.scaleBudget, &c.costDocs} {
		if *p == 0 {
			*p = d[i]
		}
	}
	if c.coldRuns < 10 {
		return fmt.Errorf("-cold %d: the cold-start median needs at least 10 runs", c.coldRuns)
	}
	return nil
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		var n int
		if _, err := fmt.Sscan(strings.TrimSpace(f), &n); err != nil || n < 0 {
			return nil, fmt.Errorf("bad number %q in %q", f, s)
		}
		out = append(out, n)
	}
	return out, nil
}

func main() {
	if len(os.Args) > 2 && os.Args[1] == childFlag {
		os.Exit(runChild(os.Args[2:]))
	}
	cfg, err := parseFlags(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, cfg config) error {
	started := time.Now()
	env, err := setup(ctx, cfg)
	if err != nil {
		return err
	}
	defer env.cleanup()
	rep := newReport(cfg, describeMachine(ctx, cfg.root), started.UTC())
	for _, phase := range phases {
		if cfg.skip[phase.name] {
			continue
		}
		logf("phase %s: %s", phase.name, phase.title)
		if err := phase.run(ctx, env, rep); err != nil {
			// One failed phase must not cost the figures of the others.
			logf("phase %s failed: %v", phase.name, err)
			rep.failures = append(rep.failures, fmt.Sprintf("phase %s: %v", phase.name, err))
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	rep.selfMaxRSS = selfMaxRSS()
	rep.elapsed = time.Since(started)
	text := rep.markdown()
	fmt.Print(text)
	if cfg.out != "" {
		if err := os.WriteFile(cfg.out, []byte(text), 0o644); err != nil {
			return err
		}
	}
	if len(rep.failures) > 0 {
		return fmt.Errorf("%d phase(s) failed", len(rep.failures))
	}
	return nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s bench: %s\n", time.Now().UTC().Format("15:04:05"), fmt.Sprintf(format, args...))
}

// phases run in this order; each records its figures in the report.
var phases = []struct {
	name, title string
	run         func(context.Context, *env, *figures) error
}{
	{"ab", "a. forerunner in-process batch, b. bare prepared OPA evaluation, alternating", runInProcess},
	{"valid", "in-bundle validation: typical decision with and without it, and the validate decision", runValidation},
	{"plans", "plans to the next level: the decision with and without them, levels 2–4 and the mix", runPlans},
	{"cost", "decision cost: typical, next-day and late notices, 10× lists; current vs previous bundle, jsonl vs opa server", runCost},
	{"c", "upstream opa eval, one process per document", runOPAEval},
	{"d", "upstream opa run --server, 2 keep-alive clients", runOPAServer},
	{"e", "cold start, forerunner eval vs opa eval", runColdStart},
	{"scale", "scaling with listed enterprises/standards/models", runScaling},
	{"mem", "memory: forerunner eval --output jsonl over a directory", runMemory},
	{"html", "forerunner eval --output html vs --output jsonl over the same directory, alternating", runHTML},
	{"xlsx", "forerunner eval --output xlsx (results workbook) vs --output jsonl over the same directory, alternating", runXLSX},
	{"impact", "forerunner impact --output json vs eval --output jsonl over the same directory, alternating", runImpact},
}

// withCPUProfile runs fn under a CPU profile written to path (when set).
func withCPUProfile(path string, fn func() error) error {
	if path == "" {
		return fn()
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := pprof.StartCPUProfile(f); err != nil {
		return err
	}
	defer pprof.StopCPUProfile()
	return fn()
}

func writeHeapProfile(path string) error {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	runtime.GC()
	return pprof.WriteHeapProfile(f)
}
