// Package runner scores a batch of evidence files with one engine: it loads
// and validates each input, evaluates the valid ones with a pool of workers,
// and hands the outcomes back in input order, stopping when asked to.
package runner

import (
	"context"
	"runtime"
	"time"

	"github.com/forerunner-project/forerunner/internal/i18n"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
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
}

// Valid reports whether the input passed validation.
func (o *Outcome) Valid() bool { return !o.Diagnostics.HasErrors() }

// Options tunes Run.
type Options struct {
	// Workers evaluating at once; zero, or more than Workers allows, means
	// GOMAXPROCS.
	Workers int
	// Evidence options for loading each input.
	Evidence evidence.Options
}

// Run loads, validates and scores every input with a pool of workers and
// hands the outcomes to emit in input order. At most a few outcomes per
// worker are held at a time, so memory does not grow with the input count.
// An error from emit stops the run and is returned.
func Run(ctx context.Context, e *engine.Engine, inputs []evidence.Input, opts Options, emit func(*Outcome) error) error {
	workers := Workers(opts.Workers)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		index int
		done  chan *Outcome
	}
	jobs := make(chan job)
	pending := make(chan chan *Outcome, 2*workers)
	for range workers {
		go func() {
			for j := range jobs {
				j.done <- score(ctx, e, j.index, inputs[j.index], opts.Evidence)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(pending)
		for i := range inputs {
			done := make(chan *Outcome, 1)
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
		var outcome *Outcome
		select {
		case outcome = <-done:
		case <-ctx.Done(): // the caller gave up: its job may never have been sent
			return ctx.Err()
		}
		if err := emit(outcome); err != nil {
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

// score loads and validates one input and, when valid, evaluates it, the
// whole under the engine's timeout. A load still running at the deadline is
// left to finish on its own (it is linear in the input, at most --max-size)
// while the outcome reports the timeout.
func score(ctx context.Context, e *engine.Engine, index int, in evidence.Input, opts evidence.Options) *Outcome {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout())
	defer cancel()
	loaded := make(chan *Outcome, 1)
	go func() {
		doc, diags := evidence.LoadInput(in, opts)
		loaded <- &Outcome{Index: index, Path: in.Path, Document: doc, Diagnostics: diags}
	}()
	var out *Outcome
	select {
	case out = <-loaded:
	case <-ctx.Done():
		return &Outcome{Index: index, Path: in.Path, Document: evidence.Unread(in.Path), Err: timeoutError(e.Timeout())}
	}
	if out.Diagnostics.HasErrors() {
		return out
	}
	out.Result, out.Err = e.Eval(ctx, out.Document.Value, "sha256:"+out.Document.SHA256)
	return out
}

func timeoutError(limit time.Duration) error {
	return &engine.Error{Code: engine.CodeEvalTimeout, Msg: i18n.Tf(
		"超时：读取、校验与评分合计超过 %s", "timed out: reading, validating and scoring took over %s", limit)}
}
