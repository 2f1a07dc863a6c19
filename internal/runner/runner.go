// Package runner scores a batch of evidence files with one engine: it loads
// and validates each input, evaluates the valid ones with a pool of workers,
// and hands the outcomes back in input order, stopping when asked to.
package runner

import (
	"context"
	"runtime"
	"sync"
	"time"

	"github.com/forerunner-project/forerunner/internal/batch"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Outcome is what became of one input: invalid (Diagnostics has errors),
// failed (Err), or scored or refused by the policy (Result).
type Outcome struct {
	Index       int
	Path        string
	Document    *evidence.Document
	Diagnostics evidence.Diagnostics
	Result      *engine.Result
	Err         error
	refused     bool
}

// Valid reports whether the input passed validation.
func (o *Outcome) Valid() bool { return !o.Diagnostics.HasErrors() }

// Refused reports whether the batch refused the input (a duplicate agency
// and cycle, a contradicting declaration), with Result naming why.
func (o *Outcome) Refused() bool { return o.refused }

// Options tunes Run.
type Options struct {
	// Workers evaluating at once; zero, or more than Workers allows, means
	// GOMAXPROCS.
	Workers int
	// Evidence options for loading each input.
	Evidence evidence.Options
}

// Run loads, validates and scores every input with a pool of workers and
// hands the outcomes to emit in input order, every input with a Result (an
// unscored one names the input and why). Several inputs are one batch
// (internal/batch): a first pass refuses duplicate agency-cycles and carries
// the previous cycle forward. At most a few outcomes per worker are held at
// a time, so memory does not grow with the input count. An error from emit
// stops the run and is returned.
func Run(ctx context.Context, e *engine.Engine, inputs []evidence.Input, opts Options, emit func(*Outcome) error) error {
	return RunEach(ctx, []*engine.Engine{e}, inputs, opts, func(o []*Outcome) error { return emit(o[0]) })
}

// RunEach is Run with several engines (bundles): every input is read and
// validated once and scored by each engine, the engines at once, and emit
// gets one outcome per engine, in the engines' order. The batch is planned
// under each engine (what a document carries forward is the bundle's to say).
func RunEach(ctx context.Context, engines []*engine.Engine, inputs []evidence.Input, opts Options, emit func([]*Outcome) error) error {
	workers := Workers(opts.Workers)
	carries := make([]batch.Carry, len(engines))
	for k, e := range engines {
		carries[k] = e.Carried
	}
	prep, err := batch.Prepare(ctx, inputs, workers, opts.Evidence, carries...)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		index int
		done  chan []*Outcome
	}
	jobs := make(chan job)
	pending := make(chan chan []*Outcome, 2*workers)
	for range workers {
		go func() {
			for j := range jobs {
				j.done <- scoreEach(ctx, engines, j.index, inputs[j.index], opts.Evidence, prep)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(pending)
		for i := range inputs {
			done := make(chan []*Outcome, 1)
			select {
			case pending <- done:
			case <-ctx.Done():
				return
			}
			select {
			case jobs <- job{index: i, done: done}:
			case <-ctx.Done():
				return
			}
		}
	}()
	for done := range pending {
		if err := ctx.Err(); err != nil {
			return err
		}
		var outcomes []*Outcome
		select {
		case outcomes = <-done:
		case <-ctx.Done(): // the caller gave up: its job may never have been sent
			return ctx.Err()
		}
		if err := emit(outcomes); err != nil {
			cancel()
			for range pending { // let the feeder stop
			}
			return err
		}
	}
	return ctx.Err()
}

// Workers bounds the requested number of workers by GOMAXPROCS: scoring is
// CPU-bound, so more workers than CPUs only stretch each document's
// wall-clock time, and with it the share of documents over --timeout
// (--workers 100000 timed out 1,532 documents of 2,000).
func Workers(requested int) int {
	cpus := runtime.GOMAXPROCS(0)
	if requested <= 0 || requested > cpus {
		return cpus
	}
	return requested
}

// scoreEach loads and validates one input and, when valid and not refused
// by the batch, evaluates it with each engine and what the batch sets on its
// input under that engine; the whole under the first engine's timeout. The
// engines evaluate at once, so that a batch smaller than the pool still
// keeps every CPU busy. A load still running at the deadline is left to
// finish on its own (linear in the input, at most --max-size) while the
// outcomes report the timeout.
func scoreEach(ctx context.Context, engines []*engine.Engine, index int, in evidence.Input, opts evidence.Options, prep *batch.Prepared) []*Outcome {
	ctx, cancel := context.WithTimeout(ctx, engines[0].Timeout())
	defer cancel()
	loaded := make(chan *Outcome, 1)
	go func() { loaded <- load(index, in, opts, prep) }()
	outs := make([]*Outcome, len(engines))
	var read *Outcome
	select {
	case read = <-loaded:
	case <-ctx.Done():
		doc, err := evidence.Unread(in.Path), timeoutError(engines[0].Timeout())
		for k, e := range engines {
			outs[k] = &Outcome{Index: index, Path: in.Path, Document: doc, Err: err,
				Result: e.Unscored(in.Path, doc, []engine.PolicyError{engine.FailureError(err)})}
		}
		return outs
	}
	var wg sync.WaitGroup
	for k := range engines {
		o := *read
		outs[k] = &o
		if k == len(engines)-1 {
			score(ctx, engines[k], outs[k], prep.Verdicts[k][index])
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			score(ctx, engines[k], outs[k], prep.Verdicts[k][index])
		}()
	}
	wg.Wait()
	return outs
}

// score evaluates one loaded input with e, as verdict says, into out.
func score(ctx context.Context, e *engine.Engine, out *Outcome, verdict batch.Verdict) {
	path, doc, diags := out.Path, out.Document, out.Diagnostics
	switch {
	case diags.HasErrors():
		out.Result = e.Unscored(path, doc, engine.DiagnosticErrors(diags))
	case len(verdict.Errors) > 0:
		out.Result, out.refused = e.Unscored(path, doc, batchErrors(verdict.Errors)), true
	default:
		out.Result, out.Err = e.Eval(ctx, withFields(doc.Value, verdict.Set), "sha256:"+doc.SHA256)
		if out.Err != nil {
			out.Result = e.Unscored(path, doc, []engine.PolicyError{engine.FailureError(out.Err)})
		}
		for _, n := range verdict.Notes {
			out.Result.Warnings = append(out.Result.Warnings, engine.Warning{ZH: n.Text.ZH, EN: n.Text.EN, At: n.At})
		}
		out.Result.Input = engine.InputOf(path, doc)
	}
}

// load reads and validates one input (standard input was read by the batch).
func load(index int, in evidence.Input, opts evidence.Options, prep *batch.Prepared) *Outcome {
	var doc *evidence.Document
	var diags evidence.Diagnostics
	if raw, ok := prep.Stdin[index]; ok {
		doc, diags = evidence.Load(in.Path, raw, opts)
	} else {
		doc, diags = evidence.LoadInput(in, opts)
	}
	return &Outcome{Index: index, Path: in.Path, Document: doc, Diagnostics: diags}
}

func timeoutError(limit time.Duration) error {
	return &engine.Error{Code: engine.CodeEvalTimeout, Msg: i18n.Tf(
		"超时：读取、校验与评分合计超过 %s", "timed out: reading, validating and scoring took over %s", limit)}
}

// withFields is the document with the batch's fields set, the rest shared.
func withFields(value any, set map[string]any) any {
	root, ok := value.(map[string]any)
	if !ok || len(set) == 0 {
		return value
	}
	out := make(map[string]any, len(root)+len(set))
	for k, v := range root {
		out[k] = v
	}
	for k, v := range set {
		out[k] = v
	}
	return out
}

func batchErrors(errs []batch.Error) []engine.PolicyError {
	out := make([]engine.PolicyError, len(errs))
	for i, e := range errs {
		out[i] = engine.PolicyError{Code: e.Code, ZH: e.Text.ZH, EN: e.Text.EN, At: e.At}
	}
	return out
}
