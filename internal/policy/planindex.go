package policy

import (
	"context"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/open-policy-agent/opa/v1/ast"
)

// CodePlanIndex: the plan index disagrees with what the bundle's config
// derives (or is missing while the bundle derives one).
const CodePlanIndex = "plan_index_stale"

// planIndexFindings compares the bundle's plan index with the one its own
// plan_index_of derives from its config, when it has that rule. Without it,
// the plans would offer the points and tiers of an older config.
func planIndexFindings(src *Source, compiler *ast.Compiler, m *model.Model) []Finding {
	derived, ok, err := engine.PlanIndexOf(context.Background(), compiler, src.Data, m)
	if err != nil {
		return []Finding{errorf(CodePlanIndex, engine.PlanIndexFile, "无法推导方案索引：%v", "cannot derive the plan index: %v", err)}
	}
	if !ok {
		return nil
	}
	if engine.SamePlanIndex(engine.StoredPlanIndex(src.Data), derived) {
		return nil
	}
	return []Finding{errorf(CodePlanIndex, engine.PlanIndexFile,
		"方案索引与 config/data.json 不一致（运行 forerunner policy check --fix --bundle 目录）",
		"the plan index does not match config/data.json (run forerunner policy check --fix --bundle DIR)")}
}

// UpdatePlanIndex rewrites the plan index of the bundle directory dir from
// its config; it writes nothing when the bundle derives none.
func UpdatePlanIndex(dir string, src *Source) (string, error) {
	derived, ok, err := engine.DerivePlanIndex(context.Background(), src.Bundle)
	if err != nil || !ok {
		return "", err
	}
	raw, err := engine.PlanIndexJSON(derived)
	if err != nil {
		return "", err
	}
	return writeGenerated(dir, engine.PlanIndexFile, raw)
}
