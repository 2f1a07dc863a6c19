package main

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// The decision-cost phase (issue 16): what one decision costs on four corpora
// — typical documents, documents whose 24 changes were each notified the next
// day, the same documents notified 40 days late, and documents with 10× the
// lists — for the current bundle and a previous one (OPA's bare prepared
// evaluation, 1 worker), for `forerunner eval --output jsonl` and for a stock
// `opa run --server` on the same documents. Every round runs every
// measurement once, so the figures compared were taken close in time.

// costCorpus is one corpus of the phase, in memory and in its own directory.
type costCorpus struct {
	name, label string
	dir         string
	docs        []document
}

// noticeSize has 24 changes per document (12 listed standards, 2 changes each).
func noticeSize() corpus.Size {
	s := corpus.Typical
	s.Standards, s.ChangesPerStandard = 12, 2
	return s
}

// tenfold is Typical with every list ten times as long.
func tenfold() corpus.Size {
	s := corpus.Typical
	for _, n := range []*int{&s.Enterprises, &s.Standards, &s.Models, &s.Trainings, &s.GroupStandards,
		&s.Publications, &s.SpotChecks, &s.BrandEvaluations} {
		*n *= 10
	}
	return s
}

func costCorpora(e *env) ([]costCorpus, error) {
	n := e.cfg.costDocs
	specs := []struct {
		name, label string
		gen         corpus.Generator
		docs        int
	}{
		{"typical", "typical", corpus.Generator{Size: corpus.Typical}, n},
		{"next-day", "24 changes, notified the next day", corpus.Generator{Size: noticeSize(), NoticeDays: 1}, n},
		{"late", "the same, notified 40 days later", corpus.Generator{Size: noticeSize(), NoticeDays: 40}, n},
		{"10x", "10× lists", corpus.Generator{Size: tenfold()}, max(n/10, 5)},
	}
	var out []costCorpus
	for _, s := range specs {
		dir := filepath.Join(e.tmp, "cost", s.name)
		docs, err := writeCorpus(dir, s.gen, e.cfg.seed, s.docs)
		if err != nil {
			return nil, err
		}
		out = append(out, costCorpus{name: s.name, label: s.label, dir: dir, docs: docs})
	}
	return out, nil
}

// previousBundle is rev when it is a bundle directory, else the policies
// directory of git revision rev, extracted into dir.
func previousBundle(ctx context.Context, root, rev, dir string) (string, error) {
	if _, err := os.Stat(filepath.Join(rev, ".manifest")); err == nil {
		return filepath.Abs(rev)
	}
	cmd := exec.CommandContext(ctx, "git", "archive", "--format=tar", rev, "policies")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git archive %s policies: %w: %s", rev, err, stderr.Bytes())
	}
	tr := tar.NewReader(bytes.NewReader(raw))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return filepath.Join(dir, "policies"), nil
		}
		if err != nil {
			return "", err
		}
		path := filepath.Join(dir, filepath.FromSlash(h.Name))
		if h.Typeflag != tar.TypeReg || !strings.HasPrefix(path, dir+string(filepath.Separator)) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		body, err := io.ReadAll(tr)
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(path, body, 0o644); err != nil {
			return "", err
		}
	}
}

// costKey names one measurement of the phase: what, on which corpus.
func costKey(what, corpus string) string { return "cost/" + what + "/" + corpus }

// runCost is the decision-cost phase.
func runCost(ctx context.Context, e *env, rep *figures) error {
	corpora, err := costCorpora(e)
	if err != nil {
		return err
	}
	rep.costCorpora = corpora
	prev, err := previousBundle(ctx, e.cfg.root, e.cfg.previous, filepath.Join(e.tmp, "previous"))
	if err != nil {
		return err
	}
	bundles := map[string]string{"current": e.policies, "previous": prev}
	floors := map[string]map[string]*floor{}
	for name, dir := range bundles {
		floors[name] = map[string]*floor{}
		for _, c := range corpora {
			if floors[name][c.name], err = newFloor(ctx, dir, c.docs); err != nil {
				return fmt.Errorf("%s bundle: %w", name, err)
			}
		}
	}
	opa, err := e.opa(ctx)
	if err != nil {
		return err
	}
	fr, err := e.forerunnerBin(ctx)
	if err != nil {
		return err
	}
	srv, err := startOPAServer(ctx, opa, e.policies)
	if err != nil {
		return err
	}
	defer srv.stop()
	for round := range e.cfg.rounds() {
		logf("  round %d of %d", round+1, e.cfg.rounds())
		for _, c := range corpora {
			for _, name := range []string{"previous", "current"} {
				fl := floors[name][c.name]
				if _, err := fl.sub(3).run(ctx, 1); err != nil { // warm caches
					return err
				}
				p, err := fl.run(ctx, 1)
				if err != nil {
					return fmt.Errorf("%s bundle on %s: %w", name, c.name, err)
				}
				rep.record(costKey(name, c.name), p)
			}
			p, err := jsonlPerDocument(ctx, e, fr, c)
			if err != nil {
				return err
			}
			rep.record(costKey("jsonl", c.name), p)
			if p, err = serveAll(srv, c.docs); err != nil {
				return err
			}
			rep.record(costKey("server", c.name), p)
		}
	}
	return nil
}

