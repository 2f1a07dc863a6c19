package engine

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/cache"
	opaversion "github.com/open-policy-agent/opa/v1/version"
)

// Version is the engine version; release builds may set it with -ldflags -X.
var Version = "0.1.0"

// DecisionPath is the rule whose value is the result document.
const DecisionPath = "data.forerunner.v1.result"

// ValidatedDecisionPath is the same decision without the bundle's own input
// validation, for input the host has validated already.
const ValidatedDecisionPath = "data.forerunner.v1.result_of_validated_input"

// GradePath is the validated decision without next_level, for callers that
// read the grade alone.
const GradePath = "data.forerunner.v1.result_without_next_level"

// DefaultTimeout bounds one evaluation unless Options says otherwise.
const DefaultTimeout = 10 * time.Second

// EngineName is the provenance's "engine" value.
func EngineName() string { return "forerunner " + Version }

// OPAVersion is the version of the embedded OPA library.
func OPAVersion() string { return opaversion.Version }

// Options tunes an Engine.
type Options struct {
	// Timeout bounds each evaluation; zero means DefaultTimeout.
	Timeout time.Duration
	// Schemas, when set, type-checks the policies against the input schema.
	Schemas *ast.SchemaSet
	// InputValidated says every input was validated first by the evidence
	// package (same schema, same rules): the engine then queries
	// ValidatedDecisionPath, when the bundle has it, to skip the bundle's own
	// validation.
	InputValidated bool
	// GradeOnly says the caller reads the grade alone (items, categories,
	// total, vetoes, level), not next_level: with InputValidated, the engine
	// then queries GradePath, when the bundle has it, and skips the plans.
	GradeOnly bool
	// Unchecked records in every result's provenance that the bundle was
	// used without the checks of policy check (--no-check).
	Unchecked bool
}

// Engine is a compiled bundle ready to score evidence; Eval is safe for
// concurrent use, so one Engine serves every worker.
type Engine struct {
	bundle  *Bundle
	model   *model.Model
	query   rego.PreparedEvalQuery
	timeout time.Duration
	// values keeps what built-ins compile from bundle values across
	// decisions: json.match_schema's compiled evidence schema (OPA's server
	// keeps one too); without it every decision recompiles the schema.
	values cache.InterQueryValueCache
	// unchecked: the bundle is used without the checks of policy check.
	unchecked bool
	// compiler and store serve the batch's carried_forward query, prepared
	// on first use.
	compiler *ast.Compiler
	store    storage.Store
	carry    carrier
}

// Load reads and compiles a bundle into an Engine in one step.
func Load(ctx context.Context, load LoadOptions, opts Options) (*Engine, error) {
	b, err := LoadBundle(load)
	if err != nil {
		return nil, err
	}
	return New(ctx, b, opts)
}

// New compiles b once and prepares the decision query.
func New(ctx context.Context, b *Bundle, opts Options) (*Engine, error) {
	compiler, err := Compile(b, CompileOptions{Schemas: opts.Schemas})
	if err != nil {
		return nil, err
	}
	if len(compiler.GetRules(ast.MustParseRef(DecisionPath))) == 0 {
		return nil, &Error{Code: CodeBundleCompile, Msg: i18n.Tf(
			"策略包 %s 没有定义决策规则 %s", "bundle %s defines no decision rule %s", b.Source, DecisionPath)}
	}
	// AST values on read: the bundle data (config, calendar index) is kept as OPA
	// values once, instead of being converted again on every read of every evaluation.
	store := inmem.NewFromObjectWithOpts(b.Data, inmem.OptRoundTripOnWrite(false), inmem.OptReturnASTValuesOnRead(true))
	query, err := rego.New(
		rego.Query(decisionQuery(compiler, opts)),
		rego.Compiler(compiler),
		rego.Store(store),
		rego.StrictBuiltinErrors(true),
	).PrepareForEval(ctx)
	if err != nil {
		return nil, &Error{Code: CodeBundleCompile, Err: err,
			Msg: i18n.Tf("无法准备决策 %s", "cannot prepare the decision %s", DecisionPath)}
	}
	m, err := BuildModel(b)
	if err != nil {
		return nil, err
	}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	return &Engine{bundle: b, model: m, query: query, timeout: timeout, values: newValueCache(ctx),
		compiler: compiler, store: store, unchecked: opts.Unchecked}, nil
}

// decisionQuery is the validated decision (or its grade alone) when the host
// validated the input and the bundle defines it (a bundle exported before it
// existed does not).
func decisionQuery(compiler *ast.Compiler, opts Options) string {
	defines := func(path string) bool { return len(compiler.GetRules(ast.MustParseRef(path))) > 0 }
	switch {
	case opts.InputValidated && opts.GradeOnly && defines(GradePath):
		return GradePath
	case opts.InputValidated && defines(ValidatedDecisionPath):
		return ValidatedDecisionPath
	}
	return DecisionPath
}

