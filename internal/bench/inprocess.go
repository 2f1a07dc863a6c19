package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/report"
	"github.com/forerunner-project/forerunner/internal/runner"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown/cache"
)

// pipeline is (a): what `forerunner eval --output json FILE...` does, in
// process: the engine's ordered worker pool reads, validates and scores each
// file, and the report writer prints each result as JSON.
type pipeline struct {
	eng *engine.Engine
}

func newPipeline(ctx context.Context, policies string) (*pipeline, error) {
	// A generous timeout: on a loaded machine a 1,000-entity document can take
	// longer than eval's default, and a timeout would lose the figure.
	eng, err := engine.Load(ctx, engine.LoadOptions{Path: policies}, engine.Options{Timeout: 5 * time.Minute, InputValidated: true})
	if err != nil {
		return nil, err
	}
	return &pipeline{eng: eng}, nil
}

// run scores docs with workers and writes the JSON report to w; levels, when
// not nil, counts the results per level.
func (p *pipeline) run(ctx context.Context, docs []document, workers int, levels *[5]int) (pass, int64, error) {
	paths := make([]string, len(docs))
	for i, d := range docs {
		paths[i] = d.path
	}
	out := &countingWriter{}
	runtime.GC() // start from the same clean heap as every other pass
	start, cpu := time.Now(), selfCPU()
	jsonFormat, _ := report.Lookup("json")
	w := jsonFormat.New(out, report.Options{Lang: i18n.EN, Inputs: len(paths), Model: p.eng.Model()})
	err := runner.Run(ctx, p.eng, evidence.FileInputs(paths), runner.Options{Workers: workers}, func(o *runner.Outcome) error {
		if err := outcomeError(o); err != nil {
			return err
		}
		if levels != nil {
			levels[o.Result.Level.Level]++
		}
		return w.Write(o.Result)
	})
	if err == nil {
		err = w.Close()
	}
	return pass{docs: len(docs), wall: time.Since(start), cpu: selfCPU() - cpu}, out.n.Load(), err
}

// outcomeError turns anything but a scored document into an error: the
// corpus is valid, so a failure is a bug to report, not a figure.
func outcomeError(o *runner.Outcome) error {
	switch {
	case !o.Valid():
		return fmt.Errorf("%s: generated document invalid: %s %s", o.Path, o.Diagnostics.Errors()[0].Pointer, o.Diagnostics.Errors()[0].Message.EN)
	case o.Err != nil:
		return fmt.Errorf("%s: %w", o.Path, o.Err)
	case !o.Result.Scored():
		return fmt.Errorf("%s: not scored: %s", o.Path, o.Result.Errors[0].EN)
	}
	return nil
}

// floor is (b): the bundle prepared by OPA alone, fed pre-parsed inputs.
// The inputs are parsed before each pass and dropped after it (untimed):
// held all along, they would enlarge the heap every garbage collection of
// the other passes has to mark, and so slow (a) down for a reason a real
// eval run does not have.
type floor struct {
	query  rego.PreparedEvalQuery
	docs   []document
	inputs []ast.Value
	// values keeps json.match_schema's compiled evidence schema between
	// decisions, as `opa run --server` and forerunner's engine do.
	values cache.InterQueryValueCache
}

func newFloor(ctx context.Context, policies string, docs []document) (*floor, error) {
	return newQueryFloor(ctx, policies, engine.DecisionPath, docs)
}

// newQueryFloor is a floor that evaluates another decision of the bundle.
func newQueryFloor(ctx context.Context, policies, decision string, docs []document) (*floor, error) {
	query, err := rego.New(rego.Query(decision), rego.LoadBundle(policies)).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	return &floor{query: query, docs: docs, values: cache.NewInterQueryValueCache(ctx, nil)}, nil
}

func parseInputs(docs []document) ([]ast.Value, error) {
	inputs := make([]ast.Value, len(docs))
	for i, d := range docs {
		dec := json.NewDecoder(bytes.NewReader(d.raw))
		dec.UseNumber()
		var v any
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		value, err := ast.InterfaceToValue(v)
		if err != nil {
			return nil, err
		}
		inputs[i] = value
	}
	return inputs, nil
}

