package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// The validation phase (issue 15): what the bundle's own validation of its
// input adds to a typical decision. The same bundle is evaluated by OPA alone
// (prepared query, 1 worker, json.match_schema's schema cache kept as OPA's
// server keeps it) with its validation and with the validation replaced by a
// stub that calls every document valid: side by side (each document with
// and without, in turn first, timed by the evaluating thread's CPU, as the
// plans phase times its pair; the judged figure) and in whole passes of one
// decision (process CPU, the garbage collector's threads included, which a
// loaded machine moves more). data.forerunner.v1.validate is timed alone.

// validationStub replaces policies/forerunner/v1/validation: every input valid.
const validationStub = `package forerunner.v1.validation

valid := true

rejected := {}
`

// unvalidatedBundle copies the bundle directory src to dir without its
// validation (the validation and validate packages, the schema copy) and
// with the stub instead.
func unvalidatedBundle(src, dir string) (string, error) {
	dst := filepath.Join(dir, "policies")
	dropped := map[string]bool{
		filepath.Join("forerunner", "v1", "validation"):               true,
		filepath.Join("forerunner", "v1", "validate"):                 true,
		filepath.Join("forerunner", "v1", "schemas", "evidence.rego"): true,
	}
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		switch {
		case dropped[rel] && d.IsDir():
			return filepath.SkipDir
		case dropped[rel], d.IsDir():
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return writeFileAll(filepath.Join(dst, rel), raw)
	})
	if err != nil {
		return "", err
	}
	return dst, writeFileAll(filepath.Join(dst, "forerunner", "v1", "validation", "stub.rego"), []byte(validationStub))
}

func writeFileAll(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

// The decisions compared, each on each corpus of the phase.
const (
	withValidation    = "with"
	withoutValidation = "without"
	validateAlone     = "validate"
	withSideBySide    = "with-side"
	withoutSideBySide = "without-side"
)

// validationGoal is the most the validation may add: with / without ≤ 1.15.
const validationGoal = 1.15

func validationKey(what, corpus string) string { return "valid/" + what + "/" + corpus }

// validationCorpus is one corpus of the phase.
type validationCorpus struct {
	name, label string
	docs        []document
}

// validationCorpora are the corpus of a and b (typical: 120 declared models
// each) and the evidence.md example (one model), as many times.
func validationCorpora(e *env) ([]validationCorpus, error) {
	file := filepath.Join(e.cfg.root, "testdata", "evidence", "valid", "example.yaml")
	doc, diags := evidence.LoadFile(file, evidence.Options{})
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: invalid evidence", file)
	}
	raw, err := json.Marshal(doc.Value)
	if err != nil {
		return nil, err
	}
	example := make([]document, len(e.docs))
	for i := range example {
		example[i] = document{name: "example.json", raw: raw}
	}
	return []validationCorpus{
		{"typical", fmt.Sprintf("typical corpus (%d documents)", len(e.docs)), e.docs},
		{"example", fmt.Sprintf("the evidence.md example (%d times)", len(example)), example},
	}, nil
}

// runValidation is the validation phase.
func runValidation(ctx context.Context, e *env, rep *figures) error {
	stub, err := unvalidatedBundle(e.policies, filepath.Join(e.tmp, "unvalidated"))
	if err != nil {
		return err
	}
	corpora, err := validationCorpora(e)
	if err != nil {
		return err
	}
	rep.validationCorpora = corpora
	specs := map[string]struct{ bundle, decision string }{
		withValidation:    {e.policies, "data.forerunner.v1.result"},
		withoutValidation: {stub, "data.forerunner.v1.result"},
		validateAlone:     {e.policies, "data.forerunner.v1.validate"},
	}
	floors := map[string]*floor{}
	for _, c := range corpora {
		for what, spec := range specs {
			key := validationKey(what, c.name)
			if floors[key], err = newQueryFloor(ctx, spec.bundle, spec.decision, c.docs); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			if _, err := floors[key].sub(warmUp).run(ctx, 1); err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
		}
	}
	order := []string{withValidation, withoutValidation, validateAlone}
	for round := range e.cfg.rounds() * 2 {
		logf("  round %d of %d", round+1, e.cfg.rounds()*2)
		for _, c := range corpora {
			for i := range order {
				key := validationKey(order[(i+round)%len(order)], c.name) // each goes first in turn
				p, err := floors[key].run(ctx, 1)
				if err != nil {
					return fmt.Errorf("%s: %w", key, err)
				}
				rep.record(key, p)
			}
			// Side by side: each document with and without, in turn first.
			pair := [2]*floor{floors[validationKey(withValidation, c.name)], floors[validationKey(withoutValidation, c.name)]}
			passes, err := alternate(ctx, pair, c.docs, round)
			if err != nil {
				return fmt.Errorf("%s: %w", validationKey("side", c.name), err)
			}
			rep.record(validationKey(withSideBySide, c.name), passes[0])
			rep.record(validationKey(withoutSideBySide, c.name), passes[1])
		}
	}
	return nil
}

// validationTable prints the phase's figures and judges the side-by-side
// ratio against the goal; the ratio of whole passes, which counts the garbage
// collector's own threads too, is shown beside it, unjudged: with the other
// core loaded it moves by more than the validation costs.
func (r *figures) validationTable(b *strings.Builder) {
	if len(r.validationCorpora) == 0 {
		return
	}
	fmt.Fprintf(b, "In-bundle validation (bare prepared OPA evaluation, 1 worker; best of %d passes each; \"without\": the validation replaced by a stub that calls every document valid; side by side: each document with and without, in turn first, the evaluating thread's CPU; passes: whole passes of one decision, alternating, process CPU):\n\n",
		r.cfg.rounds()*2)
	fmt.Fprintf(b, "| corpus | without, thread CPU ms/doc | with | validate alone, process CPU | with / without side by side, wall | with / without side by side, thread CPU (goal ≤ %.2f) | with / without, passes, process CPU (informative) |\n", validationGoal)
	fmt.Fprintln(b, "|---|---:|---:|---:|---:|---:|---:|")
	for _, c := range r.validationCorpora {
		k := func(what string) string { return validationKey(what, c.name) }
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s |\n", c.label, r.cpuMS(k(withoutSideBySide)), r.cpuMS(k(withSideBySide)),
			r.cpuMS(k(validateAlone)), judgeText(r.timeRatio(k(withSideBySide), k(withoutSideBySide)), validationGoal),
			judgeText(r.cpuRatio(k(withSideBySide), k(withoutSideBySide)), validationGoal),
			fmtRatio(r.cpuRatio(k(withValidation), k(withoutValidation))))
	}
	fmt.Fprintln(b)
}
