package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// runHTML compares `eval --output html` with `eval --output jsonl` over the
// same directory of documents (the corpus size of a–e), the two alternating
// in each round so that both see the same machine load. Memory: the page
// keeps one section at a time, so its peak RSS should be that of jsonl, and
// (from 1,000 documents, where both runs reach the GC's working size) not
// grow from a tenth of the directory to all of it.
func runHTML(ctx context.Context, e *env, rep *figures) error {
	return compareWithJSONL(ctx, e, rep, "html", true)
}

// runXLSX compares `eval --output xlsx` (the results workbook, written to a
// pipe) with `eval --output jsonl` the same way: its detail sheets stream,
// only a one-line summary per agency is kept for the ranking.
func runXLSX(ctx context.Context, e *env, rep *figures) error {
	return compareWithJSONL(ctx, e, rep, "xlsx", false)
}

// compareWithJSONL times eval in format and in jsonl over one directory of
// typical documents, alternating, under the keys format-format and
// format-jsonl; withTenth also runs format on a tenth of the directory.
func compareWithJSONL(ctx context.Context, e *env, rep *figures, format string, withTenth bool) error {
	fr, err := e.forerunnerBin(ctx)
	if err != nil {
		return err
	}
	n := e.cfg.docs
	full, tenth := filepath.Join(e.tmp, format+"-full"), filepath.Join(e.tmp, format+"-tenth")
	g := corpus.Generator{Size: corpus.Typical}
	logf("  writing %d documents", n)
	if _, err := g.WriteDir(full, e.cfg.seed+2, n); err != nil {
		return err
	}
	defer os.RemoveAll(full)
	defer os.RemoveAll(tenth)
	rounds := map[string]int{"quick": 1, "full": 3}[e.cfg.mode]
	for round := range max(rounds, 1) {
		order := []string{"jsonl", format}
		if round%2 == 1 {
			order = []string{format, "jsonl"}
		}
		for _, f := range order {
			if err := e.timeOutput(ctx, rep, fr, f, full, n, format+"-"+f); err != nil {
				return err
			}
		}
	}
	if !withTenth || n < htmlTenthFrom {
		return nil
	}
	if _, err := g.WriteDir(tenth, e.cfg.seed+2, n/10); err != nil {
		return err
	}
	return e.timeOutput(ctx, rep, fr, format, tenth, n/10, format+"-tenth")
}

// htmlTenthFrom is the directory size from which a tenth of it is run too.
const htmlTenthFrom = 1000

// timeOutput runs eval over dir in one output format and records the pass
// and the peak RSS under key.
func (e *env) timeOutput(ctx context.Context, rep *figures, fr, format, dir string, docs int, key string) error {
	out := &byteCounter{}
	run, err := runProcess(ctx, out, fr, e.forerunnerArgs(format, dir)...)
	if err != nil {
		return err
	}
	if out.n == 0 {
		return fmt.Errorf("eval --output %s printed nothing", format)
	}
	rep.record(key, pass{docs: docs, wall: run.wall, cpu: run.cpu})
	rep.rss[key] = max(rep.rss[key], run.maxRSS)
	return nil
}

// byteCounter counts output bytes without keeping them.
type byteCounter struct{ n int64 }

func (c *byteCounter) Write(p []byte) (int, error) {
	c.n += int64(len(p))
	return len(p), nil
}