// jsonlPerDocument runs `forerunner eval --output jsonl` on the corpus
// directory and on its first document alone: the difference is what the
// other documents cost, without the start-up (bundle load and compile),
// which a long-running opa server does not pay per document either.
func jsonlPerDocument(ctx context.Context, e *env, fr string, c costCorpus) (pass, error) {
	one := filepath.Join(e.tmp, "cost", c.name+"-first")
	if err := os.MkdirAll(one, 0o755); err != nil {
		return pass{}, err
	}
	if err := os.WriteFile(filepath.Join(one, filepath.Base(c.docs[0].path)), c.docs[0].raw, 0o644); err != nil {
		return pass{}, err
	}
	lines := &lineCounter{}
	all, err := runProcess(ctx, lines, fr, e.forerunnerArgs("jsonl", c.dir)...)
	if err != nil {
		return pass{}, err
	}
	if lines.n != len(c.docs) {
		return pass{}, fmt.Errorf("eval --output jsonl printed %d lines for %d documents", lines.n, len(c.docs))
	}
	first, err := runProcess(ctx, nil, fr, e.forerunnerArgs("jsonl", one)...)
	if err != nil {
		return pass{}, err
	}
	return pass{docs: len(c.docs) - 1, wall: max(all.wall-first.wall, 0), cpu: max(all.cpu-first.cpu, 0)}, nil
}

// serveAll posts every document to the server with the usual clients and
// returns the server's CPU time for them.
func serveAll(srv *opaServer, docs []document) (pass, error) {
	bodies := inputBodies(docs)
	buffers := make([]bytes.Buffer, clients)
	query := func(w, i int) error { return srv.query(bodies[i], &buffers[w]) }
	if _, err := parallel(clients, min(3, len(bodies)), query); err != nil {
		return pass{}, err
	}
	cpu := procCPU(srv.cmd.Process.Pid)
	wall, err := parallel(clients, len(bodies), query)
	return pass{docs: len(bodies), wall: wall, cpu: procCPU(srv.cmd.Process.Pid) - cpu}, err
}

// costTable prints the phase's figures and the ratios.
func (r *figures) costTable(b *strings.Builder) {
	if len(r.costCorpora) == 0 {
		return
	}
	fmt.Fprintf(b, "Decision cost (CPU ms per document; bundles: bare prepared OPA evaluation, 1 worker; previous bundle = `%s`; jsonl: `forerunner eval --output jsonl DIR` minus its run on one document; server: stock `opa run --server`, current bundle, %d clients, server CPU):\n\n", r.cfg.previous, clients)
	fmt.Fprintln(b, "| corpus | documents | previous | current | current / previous | jsonl | server | jsonl / server | current / server |")
	fmt.Fprintln(b, "|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, c := range r.costCorpora {
		k := func(what string) string { return costKey(what, c.name) }
		fmt.Fprintf(b, "| %s | %d | %s | %s | %s | %s | %s | %s | %s |\n", c.label, len(c.docs),
			r.cpuMS(k("previous")), r.cpuMS(k("current")), fmtRatio(r.cpuRatio(k("current"), k("previous"))),
			r.cpuMS(k("jsonl")), r.cpuMS(k("server")), fmtRatio(r.cpuRatio(k("jsonl"), k("server"))),
			fmtRatio(r.cpuRatio(k("current"), k("server"))))
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| target (CPU) | goal | previous bundle | current bundle |")
	fmt.Fprintln(b, "|---|---|---:|---:|")
	late := func(name string) ratio { return r.cpuRatio(costKey(name, "late"), costKey(name, "next-day")) }
	fmt.Fprintf(b, "| late / next-day notice | ≤ 1.15 | %s | %s |\n", fmtRatio(late("previous")), judgeText(late("current"), 1.15))
	fmt.Fprintf(b, "| typical decision, current / previous | ≤ 0.60 | – | %s |\n", judgeText(r.cpuRatio(costKey("current", "typical"), costKey("previous", "typical")), 0.6))
	fmt.Fprintf(b, "| eval -o jsonl / opa server, typical | ≤ 0.67 | – | %s |\n", judgeText(r.cpuRatio(costKey("jsonl", "typical"), costKey("server", "typical")), 0.67))
	fmt.Fprintln(b)
}

func (r *figures) cpuMS(key string) string {
	m, ok := r.measures[key]
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.3f", ms(m.cpuPerDoc()))
}

func fmtRatio(x ratio) string {
	if !x.ok {
		return "–"
	}
	return fmt.Sprintf("%.2f", x.value)
}

func judgeText(x ratio, limit float64) string {
	if !x.ok {
		return "–"
	}
	return fmt.Sprintf("%.2f %s", x.value, map[bool]string{true: "met", false: "**missed**"}[x.value <= limit])
}
