package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// runImpact compares `forerunner impact --output json` (the embedded bundle
// against an edited copy) with one `forerunner eval --output jsonl` over the
// same directory (the corpus size of a–e), the two alternating in each round
// so that both see the same machine load. Memory: impact keeps counters, not
// documents, so its peak RSS should not grow from a tenth of the directory
// to all of it.
func runImpact(ctx context.Context, e *env, rep *figures) error {
	fr, err := e.forerunnerBin(ctx)
	if err != nil {
		return err
	}
	candidate, err := impactCandidate(ctx, fr, filepath.Join(e.tmp, "impact-bundle"))
	if err != nil {
		return err
	}
	n := e.cfg.docs
	full, tenth := filepath.Join(e.tmp, "impact-full"), filepath.Join(e.tmp, "impact-tenth")
	g := corpus.Generator{Size: corpus.Typical}
	logf("  writing %d documents", n)
	if _, err := g.WriteDir(full, e.cfg.seed+3, n); err != nil {
		return err
	}
	defer os.RemoveAll(full)
	defer os.RemoveAll(tenth)
	for round := range e.cfg.rounds() {
		if round%2 == 0 {
			err = errors.Join(e.timeOutput(ctx, rep, fr, "jsonl", full, n, "impact-jsonl"),
				e.timeImpact(ctx, rep, fr, candidate, full, n, "impact"))
		} else {
			err = errors.Join(e.timeImpact(ctx, rep, fr, candidate, full, n, "impact"),
				e.timeOutput(ctx, rep, fr, "jsonl", full, n, "impact-jsonl"))
		}
		if err != nil {
			return err
		}
	}
	if n < htmlTenthFrom {
		return nil
	}
	if _, err := g.WriteDir(tenth, e.cfg.seed+3, n/10); err != nil {
		return err
	}
	return e.timeImpact(ctx, rep, fr, candidate, tenth, n/10, "impact-tenth")
}

// impactCandidate exports the embedded bundle to dir and makes the README's
// edit a little stricter: tier a of 3.1 asks one training more than a typical
// corpus document holds (six), so that nearly every agency's result changes
// and impact writes an entry for each.
func impactCandidate(ctx context.Context, fr, dir string) (string, error) {
	if _, err := runProcess(ctx, nil, fr, "policy", "export", dir); err != nil {
		return "", err
	}
	path := filepath.Join(dir, "forerunner", "v1", "config", "data.json")
	raw, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var whole map[string]any
	if err := json.Unmarshal(raw, &whole); err != nil {
		return "", err
	}
	tiers := whole["items"].(map[string]any)["3.1"].(map[string]any)["tiers"].([]any)
	tiers[0].(map[string]any)["min"].(map[string]any)["trainings"] = impactTrainings
	out, err := json.MarshalIndent(whole, "", "  ")
	if err != nil {
		return "", err
	}
	return dir, os.WriteFile(path, out, 0o644)
}

// timeImpact runs impact over dir and records the pass and the peak RSS
// under key. Exit 4 (some result changed) is impact's answer, not a failure.
func (e *env) timeImpact(ctx context.Context, rep *figures, fr, candidate, dir string, docs int, key string) error {
	out, live := &byteCounter{}, &liveHeap{}
	run, err := runProcessEnv(ctx, out, live, []string{"GODEBUG=gctrace=1"}, fr, "impact", "--output", "json", "--bundle", candidate, dir)
	var exit *exec.ExitError
	if errors.As(err, &exit) && exit.ExitCode() == impactChanged {
		err = nil
	}
	if err != nil {
		return err
	}
	if out.n == 0 {
		return fmt.Errorf("impact --output json printed nothing")
	}
	rep.record(key, pass{docs: docs, wall: run.wall, cpu: run.cpu})
	rep.rss[key] = max(rep.rss[key], run.maxRSS)
	rep.live[key] = max(rep.live[key], live.max)
	return nil
}

// liveHeap reads a child's GC trace (GODEBUG=gctrace=1) from its stderr and
// keeps the largest heap left live after a collection. Unlike the peak RSS,
// which with GOGC=400 depends on how far the heap overshoots its goal while
// a collection runs on a loaded machine, it shows what the process keeps.
type liveHeap struct {
	rest []byte
	max  int64
}

var gcTrace = regexp.MustCompile(`^gc \d+ .* \d+->\d+->(\d+) MB`)

func (h *liveHeap) Write(p []byte) (int, error) {
	h.rest = append(h.rest, p...)
	for {
		i := bytes.IndexByte(h.rest, '\n')
		if i < 0 {
			return len(p), nil
		}
		if m := gcTrace.FindSubmatch(h.rest[:i]); m != nil {
			n, _ := strconv.ParseInt(string(m[1]), 10, 64)
			h.max = max(h.max, n<<20)
		}
		h.rest = h.rest[i+1:]
	}
}

// impactTrainings is the candidate's tier a minimum of 3.1: one more than the
// trainings of a typical document.
var impactTrainings = corpus.Typical.Trainings + 1

// impactChanged is impact's exit status when some result changed.
const impactChanged = 4
