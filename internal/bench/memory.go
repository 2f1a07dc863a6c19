package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// memoryLimit is the target peak RSS of `eval --output jsonl` over the memory corpus.
const memoryLimit = 150 << 20

// runMemory streams a large directory through the forerunner binary and
// records its peak RSS; the corpus is written to disk, never held in memory.
func runMemory(ctx context.Context, e *env, rep *figures) error {
	fr, err := e.forerunnerBin(ctx)
	if err != nil {
		return err
	}
	dir := filepath.Join(e.tmp, "memory")
	logf("  writing %d documents to %s", e.cfg.memDocs, dir)
	if _, err := (corpus.Generator{Size: corpus.Small}).WriteDir(dir, e.cfg.seed+1, e.cfg.memDocs); err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	lines := &lineCounter{}
	run, err := runProcess(ctx, lines, fr, e.forerunnerArgs("jsonl", dir)...)
	if err != nil {
		return err
	}
	if lines.n != e.cfg.memDocs {
		return fmt.Errorf("eval --output jsonl printed %d lines for %d documents", lines.n, e.cfg.memDocs)
	}
	rep.record("mem", pass{docs: e.cfg.memDocs, wall: run.wall, cpu: run.cpu})
	rep.rss["mem"] = run.maxRSS
	return nil
}

// lineCounter counts output lines without keeping them.
type lineCounter struct{ n int }

func (l *lineCounter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			l.n++
		}
	}
	return len(p), nil
}