// valueCacheEntries bounds the value cache: its keys are the bundle's
// schemas and regular expressions, a few dozen, not anything per document.
const valueCacheEntries = 1000

func newValueCache(ctx context.Context) cache.InterQueryValueCache {
	n := valueCacheEntries
	return cache.NewInterQueryValueCache(ctx, &cache.Config{
		InterQueryBuiltinValueCache: cache.InterQueryBuiltinValueCacheConfig{MaxNumEntries: &n}})
}

// Model is the description of the bundle the engine evaluates.
func (e *Engine) Model() *model.Model { return e.model }

// Source names the bundle: "embedded", the directory or the tarball path.
func (e *Engine) Source() string { return e.bundle.Source }

// Timeout is the time one document may take.
func (e *Engine) Timeout() time.Duration { return e.timeout }

// BuildModel reads the bundle's model from its rule modules and data; a
// malformed configuration is a bundle error.
func BuildModel(b *Bundle) (*model.Model, error) {
	m, err := model.Build(Modules(b, false), b.Data, b.Revision())
	if err != nil {
		return nil, &Error{Code: CodeBundleCompile, Err: err, Msg: i18n.Tf(
			"无法读取策略包 %s 的描述（METADATA 与配置数据）", "cannot read the description (METADATA and config data) of bundle %s", b.Source)}
	}
	return m, nil
}

// Provenance returns the provenance of a result for evidence of this digest.
func (e *Engine) Provenance(evidenceDigest string) Provenance {
	p := Provenance{
		Engine:         EngineName(),
		OPA:            OPAVersion(),
		BundleRevision: e.bundle.Revision(),
		BundleDigest:   e.bundle.Digest,
		EvidenceDigest: evidenceDigest,
		Overrides:      e.bundle.Overrides,
		DataDigest:     e.bundle.DataDigest,
	}
	if e.unchecked {
		p.BundleChecks = ChecksSkipped
	}
	return p
}

// Eval scores one evidence document (its decoded value: maps, slices,
// strings, json.Number, bools, nil) and checks the result's arithmetic.
func (e *Engine) Eval(ctx context.Context, input any, evidenceDigest string) (*Result, error) {
	value, err := ast.InterfaceToValue(input)
	if err != nil {
		return nil, &Error{Code: CodeEval, Err: err, Msg: i18n.T("无法转换证据文档", "cannot convert the evidence document")}
	}
	decision, err := e.evalValue(ctx, value)
	if err != nil {
		return nil, err
	}
	result, err := decodeResult(decision)
	if err != nil {
		return nil, err
	}
	result.Provenance = e.Provenance(evidenceDigest)
	if err := CheckResult(result, e.model); err != nil {
		return nil, err
	}
	return result, nil
}

// evalValue runs the prepared query under the timeout.
func (e *Engine) evalValue(ctx context.Context, input ast.Value) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := e.query.Eval(ctx, rego.EvalParsedInput(input), rego.EvalInterQueryBuiltinValueCache(e.values))
	if err != nil {
		return nil, evalError(err, e.timeout)
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, &Error{Code: CodeEval, Msg: i18n.Tf(
			"策略包没有给出决策 %s（未定义）", "the bundle gave no decision %s (undefined)", DecisionPath)}
	}
	return rs[0].Expressions[0].Value, nil
}

func evalError(err error, timeout time.Duration) error {
	var topErr *topdown.Error
	if errors.Is(err, context.DeadlineExceeded) || (errors.As(err, &topErr) && topErr.Code == topdown.CancelErr) {
		return &Error{Code: CodeEvalTimeout, Err: err, Msg: i18n.Tf(
			"评分超时（超过 %s）", "evaluation timed out (over %s)", timeout)}
	}
	return &Error{Code: CodeEval, Err: err, Msg: i18n.T("策略求值失败", "policy evaluation failed")}
}

func decodeError(err error) error {
	return &Error{Code: CodeDecode, Err: err, Msg: i18n.Tf(
		"决策 %s 不符合结果文档格式", "the decision %s does not have the result document's shape", DecisionPath)}
}

