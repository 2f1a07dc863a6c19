// Package policy holds the tools standards staff use on a policy bundle: run
// its Rego tests, check it for consistency, list its catalog, and build a
// (signed) bundle archive that stock OPA loads.
package policy

import (
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Source is a bundle as a staff member edits it, tests included.
type Source struct {
	*engine.Bundle
	// Modules maps each module's file name (as OPA's locations name it) to
	// its parsed form, tests included.
	Modules map[string]*ast.Module
}

// Load reads the bundle at path (a directory, a .tar.gz, or "" for the
// embedded bundle) through the engine's loader, without verifying signatures.
func Load(path string) (*Source, error) {
	b, err := engine.LoadBundle(engine.LoadOptions{Path: path})
	if err != nil {
		return nil, err
	}
	return FromBundle(b), nil
}

// moduleFile is the file name OPA puts in the module's locations, which is
// the one coverage and compile errors use.
func moduleFile(m *ast.Module, fallback string) string {
	if m.Package != nil && m.Package.Location != nil && m.Package.Location.File != "" {
		return m.Package.Location.File
	}
	return fallback
}

// Model reads the bundle's model from its rule modules and data.
func (s *Source) Model() (*model.Model, error) {
	return model.Build(s.RuleModules(), s.Data, s.Revision())
}

// isTestFile tells Rego test files apart: they stay out of built bundles and
// out of coverage figures.
func isTestFile(path string) bool { return strings.HasSuffix(path, "_test.rego") }

// RuleModules returns the modules that are not tests.
func (s *Source) RuleModules() map[string]*ast.Module {
	out := make(map[string]*ast.Module, len(s.Modules))
	for path, m := range s.Modules {
		if !isTestFile(path) {
			out[path] = m
		}
	}
	return out
}

// lookupObject walks nested JSON objects along keys.
func lookupObject(v any, keys ...string) map[string]any {
	for _, k := range keys {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	obj, _ := v.(map[string]any)
	return obj
}
