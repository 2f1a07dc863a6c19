// Package runner scores a batch of evidence files with one engine: it loads
// and validates each input, evaluates the valid ones with a pool of workers,
// and hands the outcomes back in input order, stopping when asked to.
package runner

import (
	"context"
	"runtime"
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
	workers := Workers(opts.Workers)
	prep, err := batch.Prepare(ctx, inputs, workers, opts.Evidence, e.Carried)
	if err != nil {
		return err
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
				j.done <- score(ctx, e, j.index, inputs[j.index], opts.Evidence, prep)
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

// score loads and validates one input and, when valid and not refused by
// the batch, evaluates it with what the batch sets on its input; the whole
// under the engine's timeout. A load still running at the deadline is left
// to finish on its own (linear in the input, at most --max-size) while the
// outcome reports the timeout.
func score(ctx context.Context, e *engine.Engine, index int, in evidence.Input, opts evidence.Options, prep *batch.Prepared) *Outcome {
	ctx, cancel := context.WithTimeout(ctx, e.Timeout())
	defer cancel()
	loaded := make(chan *Outcome, 1)
	go func() { loaded <- load(index, in, opts, prep) }()
	var out *Outcome
	select {
	case out = <-loaded:
	case <-ctx.Done():
		doc, err := evidence.Unread(in.Path), timeoutError(e.Timeout())
		return &Outcome{Index: index, Path: in.Path, Document: doc, Err: err,
			Result: e.Unscored(in.Path, doc, []engine.PolicyError{engine.FailureError(err)})}
	}
	path, doc, diags := in.Path, out.Document, out.Diagnostics
	switch verdict := prep.Verdicts[index]; {
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
	return out
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
