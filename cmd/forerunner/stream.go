package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"time"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/forerunner-project/forerunner/internal/runner"
	"github.com/spf13/cobra"
)

// batchFlags are the flags of a command that scores a batch of documents
// (eval, impact).
type batchFlags struct {
	timeout   time.Duration
	workers   int
	out       string
	maxErrors int
	maxSize   string
}

func addBatchFlags(cmd *cobra.Command, f *batchFlags) {
	cmd.Flags().DurationVar(&f.timeout, "timeout", engine.DefaultTimeout,
		"time limit of one document: reading, validating and scoring / 单个文档的时限（读取、校验与评分合计）")
	cmd.Flags().IntVar(&f.workers, "workers", 0,
		"documents scored in parallel (default and at most GOMAXPROCS) / 并行评分的文档数（默认且至多为 GOMAXPROCS）")
	addLoadFlags(cmd, &f.maxErrors, &f.maxSize)
	addOutFlag(cmd, &f.out)
}

// inputs checks the flags and expands the command's arguments; a timeout
// that is not positive is refused, as by policy test, rather than silently
// replaced by the default.
func (f *batchFlags) inputs(args []string) (evidence.Options, []evidence.Input, error) {
	if f.timeout <= 0 {
		return evidence.Options{}, nil, usagef("--timeout 须为正的时长，如 30s 或 2m", "--timeout must be a positive duration, such as 30s or 2m")
	}
	loading, err := loadOptions(f.maxErrors, f.maxSize)
	if err != nil {
		return evidence.Options{}, nil, err
	}
	inputs, err := evidence.ExpandInputs(args)
	return loading, inputs, err
}

// runnerOptions are the batch runner's options for evidence counted by the
// bundle's rules; the process memory limit is sized to the work.
func (f *batchFlags) runnerOptions(loading evidence.Options, counting []model.CountingRule) runner.Options {
	loading.Counting = counting
	workers := runner.Workers(f.workers)
	sizeMemoryLimit(loading, workers)
	return runner.Options{Workers: workers, Evidence: loading}
}

// stream is what a command writing one entry per document shares: buffered
// standard output, standard error and the progress line.
type stream struct {
	stdout   *bufio.Writer
	stderr   io.Writer
	progress *progress
}

// run scores total documents with score, which calls step once per
// document; a signal stops it between two documents. The output is closed
// (a JSON array or object ended, a summary written) when the run ended or
// was interrupted, then stdout is flushed.
func (s *stream) run(total int, lang i18n.Lang, score func(ctx context.Context, step func()) error, close func() error) error {
	s.progress = newProgress(s.stderr, total, lang)
	ctx, signalled := stopOnSignal()
	err := score(ctx, s.progress.step)
	s.progress.done()
	if sig := signalled(); sig != nil && errors.Is(err, context.Canceled) {
		err = &interruptedError{sig: sig} // every entry written is whole: close the output as usual
	}
	var interrupted *interruptedError
	if err == nil || errors.As(err, &interrupted) {
		if closeErr := close(); err == nil {
			err = closeErr
		}
	}
	if flushErr := s.stdout.Flush(); err == nil {
		err = flushErr
	}
	return err
}

// warn writes to stderr after flushing stdout, so that on a terminal the
// messages come next to the output they concern.
func (s *stream) warn(write func()) {
	_ = s.stdout.Flush()
	s.progress.clear()
	write()
}
