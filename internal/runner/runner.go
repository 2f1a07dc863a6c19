// Package runner scores a batch of evidence files with one engine: it loads
// and validates each input, evaluates the valid ones with a pool of workers,
// and hands the outcomes back in input order, stopping when asked to.
package runner

import (
	"context"
	"runtime"

	"github.com/forerunner-project/forerunner/internal/batch"
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
	refused     bool
}

// Valid reports whether the input passed validation.
func (o *Outcome) Valid() bool { return !o.Diagnostics.HasErrors() }

// Refused reports whether the batch refused the input (a duplicate agency
// and cycle, a contradicting declaration), with Result naming why.
func (o *Outcome) Refused() bool { return o.refused }

// Options tunes Run.
type Options struct {
	// Workers evaluating at once; zero means GOMAXPROCS.
	Workers int
	// Evidence options for loading each input.
	Evidence evidence.Options
}

// Run loads, validates and scores every path with a pool of workers and
// hands the outcomes to emit in input order, every input with a Result (an
// unscored one names the input and why). Several inputs are one batch
// (internal/batch): a first pass refuses duplicate agency-cycles and carries
// the previous cycle forward. At most a few outcomes per worker are held at
// a time, so memory does not grow with the input count. An error from emit
// stops the run and is returned.
func Run(ctx context.Context, e *engine.Engine, paths []string, opts Options, emit func(*Outcome) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	prep, err := batch.Prepare(ctx, paths, workers, opts.Evidence, e.Carried)
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
				j.done <- score(ctx, e, j.index, paths[j.index], opts.Evidence, prep)
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

// score loads and validates one input and, when valid and not refused by
// the batch, evaluates it with what the batch sets on its input.
func score(ctx context.Context, e *engine.Engine, index int, path string, opts evidence.Options, prep *batch.Prepared) *Outcome {
	var doc *evidence.Document
	var diags evidence.Diagnostics
	if raw, ok := prep.Stdin[index]; ok {
		doc, diags = evidence.Load(path, raw, opts)
	} else {
		doc, diags = evidence.LoadFile(path, opts)
	}
	out := &Outcome{Index: index, Path: path, Document: doc, Diagnostics: diags}
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
