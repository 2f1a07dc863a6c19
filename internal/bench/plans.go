package main

import (
	"context"
	"fmt"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/forerunner-project/forerunner/internal/cputime"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/loader"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown/cache"
)

// The plans phase (issue 17): what next_level.plans add to a typical
// decision. The bundle is evaluated by OPA alone (prepared query, 1 worker)
// as it is and with plans.rego replaced by the stub BenchmarkPlans uses too
// (policies.WithoutPlans), document by document, each first in turn, in
// rounds; the median round's ratio is judged. The goal is at most 10 % more.

// plansGoal is the most the plans may add: with / without ≤ 1.10.
const plansGoal = 1.10

// plansTargets are the typical documents of one level each (seed 42, as
// BenchmarkPlans takes them), then the corpus's mix.
var plansTargets = []corpus.Target{corpus.Level2, corpus.Level3, corpus.Level4}

// plansCorpus is one input of the phase: one typical document of a level,
// repeated, or the start of the bench corpus (the default mix).
type plansCorpus struct {
	name, label string
	docs        []document
	// cpu and wall are each round's with / without ratio (thread CPU, wall
	// time): the two sides of a round ran interleaved, document by document.
	cpu, wall []float64
}

// plansRepeats is how many times a single document is evaluated per pass;
// plansMixDocs caps the mix, so that full mode stays within minutes.
func (c config) plansRepeats() int {
	if c.mode == "full" {
		return 100
	}
	return 30
}

const plansMixDocs = 200

func plansCorpora(e *env) ([]plansCorpus, error) {
	var out []plansCorpus
	for _, t := range plansTargets {
		doc, _ := corpus.Generator{Size: e.size}.ForTarget(42, t)
		raw, err := doc.JSON()
		if err != nil {
			return nil, err
		}
		docs := make([]document, e.cfg.plansRepeats())
		for i := range docs {
			docs[i] = document{name: string(t) + ".json", raw: raw}
		}
		out = append(out, plansCorpus{name: string(t), label: fmt.Sprintf("typical level-%c document (%d times)", t[1], len(docs)), docs: docs})
	}
	mix := e.docs[:min(plansMixDocs, len(e.docs))]
	return append(out, plansCorpus{name: "mix", label: fmt.Sprintf("the corpus's mix, levels 1–4 and vetoes (%d documents)", len(mix)), docs: mix}), nil
}

func plansKey(what, corpus string) string { return "plans/" + what + "/" + corpus }

// parsedBundleFloor is a floor over a bundle already read (and changed).
func parsedBundleFloor(ctx context.Context, b *bundle.Bundle) (*floor, error) {
	query, err := rego.New(rego.Query(engine.DecisionPath), rego.ParsedBundle("forerunner", b)).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return &floor{query: query, values: cache.NewInterQueryValueCache(ctx, nil)}, nil
}

// plansBundles reads the bundle twice, without its tests (the stub lacks
// what the plans' tests call): as it is, and without the plans.
func plansBundles(dir string) (with, without *bundle.Bundle, err error) {
	read := func() (*bundle.Bundle, error) {
		return loader.NewFileLoader().WithFilter(func(_ string, info fs.FileInfo, _ int) bool {
			return strings.HasSuffix(info.Name(), "_test.rego")
		}).AsBundle(dir)
	}
	if with, err = read(); err != nil {
		return nil, nil, err
	}
	if without, err = read(); err != nil {
		return nil, nil, err
	}
	return with, without, policies.WithoutPlans(without)
}

// runPlans is the plans phase.
func runPlans(ctx context.Context, e *env, rep *figures) error {
	corpora, err := plansCorpora(e)
	if err != nil {
		return err
	}
	with, without, err := plansBundles(e.policies)
	if err != nil {
		return err
	}
	pair := [2]*floor{}
	for i, b := range []*bundle.Bundle{with, without} {
		if pair[i], err = parsedBundleFloor(ctx, b); err != nil {
			return err
		}
	}
	if _, err := alternate(ctx, pair, e.docs[:min(warmUp, len(e.docs))], 0); err != nil { // warm caches
		return err
	}
	for round := range e.cfg.rounds() * 2 {
		logf("  round %d of %d", round+1, e.cfg.rounds()*2)
		for i, c := range corpora {
			passes, err := alternate(ctx, pair, c.docs, round)
			if err != nil {
				return fmt.Errorf("plans/%s: %w", c.name, err)
			}
			rep.record(plansKey("with", c.name), passes[0])
			rep.record(plansKey("without", c.name), passes[1])
			c.cpu = append(c.cpu, float64(passes[0].cpu)/float64(passes[1].cpu))
			c.wall = append(c.wall, float64(passes[0].wall)/float64(passes[1].wall))
			corpora[i] = c
			logf("    %s: with / without %.3f thread CPU, %.3f wall", c.name, c.cpu[len(c.cpu)-1], c.wall[len(c.wall)-1])
		}
	}
	rep.plansCorpora = corpora
	return nil
}

// alternate evaluates each document with both queries of pair, in turn first,
// and times each evaluation in wall time and in the
// evaluating thread's CPU time (which a loaded machine barely changes), as
// BenchmarkPlans does: one pass for each query.
func alternate(ctx context.Context, pair [2]*floor, docs []document, round int) ([2]pass, error) {
	inputs, err := parseInputs(docs)
	if err != nil {
		return [2]pass{}, err
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var passes [2]pass
	eval := func(q, i int) error {
		_, err := pair[q].query.Eval(ctx, rego.EvalParsedInput(inputs[i]), rego.EvalInterQueryBuiltinValueCache(pair[q].values))
		return err
	}
	runtime.GC() // the parsing's garbage is not the pass's
	for i := range inputs {
		for k := range 2 {
			q := (i + k + round) % 2
			start, startCPU := time.Now(), cputime.Thread()
			if err := eval(q, i); err != nil {
				return passes, err
			}
			passes[q].cpu += time.Duration(cputime.Thread() - startCPU)
			passes[q].wall += time.Since(start)
			passes[q].docs++
		}
	}
	return passes, nil
}

// plansTable prints the phase's figures and judges the median round against
// the goal.
func (r *figures) plansTable(b *strings.Builder) {
	if len(r.plansCorpora) == 0 {
		return
	}
	fmt.Fprintf(b, "Plans to the next level (bare prepared OPA evaluation of the result, 1 worker; each document evaluated with and without the plans, each first in turn; %d rounds; CPU: the evaluating thread's; \"without\": plans.rego replaced by the stub of BenchmarkPlans):\n\n",
		r.cfg.rounds()*2)
	fmt.Fprintf(b, "| input | result without plans, thread CPU ms/doc (best round) | result with plans | with / without, wall (median round) | with / without, thread CPU: median round (goal ≤ %.2f), range |\n", plansGoal)
	fmt.Fprintln(b, "|---|---:|---:|---:|---:|")
	for _, c := range r.plansCorpora {
		k := func(what string) string { return plansKey(what, c.name) }
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s, %s |\n", c.label, r.cpuMS(k("without")), r.cpuMS(k("with")),
			fmtRatio(medianRatio(c.wall)), judgeText(medianRatio(c.cpu), plansGoal), spread(c.cpu))
	}
	fmt.Fprintln(b)
}

// medianRatio is the median of the rounds' ratios.
func medianRatio(xs []float64) ratio { return ratio{median(xs), len(xs) > 0} }

// spread is the rounds' lowest and highest ratio.
func spread(xs []float64) string {
	if len(xs) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f–%.2f", slices.Min(xs), slices.Max(xs))
}
