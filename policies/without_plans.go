package policies

import (
	"fmt"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
)

// PlansModule is the module that computes next_level.plans.
const PlansModule = "forerunner/v1/plans.rego"

// plansStub stands in for plans.rego where the decision is measured without
// the plans: next_level gains nothing from them, and the pass over the items
// that next_level.options shares with the plans (headroom) is kept.
const plansStub = "package forerunner.v1\n\nplan_fields := {}\n\nheadroom := [r | some r in item_results; r.points < r.max]\n"

// WithoutPlans replaces plans.rego in b by the stub: the decision as it was
// before the plan search, which BenchmarkPlans and the bench command's plans
// phase compare with the whole decision.
func WithoutPlans(b *bundle.Bundle) error {
	parsed, err := ast.ParseModuleWithOpts(PlansModule, plansStub, ast.ParserOptions{RegoVersion: ast.RegoV1})
	if err != nil {
		return err
	}
	for i, m := range b.Modules {
		if strings.HasSuffix(m.Path, PlansModule) {
			b.Modules[i].Parsed, b.Modules[i].Raw = parsed, []byte(plansStub)
			return nil
		}
	}
	return fmt.Errorf("bundle has no %s", PlansModule)
}
