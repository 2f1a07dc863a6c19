package engine

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// json.match_schema is kept only because the capabilities allow no network:
// a schema's remote $ref must fail the evaluation, never be fetched.
func TestSchemaBuiltinsFetchNothing(t *testing.T) {
	if allow := Capabilities().AllowNet; allow == nil || len(allow) > 0 {
		t.Fatalf("AllowNet = %v, want an empty, non-nil list (nil allows every host)", allow)
	}
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		requests.Add(1)
		_, _ = w.Write([]byte(`{"type": "object"}`))
	}))
	defer srv.Close()
	module := `package t
match := json.match_schema({}, {"$ref": "` + srv.URL + `/schema.json"})
verify := json.verify_schema({"$ref": "` + srv.URL + `/schema.json"})`
	compiler := NewCompiler(nil)
	compiler.Compile(map[string]*ast.Module{"t.rego": ast.MustParseModuleWithOpts(module, ast.ParserOptions{RegoVersion: ast.RegoV1})})
	if compiler.Failed() {
		t.Fatal(compiler.Errors)
	}
	for _, query := range []string{"data.t.match", "data.t.verify"} {
		rs, err := rego.New(rego.Query(query), rego.Compiler(compiler), rego.StrictBuiltinErrors(true)).Eval(context.Background())
		if query == "data.t.match" && err == nil {
			t.Errorf("%s: a remote $ref evaluated to %v", query, rs)
		}
		if query == "data.t.verify" && err == nil && (len(rs) == 0 || rs[0].Expressions[0].Value.([]any)[0] != false) {
			t.Errorf("%s: a remote $ref verified: %v", query, rs)
		}
	}
	if n := requests.Load(); n > 0 {
		t.Fatalf("the schema server got %d request(s)", n)
	}
}
