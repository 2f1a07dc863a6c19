package policies_test

import (
	"context"
	"encoding/json"
	"io/fs"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/policies"
	"github.com/forerunner-project/forerunner/schemas"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"
)

var regoV1 = ast.ParserOptions{RegoVersion: ast.RegoV1, ProcessAnnotation: true}

// evidenceSchemaSet is schemas/evidence.schema.json as schema.evidence, the name the
// policies' METADATA `schemas: - input: schema.evidence` refers to.
func evidenceSchemaSet(t testing.TB) *ast.SchemaSet {
	t.Helper()
	raw, err := fs.ReadFile(schemas.FS, "evidence.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	set := ast.NewSchemaSet()
	set.Put(ast.MustParseRef("schema.evidence"), doc)
	return set
}

// TestRego runs every *_test.rego of the bundle through OPA's tester, type-checked
// against the evidence schema, exactly as `opa test policies/` runs them untyped.
func TestRego(t *testing.T) {
	ctx := context.Background()
	bundles, store, err := tester.LoadBundlesWithParserOptions([]string{"."}, nil, regoV1)
	if err != nil {
		t.Fatal(err)
	}
	compiler := ast.NewCompiler().WithSchemas(evidenceSchemaSet(t)).WithUseTypeCheckAnnotations(true).WithDefaultRegoVersion(ast.RegoV1)
	txn, err := store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Abort(ctx, txn)
	runner := tester.NewRunner().SetCompiler(compiler).SetStore(store).SetBundles(bundles).
		SetDefaultRegoVersion(ast.RegoV1).RaiseBuiltinErrors(true)
	results, err := runner.RunTests(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	count := 0
	for r := range results {
		count++
		if r.Error != nil {
			t.Errorf("%s.%s: %v", r.Package, r.Name, r.Error)
		} else if r.Fail {
			t.Errorf("%s.%s failed (%s:%d)", r.Package, r.Name, r.Location.File, r.Location.Row)
		}
	}
	if count == 0 {
		t.Fatal("no Rego tests found")
	}
	t.Logf("%d Rego tests", count)
}

// bundleModules parses every Rego file of the embedded bundle, tests included.
func bundleModules(t testing.TB) map[string]*ast.Module {
	t.Helper()
	modules := map[string]*ast.Module{}
	err := fs.WalkDir(policies.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".rego") {
			return err
		}
		src, err := fs.ReadFile(policies.FS, p)
		if err != nil {
			return err
		}
		m, err := ast.ParseModuleWithOpts(p, string(src), regoV1)
		modules[p] = m
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return modules
}

func typeCheck(t testing.TB, modules map[string]*ast.Module) ast.Errors {
	t.Helper()
	c := ast.NewCompiler().WithSchemas(evidenceSchemaSet(t)).WithUseTypeCheckAnnotations(true).WithDefaultRegoVersion(ast.RegoV1)
	c.Compile(modules)
	return c.Errors
}

func TestTypeCheckAgainstEvidenceSchema(t *testing.T) {
	if errs := typeCheck(t, bundleModules(t)); len(errs) > 0 {
		t.Fatalf("bundle does not type-check against the evidence schema: %v", errs)
	}
}

// TestMisspeltInputPathIsACompileError proves the schema annotations bite: the same
// item with input.core.group_standard (no s) must not compile.
func TestMisspeltInputPathIsACompileError(t *testing.T) {
	const file = "forerunner/v1/items/core/group_standards.rego"
	modules := bundleModules(t)
	src, err := fs.ReadFile(policies.FS, file)
	if err != nil {
		t.Fatal(err)
	}
	misspelt := strings.ReplaceAll(string(src), "input.core.group_standards", "input.core.group_standard")
	if misspelt == string(src) {
		t.Fatal("the item no longer reads input.core.group_standards: update this test")
	}
	modules[file], err = ast.ParseModuleWithOpts(file, misspelt, regoV1)
	if err != nil {
		t.Fatal(err)
	}
	errs := typeCheck(t, modules)
	if len(errs) == 0 {
		t.Fatal("a misspelt input path compiled")
	}
	if !strings.Contains(errs.Error(), "group_standard") {
		t.Fatalf("expected an error naming the misspelt path, got %v", errs)
	}
}
