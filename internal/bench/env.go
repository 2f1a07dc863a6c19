package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// env is what the phases share: the corpus, the bundle and the binaries.
type env struct {
	cfg      config
	tmp      string
	policies string     // absolute path of the bundle directory
	docs     []document // the corpus of a, b, c, d
	size     corpus.Size
	binaries map[string]string // name → built path
	pipe     *pipeline         // (a), once the in-process phase has loaded it
}

// document is one corpus document, in memory and (for the CLI phases) on disk.
type document struct {
	name string
	raw  []byte
	path string
}

func setup(ctx context.Context, cfg config) (*env, error) {
	root, err := filepath.Abs(cfg.root)
	if err != nil {
		return nil, err
	}
	cfg.root = root
	policies := filepath.Join(root, "policies")
	if _, err := os.Stat(filepath.Join(policies, ".manifest")); err != nil {
		return nil, fmt.Errorf("no bundle at %s (run from the repository root or pass -root): %w", policies, err)
	}
	tmp, err := os.MkdirTemp("", "forerunner-bench-")
	if err != nil {
		return nil, err
	}
	e := &env{cfg: cfg, tmp: tmp, policies: policies, size: corpus.Typical, binaries: map[string]string{}}
	if cfg.entities > 0 {
		e.size = corpus.Scaled(cfg.entities)
	}
	logf("generating %d documents (seed %d) in %s", cfg.docs, cfg.seed, tmp)
	if e.docs, err = writeCorpus(filepath.Join(tmp, "corpus"), corpus.Generator{Size: e.size}, cfg.seed, cfg.docs); err != nil {
		e.cleanup()
		return nil, err
	}
	return e, ctx.Err()
}

func (e *env) cleanup() {
	if e.cfg.keep {
		logf("kept %s", e.tmp)
		return
	}
	os.RemoveAll(e.tmp)
}

// writeCorpus generates n documents, keeps them in memory and writes each to dir.
func writeCorpus(dir string, g corpus.Generator, seed int64, n int) ([]document, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	docs := make([]document, 0, n)
	err := g.Each(seed, n, func(i int, doc *corpus.Document, _ corpus.Plan) error {
		raw, err := doc.JSON()
		if err != nil {
			return err
		}
		d := document{name: corpus.FileName(i), raw: raw, path: filepath.Join(dir, corpus.FileName(i))}
		docs = append(docs, d)
		return os.WriteFile(d.path, raw, 0o644)
	})
	return docs, err
}

// opa returns the upstream opa binary: -opa, or built from go.mod's version.
func (e *env) opa(ctx context.Context) (string, error) {
	if e.cfg.opaPath != "" {
		return e.cfg.opaPath, nil
	}
	return e.build(ctx, "opa", "github.com/open-policy-agent/opa")
}

// forerunnerBin returns the forerunner binary: -forerunner, or built from ./cmd/forerunner.
func (e *env) forerunnerBin(ctx context.Context) (string, error) {
	if e.cfg.forerunner != "" {
		return e.cfg.forerunner, nil
	}
	return e.build(ctx, "forerunner", "./cmd/forerunner")
}

func (e *env) build(ctx context.Context, name, pkg string) (string, error) {
	if path, ok := e.binaries[name]; ok {
		return path, nil
	}
	path := filepath.Join(e.tmp, "bin", name)
	logf("building %s (%s)", name, pkg)
	cmd := exec.CommandContext(ctx, "go", "build", "-o", path, pkg)
	cmd.Dir = e.cfg.root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("go build %s: %w\n%s", pkg, err, stderr.Bytes())
	}
	e.binaries[name] = path
	return path, nil
}

// pipeline returns the in-process pipeline (a), loading it when no earlier
// phase did.
func (e *env) pipeline(ctx context.Context) (*pipeline, error) {
	if e.pipe != nil {
		return e.pipe, nil
	}
	pipe, err := newPipeline(ctx, e.policies)
	e.pipe = pipe
	return pipe, err
}
