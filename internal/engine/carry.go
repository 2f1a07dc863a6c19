package engine

import (
	"context"
	"sync"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// CarryPath is the rule whose object a batch sets on the input of the same
// agency's next-cycle document (see internal/batch).
const CarryPath = "data.forerunner.v1.carried_forward"

// carrier is the carried_forward query, prepared on first use: single
// documents never need it.
type carrier struct {
	once  sync.Once
	query *rego.PreparedEvalQuery
	err   error
}

// Carried evaluates carried_forward for one evidence value: the fields this
// document supplies to its agency's next cycle. A bundle without the rule
// carries nothing forward.
func (e *Engine) Carried(ctx context.Context, input any) (map[string]any, error) {
	e.carry.once.Do(func() { e.carry.query, e.carry.err = e.prepareCarry(ctx) })
	if e.carry.err != nil || e.carry.query == nil {
		return nil, e.carry.err
	}
	value, err := ast.InterfaceToValue(input)
	if err != nil {
		return nil, &Error{Code: CodeEval, Err: err, Msg: i18n.T("无法转换证据文档", "cannot convert the evidence document")}
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.carry.query.Eval(ctx, rego.EvalParsedInput(value), rego.EvalInterQueryBuiltinValueCache(e.values))
	if err != nil {
		return nil, evalError(err, e.timeout)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return map[string]any{}, nil
	}
	carried, _ := rs[0].Expressions[0].Value.(map[string]any)
	return carried, nil
}

func (e *Engine) prepareCarry(ctx context.Context) (*rego.PreparedEvalQuery, error) {
	if len(e.compiler.GetRules(ast.MustParseRef(CarryPath))) == 0 {
		return nil, nil
	}
	query, err := rego.New(rego.Query(CarryPath), rego.Compiler(e.compiler), rego.Store(e.store),
		rego.StrictBuiltinErrors(true)).PrepareForEval(ctx)
	if err != nil {
		return nil, &Error{Code: CodeBundleCompile, Err: err,
			Msg: i18n.Tf("无法准备查询 %s", "cannot prepare the query %s", CarryPath)}
	}
	return &query, nil
}
