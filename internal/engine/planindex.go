package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
)

// The plan index (policies/forerunner/v1/plan_index.rego) is data the plans
// read instead of building it from the config at every decision. The bundle
// derives it with its own rule, plan_index_of, from the config and the items'
// categories (their METADATA, which only the host reads); the host evaluates
// that rule to write the index (`policy check --fix`), to check it (`policy
// check`) and to keep it in step after --set.

// PlanIndexFile is where the index lives in a bundle directory.
const PlanIndexFile = "forerunner/v1/plan_index/data.json"

// planIndexPath is the index's place in the bundle data.
var planIndexPath = []string{"forerunner", "v1", "plan_index"}

// planIndexRule derives the index; a bundle without it has no index.
const planIndexRule = "data.forerunner.v1.plan_index_of"

// DerivePlanIndex compiles b and evaluates its plan_index_of for its own
// config and items; ok is false when the bundle defines no plan_index_of.
func DerivePlanIndex(ctx context.Context, b *Bundle) (index any, ok bool, err error) {
	compiler, err := Compile(b, CompileOptions{})
	if err != nil {
		return nil, false, err
	}
	m, err := BuildModel(b)
	if err != nil {
		return nil, false, err
	}
	return PlanIndexOf(ctx, compiler, b.Data, m)
}

// PlanIndexOf evaluates plan_index_of of a compiled bundle (compiler) over its
// data, for the items of its model m; ok is false when the bundle defines no
// plan_index_of.
func PlanIndexOf(ctx context.Context, compiler *ast.Compiler, data map[string]any, m *model.Model) (index any, ok bool, err error) {
	if len(compiler.GetRules(ast.MustParseRef(planIndexRule))) == 0 {
		return nil, false, nil
	}
	categories := map[string]string{}
	for _, it := range m.Items {
		categories[it.ID] = it.Category
	}
	arg, err := json.Marshal(categories)
	if err != nil {
		return nil, false, err
	}
	rs, err := rego.New(rego.Query(planIndexRule+"("+string(arg)+")"), rego.Compiler(compiler),
		rego.Store(inmem.NewFromObject(data)), rego.StrictBuiltinErrors(true)).Eval(ctx)
	if err != nil || len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, false, &Error{Code: CodeEval, Err: err, Msg: i18n.Tf(
			"无法从配置推导方案索引（%s）", "cannot derive the plan index from the config (%s)", planIndexRule)}
	}
	return rs[0].Expressions[0].Value, true, nil
}

// StoredPlanIndex is the index the bundle data holds, nil when none.
func StoredPlanIndex(data map[string]any) any { return dataAt(data, planIndexPath) }

// dataAt is the value at path in the bundle data, nil when there is none.
func dataAt(data map[string]any, path []string) any {
	var v any = data
	for _, k := range path {
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[k]
	}
	return v
}

// SamePlanIndex reports whether two indexes say the same.
func SamePlanIndex(a, b any) bool {
	x, errX := PlanIndexJSON(a)
	y, errY := PlanIndexJSON(b)
	return errX == nil && errY == nil && bytes.Equal(x, y)
}

// PlanIndexJSON is the index file's content: keys sorted, each item's moves
// and steps one line per points value.
func PlanIndexJSON(index any) ([]byte, error) {
	obj, ok := index.(map[string]any)
	if !ok {
		return compactJSON(index)
	}
	var buf bytes.Buffer
	buf.WriteString("{\n")
	for i, k := range slices.Sorted(maps.Keys(obj)) {
		if err := writeIndexEntry(&buf, k, obj[k], i == len(obj)-1); err != nil {
			return nil, err
		}
	}
	buf.WriteString("}\n")
	return buf.Bytes(), nil
}

// writeIndexEntry writes one top-level key: an object of arrays (moves,
// steps) one element a line, anything else on one line.
func writeIndexEntry(buf *bytes.Buffer, key string, v any, last bool) error {
	name, err := compactJSON(key)
	if err != nil {
		return err
	}
	buf.WriteString(" " + string(name) + ": ")
	if byItem, ok := v.(map[string]any); ok && len(byItem) > 0 {
		buf.WriteString("{\n")
		for i, id := range slices.Sorted(maps.Keys(byItem)) {
			if err := writeIndexList(buf, id, byItem[id], i == len(byItem)-1); err != nil {
				return err
			}
		}
		buf.WriteString(" }")
	} else {
		raw, err := compactJSON(v)
		if err != nil {
			return err
		}
		buf.Write(raw)
	}
	buf.WriteString(comma(last) + "\n")
	return nil
}

func writeIndexList(buf *bytes.Buffer, id string, v any, last bool) error {
	name, err := compactJSON(id)
	if err != nil {
		return err
	}
	list, ok := v.([]any)
	if !ok {
		raw, err := compactJSON(v)
		if err != nil {
			return err
		}
		buf.WriteString("  " + string(name) + ": " + string(raw) + comma(last) + "\n")
		return nil
	}
	buf.WriteString("  " + string(name) + ": [\n")
	for i, e := range list {
		raw, err := compactJSON(e)
		if err != nil {
			return err
		}
		buf.WriteString("   " + string(raw) + comma(i == len(list)-1) + "\n")
	}
	buf.WriteString("  ]" + comma(last) + "\n")
	return nil
}

func comma(last bool) string {
	if last {
		return ""
	}
	return ","
}

// compactJSON is v as one line of JSON, keys sorted, "<", ">" and "&" as they are.
func compactJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// RefreshPlanIndex re-derives the plan index of b's data after --set changed
// an item of the config, so that the plans follow the what-if; it changes nothing when
// the bundle has no index or it is already in step. It reports whether it
// changed the data.
func (b *Bundle) RefreshPlanIndex(ctx context.Context) (bool, error) {
	// The index depends on the items' points, tiers and fixed marks (and the
	// categories' names, which --set cannot change).
	if !slices.ContainsFunc(b.Overrides, func(o Override) bool { return strings.HasPrefix(o.Path, "/forerunner/v1/config/items/") }) {
		return false, nil
	}
	stored := StoredPlanIndex(b.Data)
	if stored == nil {
		return false, nil
	}
	derived, ok, err := DerivePlanIndex(ctx, b)
	if err != nil || !ok || SamePlanIndex(stored, derived) {
		return false, err
	}
	parent := dataAt(b.Data, planIndexPath[:len(planIndexPath)-1]).(map[string]any) // StoredPlanIndex found the path
	parent[planIndexPath[len(planIndexPath)-1]] = derived
	b.DataDigest = DataDigest(b.Data)
	return true, nil
}