// CheckResult refuses a scored result whose items do not add up to its
// categories and total, or whose level the bundle does not define: that is a
// bug in the bundle.
func CheckResult(r *Result, m *model.Model) error {
	if !r.Scored() {
		return nil
	}
	var problems []i18n.Text
	add := func(t i18n.Text) { problems = append(problems, t) }
	if len(r.Items) == 0 || r.Total == nil || r.Level == nil || len(r.Categories) == 0 {
		add(i18n.T("缺少 items、categories、total 或 level", "items, categories, total or level is missing"))
	} else {
		checkSums(r, add)
		checkLevel(r, m, add)
	}
	checkDeclaredItems(r, m, add)
	checkDeclaredVetoes(r, m, add)
	if len(problems) == 0 {
		return nil
	}
	return &Error{Code: CodeInconsistent, Details: problems, Msg: i18n.T(
		"内部错误：策略包给出的结果自相矛盾，不予输出（策略包缺陷）",
		"internal error: the bundle returned an inconsistent result, which is not printed (a bug in the bundle)")}
}

// checkDeclaredItems refuses a result missing an item the bundle declares:
// a rule that is undefined for some input (its reason quoting an absent
// optional field, say) would otherwise drop the item and its points silently.
func checkDeclaredItems(r *Result, m *model.Model, add func(i18n.Text)) {
	present := make(map[string]bool, len(r.Items))
	for _, it := range r.Items {
		present[it.ID] = true
	}
	for _, it := range m.Items {
		if !present[it.ID] {
			add(i18n.Tf("策略包声明的条目 %s 没有结果（其规则对此文档未定义）",
				"item %s, declared by the bundle, has no result (its rule is undefined for this document)", it.ID))
		}
	}
}

// checkDeclaredVetoes refuses a result in which a veto the bundle lists did
// not answer: a veto rule undefined for some input (its reason quoting an
// absent optional field, say) would otherwise never fire, silently.
func checkDeclaredVetoes(r *Result, m *model.Model, add func(i18n.Text)) {
	if r.VetoesChecked == nil && len(m.Vetoes) > 0 {
		add(i18n.T("决策缺少 vetoes_checked：策略包的否决项规则是旧写法，须给出每个否决项的判定（触发与否，见 README“否决项规则”）",
			"the decision lacks vetoes_checked: the bundle's veto rules are of the old kind and must give every veto's verdict, fired or not (see the README, \"Veto rules\")"))
		return
	}
	for _, v := range m.Vetoes {
		if !slices.Contains(r.VetoesChecked, v.ID) {
			add(i18n.Tf("策略包声明的否决项 %s 没有判定结果（其规则对此文档未定义），无法确定是否触发",
				"veto %s, declared by the bundle, has no verdict (its rule is undefined for this document): whether it fires cannot be told", v.ID))
		}
	}
}

func checkSums(r *Result, add func(i18n.Text)) {
	points, maxima := map[string]int{}, map[string]int{}
	for _, it := range r.Items {
		if _, ok := r.Categories[it.Category]; !ok {
			add(i18n.Tf("条目 %s 的类别 %q 不在 categories 中", "item %s has category %q, absent from categories", it.ID, it.Category))
		}
		if it.Points < 0 || it.Points > it.Max {
			add(i18n.Tf("条目 %s 得分 %d 超出 0..%d", "item %s scores %d, outside 0..%d", it.ID, it.Points, it.Max))
		}
		points[it.Category] += it.Points
		maxima[it.Category] += it.Max
	}
	total, totalMax, totalDeclared := 0, 0, 0
	for _, name := range slices.Sorted(maps.Keys(r.Categories)) {
		c := r.Categories[name]
		if c.Points != points[name] || c.Max != maxima[name] {
			add(i18n.Tf("类别 %s：%d/%d 与条目之和 %d/%d 不符", "category %s: %d/%d differs from its items' sum %d/%d",
				name, c.Points, c.Max, points[name], maxima[name]))
		}
		total, totalMax, totalDeclared = total+c.Points, totalMax+c.Max, totalDeclared+c.DeclaredMax
	}
	if r.Total.Points != total || r.Total.Max != totalMax || r.Total.DeclaredMax != totalDeclared {
		add(i18n.Tf("总分 %d/%d（声明 %d）与类别之和 %d/%d（声明 %d）不符",
			"total %d/%d (declared %d) differs from the categories' sum %d/%d (declared %d)",
			r.Total.Points, r.Total.Max, r.Total.DeclaredMax, total, totalMax, totalDeclared))
	}
}

func checkLevel(r *Result, m *model.Model, add func(i18n.Text)) {
	if !m.HasLevel(r.Level.Level) {
		add(i18n.Tf("等级 %d 不是策略包定义的等级", "level %d is not one of the bundle's levels", r.Level.Level))
	}
}

// String gives a short identification for logs.
func (p Provenance) String() string {
	return fmt.Sprintf("%s, bundle %s (%s)", p.Engine, p.BundleRevision, p.BundleDigest)
}
