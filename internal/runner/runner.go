// Package runner scores a batch of evidence files with one engine: it loads
// and validates each input, evaluates the valid ones with a pool of workers,
// and hands the outcomes back in input order, stopping when asked to.
package runner

import (
	"context"
	"runtime"

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
	// Workers evaluating at once; zero means GOMAXPROCS.
	Workers int
	// Evidence options for loading each input.
	Evidence evidence.Options
}

// Run loads, validates and scores every path with a pool of workers and
// hands the outcomes to emit in input order. At most a few outcomes per
// worker are held at a time, so memory does not grow with the input count.
// An error from emit stops the run and is returned.
func Run(ctx context.Context, e *engine.Engine, paths []string, opts Options, emit func(*Outcome) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
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
				j.done <- score(ctx, e, j.index, paths[j.index], opts.Evidence)
			}
		}()
	}
	go func() {
		defer close(jobs)
		defer close(pending)
		for i := range paths {
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

// score loads and validates one input and, when valid, evaluates it.
func score(ctx context.Context, e *engine.Engine, index int, path string, opts evidence.Options) *Outcome {
	doc, diags := evidence.LoadFile(path, opts)
	out := &Outcome{Index: index, Path: path, Document: doc, Diagnostics: diags}
	if diags.HasErrors() {
		return out
	}
	out.Result, out.Err = e.Eval(ctx, doc.Value, "sha256:"+doc.SHA256)
	return out
}
