package main

import (
	"context"
	"fmt"
	"time"

	"github.com/forerunner-project/forerunner/internal/engine"
)

// opaEvalArgs is what a user with only the opa CLI runs for one document.
func opaEvalArgs(policies, doc string) []string {
	return []string{"eval", "--bundle", policies, "--input", doc, "--format", "json", engine.DecisionPath}
}

// forerunnerArgs is a forerunner eval command line: with the embedded bundle
// (what a user runs), or with -bundle-dir the bundle directory.
func (e *env) forerunnerArgs(output string, inputs ...string) []string {
	args := []string{"eval", "--output", output}
	if e.cfg.bundleDir {
		args = append(args, "--bundle", e.policies)
	}
	return append(args, inputs...)
}

// runOPAEval is (c): one `opa eval` process per document of a sample.
func runOPAEval(ctx context.Context, e *env, rep *figures) error {
	opa, err := e.opa(ctx)
	if err != nil {
		return err
	}
	sample := e.docs[:min(e.cfg.cliSample, len(e.docs))]
	total := pass{docs: len(sample)}
	for _, d := range sample {
		run, err := runProcess(ctx, nil, opa, opaEvalArgs(e.policies, d.path)...)
		if err != nil {
			return err
		}
		total.wall += run.wall
		total.cpu += run.cpu
		rep.rss["c"] = max(rep.rss["c"], run.maxRSS)
	}
	rep.record("c", total)
	return nil
}

// runColdStart is (e): whole-process wall time for one document, forerunner
// and opa interleaved so that both see the same machine load.
func runColdStart(ctx context.Context, e *env, rep *figures) error {
	opa, err := e.opa(ctx)
	if err != nil {
		return err
	}
	fr, err := e.forerunnerBin(ctx)
	if err != nil {
		return err
	}
	doc := e.docs[0].path
	contenders := []struct {
		key  string
		name string
		args []string
	}{
		{"e-forerunner", fr, e.forerunnerArgs("json", doc)},
		{"e-opa", opa, opaEvalArgs(e.policies, doc)},
	}
	walls, cpus := map[string][]time.Duration{}, map[string][]time.Duration{}
	for i := -1; i < e.cfg.coldRuns; i++ { // run -1 warms the page cache
		for _, c := range contenders {
			run, err := runProcess(ctx, nil, c.name, c.args...)
			if err != nil {
				return fmt.Errorf("cold start: %w", err)
			}
			if i >= 0 {
				walls[c.key] = append(walls[c.key], run.wall)
				cpus[c.key] = append(cpus[c.key], run.cpu)
				rep.rss[c.key] = max(rep.rss[c.key], run.maxRSS)
			}
		}
	}
	for key, w := range walls {
		rep.record(key, pass{docs: 1, wall: median(w), cpu: median(cpus[key])})
	}
	return nil
}
