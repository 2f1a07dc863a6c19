package policies_test

import (
	"encoding/json"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/policies"
	"github.com/open-policy-agent/opa/v1/ast"
)

// rego.metadata.rule() carries no source location, so the file and row of every
// rule that produces an item or a veto are kept in forerunner/v1/sources/data.json.
// This test keeps that file honest; its one writer is
// `forerunner policy check --fix --bundle policies`.

const sourcesFile = "forerunner/v1/sources/data.json"

type sourceLocation struct {
	File string `json:"file"`
	Row  int    `json:"row"`
}

func TestSources(t *testing.T) {
	want := ruleLocations(t)
	if len(want) == 0 {
		t.Fatal("no rule carries a METADATA custom.id")
	}
	raw, err := fs.ReadFile(policies.FS, sourcesFile)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]sourceLocation
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	for id, loc := range want {
		if got[id] != loc {
			t.Errorf("%s: %s says %+v, the rule is at %+v (run forerunner policy check --fix --bundle policies)", id, sourcesFile, got[id], loc)
		}
	}
	for id := range got {
		if _, ok := want[id]; !ok {
			t.Errorf("%s: listed in %s but no rule has that id (run forerunner policy check --fix --bundle policies)", id, sourcesFile)
		}
	}
}

// ruleLocations maps custom.id of every annotated rule of the bundle to its location.
func ruleLocations(t *testing.T) map[string]sourceLocation {
	t.Helper()
	locations := map[string]sourceLocation{}
	for _, m := range parsedModules(t) {
		for _, rule := range m.module.Rules {
			for _, a := range rule.Annotations {
				id, ok := a.Custom["id"].(string)
				if a.Scope != "rule" || !ok {
					continue
				}
				if prev, dup := locations[id]; dup {
					t.Errorf("id %s annotated twice: %s:%d and %s:%d", id, prev.File, prev.Row, m.file, rule.Location.Row)
				}
				locations[id] = sourceLocation{File: m.file, Row: rule.Location.Row}
			}
		}
	}
	return locations
}

type parsedModule struct {
	file   string
	module *ast.Module
}

// parsedModules parses every non-test Rego file of the embedded bundle.
func parsedModules(t *testing.T) []parsedModule {
	t.Helper()
	var out []parsedModule
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".rego" || strings.HasSuffix(p, "_test.rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), ast.ParserOptions{ProcessAnnotation: true, RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		out = append(out, parsedModule{file: p, module: m})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
