package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// The validation phase (issue 15): what the bundle's own validation of its
// input adds to a typical decision. The same bundle is evaluated by OPA alone
// (prepared query, 1 worker, json.match_schema's schema cache kept as OPA's
// server keeps it) with its validation and with the validation replaced by a
// stub that calls every document valid; rounds alternate the two.

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

const (
	keyValidated   = "valid/with"
	keyUnvalidated = "valid/without"
	keyValidate    = "valid/validate"
)

// runValidation is the validation phase, on the corpus of a and b.
func runValidation(ctx context.Context, e *env, rep *figures) error {
	stub, err := unvalidatedBundle(e.policies, filepath.Join(e.tmp, "unvalidated"))
	if err != nil {
		return err
	}
	floors := map[string]*floor{}
	for key, spec := range map[string]struct{ bundle, decision string }{
		keyValidated:   {e.policies, "data.forerunner.v1.result"},
		keyUnvalidated: {stub, "data.forerunner.v1.result"},
		keyValidate:    {e.policies, "data.forerunner.v1.validate"},
	} {
		if floors[key], err = newQueryFloor(ctx, spec.bundle, spec.decision, e.docs); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		if _, err := floors[key].sub(warmUp).run(ctx, 1); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	order := []string{keyValidated, keyUnvalidated, keyValidate}
	for round := range e.cfg.rounds() * 2 {
		logf("  round %d of %d", round+1, e.cfg.rounds()*2)
		for i := range order {
			key := order[(i+round)%len(order)] // each goes first in turn
			p, err := floors[key].run(ctx, 1)
			if err != nil {
				return fmt.Errorf("%s: %w", key, err)
			}
			rep.record(key, p)
		}
	}
	return nil
}

// validationTable prints the phase's figures and the ratio.
func (r *figures) validationTable(b *strings.Builder) {
	if !r.has(keyValidated) {
		return
	}
	fmt.Fprintf(b, "In-bundle validation (bare prepared OPA evaluation, 1 worker, the %d documents of a/b; best of %d passes each, alternating):\n\n",
		r.measures[keyValidated].docs, r.cfg.rounds()*2)
	fmt.Fprintln(b, "| decision | ms/doc | CPU ms/doc |")
	fmt.Fprintln(b, "|---|---:|---:|")
	for _, row := range []struct{ key, label string }{
		{keyUnvalidated, "`data.forerunner.v1.result`, validation stubbed out"},
		{keyValidated, "`data.forerunner.v1.result`, validating its input"},
		{keyValidate, "`data.forerunner.v1.validate` alone"},
	} {
		m := r.measures[row.key]
		fmt.Fprintf(b, "| %s | %.3f | %.3f |\n", row.label, ms(m.perDoc()), ms(m.cpuPerDoc()))
	}
	fmt.Fprintln(b)
	fmt.Fprintln(b, "| target | goal | wall clock | CPU time |")
	fmt.Fprintln(b, "|---|---|---:|---:|")
	fmt.Fprintf(b, "| typical decision with / without in-bundle validation | ≤ 1.15 | %s | %s |\n\n",
		judgeText(r.timeRatio(keyValidated, keyUnvalidated), 1.15), judgeText(r.cpuRatio(keyValidated, keyUnvalidated), 1.15))
}
