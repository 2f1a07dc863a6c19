package engine

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/ast"
)

// CompileOptions tunes a compile of the bundle.
type CompileOptions struct {
	// IncludeTests keeps *_test.rego modules (policy test); eval leaves them out.
	IncludeTests bool
	// Schemas, when set, type-checks the policies against the input schema.
	Schemas *ast.SchemaSet
}

// Compile checks that no module calls a refused built-in, then compiles the
// bundle's modules with the restricted capabilities. Errors name file:line.
func Compile(b *Bundle, opts CompileOptions) (*ast.Compiler, error) {
	modules := Modules(b, opts.IncludeTests)
	if refused := RefusedCalls(modules); len(refused) > 0 {
		return nil, &Error{Code: CodeRefusedCall, Details: refused, Msg: i18n.Tf(
			"策略包 %s 调用了不允许的内置函数（网络、时钟、随机数或运行时信息会让评分不可复现），已拒绝加载",
			"bundle %s calls built-in functions that are not allowed (network, clock, randomness or runtime information would make scores irreproducible); refused",
			b.Source)}
	}
	compiler := NewCompiler(opts.Schemas)
	compiler.Compile(modules)
	if compiler.Failed() {
		return nil, &Error{Code: CodeBundleCompile, Err: compiler.Errors, Details: compileDetails(compiler.Errors),
			Msg: i18n.Tf("策略包 %s 编译失败", "bundle %s failed to compile", b.Source)}
	}
	return compiler, nil
}

// NewCompiler returns an OPA compiler with the restricted capabilities, for
// callers (policy test) that drive the compile themselves.
func NewCompiler(schemas *ast.SchemaSet) *ast.Compiler {
	c := ast.NewCompiler().
		WithCapabilities(Capabilities()).
		WithEnablePrintStatements(false).
		WithUseTypeCheckAnnotations(true)
	if schemas != nil {
		c = c.WithSchemas(schemas)
	}
	return c
}

// Modules returns the bundle's parsed modules keyed by file path (no leading
// "/"), optionally without the *_test.rego ones.
func Modules(b *Bundle, includeTests bool) map[string]*ast.Module {
	modules := map[string]*ast.Module{}
	for _, mf := range b.Modules {
		name := strings.TrimPrefix(mf.Path, "/")
		if !includeTests && strings.HasSuffix(name, "_test.rego") {
			continue
		}
		modules[name] = mf.Parsed
	}
	return modules
}

// RefusedCalls lists every call to a refused built-in as "file:line: name".
func RefusedCalls(modules map[string]*ast.Module) []i18n.Text {
	refused := refusedBuiltinNames()
	var found []i18n.Text
	report := func(name string, loc *ast.Location) {
		if !refused[name] {
			return
		}
		where := "?"
		if loc != nil {
			where = fmt.Sprintf("%s:%d", strings.TrimPrefix(loc.File, "/"), loc.Row)
		}
		found = append(found, i18n.Tf("%s: 调用了 %s（不确定性内置函数，不允许）",
			"%s: calls %s (a non-deterministic built-in, not allowed)", where, name))
	}
	for _, name := range slices.Sorted(maps.Keys(modules)) {
		ast.WalkExprs(modules[name], func(e *ast.Expr) bool {
			if e.IsCall() {
				report(e.Operator().String(), e.Location)
			}
			return false
		})
		ast.WalkTerms(modules[name], func(t *ast.Term) bool {
			if call, ok := t.Value.(ast.Call); ok && len(call) > 0 {
				report(call[0].String(), t.Location)
			}
			return false
		})
	}
	return found
}

// compileDetails turns OPA's compile errors into file:line lines.
func compileDetails(errs ast.Errors) []i18n.Text {
	details := make([]i18n.Text, 0, len(errs))
	for _, e := range errs {
		where := "?"
		if e.Location != nil {
			where = fmt.Sprintf("%s:%d", strings.TrimPrefix(e.Location.File, "/"), e.Location.Row)
		}
		details = append(details, i18n.Tf("%s: %s", "%s: %s", where, e.Message))
	}
	return details
}