func (f *floor) one(ctx context.Context, i int) error {
	rs, err := f.query.Eval(ctx, rego.EvalParsedInput(f.inputs[i]), rego.EvalInterQueryBuiltinValueCache(f.values))
	if err == nil && len(rs) == 0 {
		err = fmt.Errorf("document %d: undefined decision", i)
	}
	return err
}

// parallel calls fn(i) for i in [0, n) on workers goroutines and returns the
// wall time; it stops at the first error.
func parallel(workers, n int, fn func(worker, i int) error) (time.Duration, error) {
	var next atomic.Int64
	var failed atomic.Pointer[error]
	var wg sync.WaitGroup
	start := time.Now()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for failed.Load() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				if err := fn(w, i); err != nil {
					failed.CompareAndSwap(nil, &err)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	if err := failed.Load(); err != nil {
		return elapsed, *err
	}
	return elapsed, nil
}

// countingWriter discards output but counts it, so the output is produced for real.
type countingWriter struct{ n atomic.Int64 }

func (c *countingWriter) Write(p []byte) (int, error) { c.n.Add(int64(len(p))); return len(p), nil }

func (f *floor) run(ctx context.Context, workers int) (pass, error) {
	inputs, err := parseInputs(f.docs)
	if err != nil {
		return pass{}, err
	}
	f.inputs = inputs
	defer func() { f.inputs = nil }()
	runtime.GC() // the parsing's garbage is not the pass's
	cpu := selfCPU()
	wall, err := parallel(workers, len(inputs), func(_, i int) error { return f.one(ctx, i) })
	return pass{docs: len(inputs), wall: wall, cpu: selfCPU() - cpu}, err
}

// rounds is how many alternating passes each in-process measurement gets;
// the best pass counts (the least disturbed by other load on the machine).
func (c config) rounds() int {
	if c.mode == "full" {
		return 3
	}
	return 1
}

// warmUp is how many documents warm caches before the timed passes.
const warmUp = 20

// runInProcess measures a and b, alternating, with 1 and with 2 workers.
func runInProcess(ctx context.Context, e *env, rep *figures) error {
	pipe, err := e.pipeline(ctx)
	if err != nil {
		return err
	}
	fl, err := newFloor(ctx, e.policies, e.docs)
	if err != nil {
		return err
	}
	if _, _, err := pipe.run(ctx, e.docs[:min(warmUp, len(e.docs))], 1, nil); err != nil {
		return err
	}
	if _, err := fl.sub(warmUp).run(ctx, 1); err != nil {
		return err
	}
	// Each round runs a and b on 1 and on 2 workers, so that every figure
	// compared with another was taken close to it in time.
	for range e.cfg.rounds() {
		for _, workers := range []int{1, 2} {
			a, b := fmt.Sprintf("a%d", workers), fmt.Sprintf("b%d", workers)
			err := withCPUProfile(profileFor(e.cfg.cpuProfile, workers, rep.has(a)), func() error {
				p, bytes, err := pipe.run(ctx, e.docs, workers, levelsOnce(rep, a))
				rep.record(a, p)
				rep.outputBytes = bytes
				return err
			})
			if err != nil {
				return err
			}
			p, err := fl.run(ctx, workers)
			if err != nil {
				return err
			}
			rep.record(b, p)
		}
	}
	return writeHeapProfile(e.cfg.memProfile)
}

// levelsOnce counts the corpus' levels during the first pass of a1.
func levelsOnce(rep *figures, key string) *[5]int {
	if key != "a1" || rep.has(key) {
		return nil
	}
	return &rep.levels
}

// sub is the floor over the first n documents only.
func (f *floor) sub(n int) *floor {
	return &floor{query: f.query, docs: f.docs[:min(n, len(f.docs))], values: f.values}
}

// profileFor profiles only the first single-worker pass of a.
func profileFor(path string, workers int, already bool) string {
	if workers != 1 || already {
		return ""
	}
	return path
}
