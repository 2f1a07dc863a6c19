package policies

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown/cache"
)

// Property tests over generated valid evidence (issue 3): every item within
// [0, max], sums consistent, level consistent with thresholds and vetoes,
// evidence pointers that resolve, and [I-12] monotonicity. The bundle is
// prepared once and shared. FORERUNNER_PROPERTY_DOCS scales the corpus.

const (
	propertySeed  = 20240101
	propertyDocs  = 2000 // documents checked for the invariants
	monotonicDocs = 400  // documents mutated for [I-12], once per mutation
	shortDivisor  = 10   // -short runs a tenth
	resultQuery   = "data.forerunner.v1.result"
	configQuery   = "data.forerunner.v1.config"
	levelWorst    = 4
	// deterministicEvery: every so many documents are scored twice more and
	// compared byte for byte (result.md: same evidence, same bytes).
	deterministicEvery = 25
)

type itemResult struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Points   int      `json:"points"`
	Max      int      `json:"max"`
	Tier     string   `json:"tier"`
	Evidence []string `json:"evidence"`
	Title    text     `json:"title"`
	Reason   text     `json:"reason"`
}

type text struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
}

type score struct {
	Points      int `json:"points"`
	Max         int `json:"max"`
	DeclaredMax int `json:"declared_max"`
}

type decision struct {
	Items      []itemResult     `json:"items"`
	Categories map[string]score `json:"categories"`
	Total      score            `json:"total"`
	Vetoes     []struct {
		ID string `json:"id"`
	} `json:"vetoes"`
	Level struct {
		Level int `json:"level"`
	} `json:"level"`
	Warnings []struct {
		text
		At string `json:"at"`
	} `json:"warnings"`
	Errors []json.RawMessage `json:"errors"`
}

// levelRule is one row of config.levels.
type levelRule struct {
	Level int            `json:"level"`
	Min   map[string]int `json:"min"`
}

type itemConfig struct {
	Max   int `json:"max"`
	Tiers []struct {
		Tier   string `json:"tier"`
		Points int    `json:"points"`
	} `json:"tiers"`
}

type config struct {
	Items  map[string]itemConfig `json:"items"`
	Levels []levelRule           `json:"levels"`
}

type scorer struct {
	query     rego.PreparedEvalQuery
	config    config
	rawConfig json.RawMessage // the whole of config, for tests that read more of it
}

var (
	sharedScorer *scorer
	scorerErr    error
	scorerOnce   sync.Once
)

// newScorer reads the embedded bundle (tests left out) and prepares the
// decision once for all property tests.
func newScorer(t *testing.T) *scorer {
	t.Helper()
	scorerOnce.Do(func() { sharedScorer, scorerErr = prepareScorer() })
	if scorerErr != nil {
		t.Fatalf("preparing the bundle: %v", scorerErr)
	}
	return sharedScorer
}

func prepareScorer() (*scorer, error) {
	loader, err := bundle.NewFSLoader(FS)
	if err != nil {
		return nil, err
	}
	loader = loader.WithFilter(func(path string, info fs.FileInfo, _ int) bool {
		return !info.IsDir() && strings.HasSuffix(path, "_test.rego")
	})
	b, err := bundle.NewCustomReader(loader).WithProcessAnnotations(true).WithSkipBundleVerification(true).Read()
	if err != nil {
		return nil, err
	}
	ctx := context.Background()
	pq, err := rego.New(rego.Query(resultQuery), rego.ParsedBundle("forerunner", &b)).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	s := &scorer{query: pq}
	cq, err := rego.New(rego.Query(configQuery), rego.ParsedBundle("forerunner", &b)).PrepareForEval(ctx)
	if err != nil {
		return nil, err
	}
	if err := evalInto(ctx, cq, nil, &s.rawConfig); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(s.rawConfig, &s.config); err != nil {
		return nil, err
	}
	return s, nil
}

// valueCache keeps json.match_schema's compiled evidence schema across
// evaluations, as OPA's server and forerunner's engine do.
var valueCache = cache.NewInterQueryValueCache(context.Background(), nil)

func evalInto(ctx context.Context, pq rego.PreparedEvalQuery, input ast.Value, out any) error {
	opts := []rego.EvalOption{rego.EvalInterQueryBuiltinValueCache(valueCache)}
	if input != nil {
		opts = append(opts, rego.EvalParsedInput(input))
	}
	rs, err := pq.Eval(ctx, opts...)
	if err != nil {
		return err
	}
	if len(rs) != 1 || len(rs[0].Expressions) != 1 {
		return fmt.Errorf("undefined decision")
	}
	raw, err := json.Marshal(rs[0].Expressions[0].Value)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// score evaluates doc and returns the decision with the input it was given.
func (s *scorer) score(t *testing.T, doc *corpus.Document) (decision, map[string]any) {
	t.Helper()
	input, m := inputOf(t, doc)
	var d decision
	if err := evalInto(context.Background(), s.query, input, &d); err != nil {
		t.Fatalf("agency %s: %v", doc.Agency.ID, err)
	}
	return d, m
}

// inputOf gives doc as OPA input and as the generic value it was made from.
func inputOf(t *testing.T, doc *corpus.Document) (ast.Value, map[string]any) {
	t.Helper()
	m, err := doc.Map()
	if err != nil {
		t.Fatal(err)
	}
	input, err := ast.InterfaceToValue(m)
	if err != nil {
		t.Fatal(err)
	}
	return input, m
}

// corpusSize is how many documents a property test uses.
func corpusSize(t *testing.T, full int) int {
	t.Helper()
	if v := os.Getenv("FORERUNNER_PROPERTY_DOCS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("FORERUNNER_PROPERTY_DOCS=%q: want a positive integer", v)
		}
		return n * full / propertyDocs
	}
	if testing.Short() {
		return full / shortDivisor
	}
	return full
}

// generated cycles through the Small and Typical presets and a size drawn
// for the document, so that list lengths vary (empty lists and the 3.4
// boundaries included).
func generated(i int) (*corpus.Document, corpus.Plan) {
	size := [...]corpus.Size{corpus.Small, corpus.Typical, drawnSize(i)}[i%3]
	return corpus.Generator{Size: size}.Document(corpus.Seed(propertySeed, i))
}

// modelCounts are the declared-model counts a drawn size picks from: 3.4's
// boundaries (I-8) and their neighbours.
var modelCounts = []int{0, 1, 49, 50, 99, 100, 101, 150}

func drawnSize(i int) corpus.Size {
	rng := rand.New(rand.NewPCG(uint64(i), propertySeed))
	return corpus.Size{
		Enterprises: rng.IntN(4), Standards: rng.IntN(5), Models: modelCounts[rng.IntN(len(modelCounts))],
		Trainings: rng.IntN(6), GroupStandards: rng.IntN(5), Publications: rng.IntN(5),
		SpotChecks: rng.IntN(4), BrandEvaluations: rng.IntN(4),
		ChangesPerStandard: rng.IntN(3), AccidentsPerFirm: rng.IntN(3),
	}
}

// TestPropertyInvariants checks each generated document's decision on its
// own, and against what the generator built it to score.
func TestPropertyInvariants(t *testing.T) {
	s := newScorer(t)
	n := corpusSize(t, propertyDocs)
	checks := 0
	for i := range n {
		doc, plan := generated(i)
		d, input := s.score(t, doc)
		if len(d.Errors) > 0 {
			t.Errorf("doc %d: generated documents stay inside the calendar, got errors %s", i, d.Errors[0])
			continue
		}
		checks += s.checkItems(t, i, d) + checkSums(t, i, d) + s.checkLevel(t, i, d) +
			checkPointers(t, i, d, input) + checkPlan(t, i, d, plan)
		if i%deterministicEvery == 0 {
			checks += s.checkDeterministic(t, i, doc)
		}
	}
	t.Logf("%d documents, %d property checks", n, checks)
}

// checkDeterministic scores doc twice, from two separately decoded inputs,
// and compares the decisions' JSON bytes.
func (s *scorer) checkDeterministic(t *testing.T, i int, doc *corpus.Document) int {
	t.Helper()
	first, second := s.rawDecision(t, doc), s.rawDecision(t, doc.Clone())
	if string(first) != string(second) {
		t.Errorf("doc %d: two evaluations of the same evidence differ", i)
	}
	return 1
}

func (s *scorer) rawDecision(t *testing.T, doc *corpus.Document) []byte {
	t.Helper()
	var raw json.RawMessage
	input, _ := inputOf(t, doc)
	if err := evalInto(context.Background(), s.query, input, &raw); err != nil {
		t.Fatal(err)
	}
	return raw
}

// checkItems: every configured item once, within [0, max], max and tier
// points as in config. It returns how many properties it checked.
func (s *scorer) checkItems(t *testing.T, i int, d decision) int {
	t.Helper()
	checks := 1
	if len(d.Items) != len(s.config.Items) {
		t.Errorf("doc %d: %d items, config has %d", i, len(d.Items), len(s.config.Items))
	}
	seen := map[string]bool{}
	for _, it := range d.Items {
		checks += 5
		cfg, known := s.config.Items[it.ID]
		if !known || seen[it.ID] {
			t.Errorf("doc %d: item %s unknown to config or repeated", i, it.ID)
		}
		seen[it.ID] = true
		if it.Points < 0 || it.Points > it.Max {
			t.Errorf("doc %d: item %s has %d points outside [0, %d]", i, it.ID, it.Points, it.Max)
		}
		if it.Max != cfg.Max {
			t.Errorf("doc %d: item %s max %d, config says %d", i, it.ID, it.Max, cfg.Max)
		}
		if want, ok := tierPoints(cfg, it.Tier, it.Points); !ok || want != it.Points {
			t.Errorf("doc %d: item %s tier %q with %d points disagrees with config tiers %+v", i, it.ID, it.Tier, it.Points, cfg.Tiers)
		}
		if !explained(it) {
			t.Errorf("doc %d: item %s lacks a title or a reason stating its %d points: %+v %+v", i, it.ID, it.Points, it.Title, it.Reason)
		}
	}
	return checks
}

// explained: a zh/en title, and a zh/en reason that ends with the points.
func explained(it itemResult) bool {
	return it.Title.ZH != "" && it.Title.EN != "" &&
		strings.HasSuffix(it.Reason.ZH, fmt.Sprintf("得%d分", it.Points)) &&
		strings.HasSuffix(it.Reason.EN, englishPoints(it.Points))
}

// englishPoints is how the library ends an English reason: ": 1 point", ": 7 points".
func englishPoints(points int) string {
	if points == 1 {
		return ": 1 point"
	}
	return fmt.Sprintf(": %d points", points)
}

// tierPoints gives the points of tier name. An untiered item has no tier and
// is all or nothing, so its points are its max or 0: the given points.
func tierPoints(cfg itemConfig, name string, points int) (int, bool) {
	if len(cfg.Tiers) == 0 {
		return points, name == "" && (points == 0 || points == cfg.Max)
	}
	for _, tier := range cfg.Tiers {
		if tier.Tier == name {
			return tier.Points, true
		}
	}
	return 0, false
}

// checkSums: item points sum to category points, categories to the total;
// category maxima are the sums of item maxima.
func checkSums(t *testing.T, i int, d decision) int {
	t.Helper()
	sums, maxima := map[string]int{}, map[string]int{}
	for _, it := range d.Items {
		sums[it.Category] += it.Points
		maxima[it.Category] += it.Max
	}
	total, totalMax := 0, 0
	for name, c := range d.Categories {
		if c.Points != sums[name] || c.Max != maxima[name] {
			t.Errorf("doc %d: category %s is %d/%d, its items sum to %d/%d", i, name, c.Points, c.Max, sums[name], maxima[name])
		}
		total += c.Points
		totalMax += c.Max
	}
	if d.Total.Points != total || d.Total.Max != totalMax {
		t.Errorf("doc %d: total %d/%d, categories sum to %d/%d", i, d.Total.Points, d.Total.Max, total, totalMax)
	}
	return 2*len(d.Categories) + 2
}

// checkLevel: the level is what config.levels and the vetoes give.
func (s *scorer) checkLevel(t *testing.T, i int, d decision) int {
	t.Helper()
	if want := s.expectedLevel(d); d.Level.Level != want {
		t.Errorf("doc %d: level %d, thresholds and vetoes give %d (total %d, categories %+v, vetoes %v)",
			i, d.Level.Level, want, d.Total.Points, d.Categories, d.Vetoes)
	}
	return 1
}

// expectedLevel: any veto is the worst level; else the first level whose
// every minimum holds; else the worst ([I-9]).
func (s *scorer) expectedLevel(d decision) int {
	if len(d.Vetoes) > 0 {
		return levelWorst
	}
	for _, l := range s.config.Levels {
		if len(l.Min) > 0 && meetsAll(l.Min, d) {
			return l.Level
		}
	}
	return levelWorst
}

func meetsAll(least map[string]int, d decision) bool {
	for name, threshold := range least {
		if pointsOf(name, d) < threshold {
			return false
		}
	}
	return true
}

func pointsOf(name string, d decision) int {
	if name == "total" {
		return d.Total.Points
	}
	return d.Categories[name].Points
}

// checkPointers: every evidence and warning pointer names a value of the input.
func checkPointers(t *testing.T, i int, d decision, input map[string]any) int {
	t.Helper()
	checks := 0
	for _, it := range d.Items {
		for _, p := range it.Evidence {
			checks++
			if !resolves(input, p) {
				t.Errorf("doc %d: item %s evidence %q names nothing in the input", i, it.ID, p)
			}
		}
	}
	for _, w := range d.Warnings {
		checks++
		if w.ZH == "" || w.EN == "" || !locates(input, w.At) {
			t.Errorf("doc %d: warning %+v lacks a text or names nothing in the input", i, w)
		}
	}
	return checks
}

// locates reports whether a warning's pointer names a value of doc or a
// missing member of one of its objects (a warning may be about its absence).
func locates(doc any, p string) bool {
	if resolves(doc, p) {
		return true
	}
	cut := strings.LastIndex(p, "/")
	if cut < 0 {
		return false
	}
	parent, ok := valueAt(doc, p[:cut])
	_, isObject := parent.(map[string]any)
	return ok && isObject
}

// resolves reports whether the JSON Pointer p names a value of doc.
func resolves(doc any, p string) bool {
	_, ok := valueAt(doc, p)
	return ok
}

// valueAt gives the value the JSON Pointer p names in doc.
func valueAt(doc any, p string) (any, bool) {
	if p == "" {
		return doc, true
	}
	if !strings.HasPrefix(p, "/") {
		return nil, false
	}
	cur := doc
	for _, token := range strings.Split(p[1:], "/") {
		token = strings.NewReplacer("~1", "/", "~0", "~").Replace(token)
		switch v := cur.(type) {
		case map[string]any:
			next, ok := v[token]
			if !ok {
				return nil, false
			}
			cur = next
		case []any:
			k, err := strconv.Atoi(token)
			if err != nil || k < 0 || k >= len(v) {
				return nil, false
			}
			cur = v[k]
		default:
			return nil, false
		}
	}
	return cur, true
}

// checkPlan: the policy scores what the generator built the document to score.
func checkPlan(t *testing.T, i int, d decision, plan corpus.Plan) int {
	t.Helper()
	for _, it := range d.Items {
		if want := plan.Points[it.ID]; it.Points != want {
			t.Errorf("doc %d (%s): item %s scored %d, generated for %d", i, plan.Target, it.ID, it.Points, want)
		}
	}
	if d.Level.Level != plan.Level {
		t.Errorf("doc %d (%s): level %d, generated for %d", i, plan.Target, d.Level.Level, plan.Level)
	}
	return len(d.Items) + 1
}

// mutation is one [I-12] step: more of a good thing, or one fewer finding
// (never lowers anything); or, when worse, one more finding (never raises).
type mutation struct {
	name  string
	apply func(doc *corpus.Document) bool // false: not applicable to doc
	worse bool
}

var monotoneMutations = []mutation{
	{"one more led group standard", always((*corpus.Document).AddLedGroupStandard), false},
	{"one more training", always((*corpus.Document).AddTraining), false},
	{"one more model", always((*corpus.Document).AddModel), false},
	{"one more brand category", always((*corpus.Document).AddBrandCategory), false},
	{"one more led certification category", always((*corpus.Document).AddLedCategory), false},
	{"one fewer finding", dropSomeFinding, false},
	{"one more finding", addSomeFinding, true},
}

func always(f func(*corpus.Document)) func(*corpus.Document) bool {
	return func(doc *corpus.Document) bool { f(doc); return true }
}

// dropSomeFinding removes a finding from the first non-empty list, if any.
func dropSomeFinding(doc *corpus.Document) bool {
	for _, l := range doc.FindingLists() {
		if doc.DropFinding(l.Pointer) {
			return true
		}
	}
	return false
}

// addSomeFinding adds a finding to one of the document's lists, chosen by
// the document's number of models so that every list gets its turn.
func addSomeFinding(doc *corpus.Document) bool {
	lists := doc.FindingLists()
	return doc.AddFinding(lists[len(doc.Encouraging.ProductDeclarations)%len(lists)].Pointer)
}

// TestPropertyMonotonicity applies every [I-12] mutation to each document:
// after a good change no item, category or total loses points and the level
// does not worsen; after a bad one, none gains and the level does not improve.
func TestPropertyMonotonicity(t *testing.T) {
	s := newScorer(t)
	n := corpusSize(t, monotonicDocs)
	applied := map[string]int{}
	checks := 0
	for i := range n {
		doc, _ := generated(i)
		before, _ := s.score(t, doc)
		for _, m := range monotoneMutations {
			changed := doc.Clone()
			if !m.apply(changed) {
				continue
			}
			applied[m.name]++
			after, _ := s.score(t, changed)
			what := fmt.Sprintf("doc %d, %s", i, m.name)
			if m.worse {
				checks += checkNotLower(t, what+" (reversed)", after, before)
			} else {
				checks += checkNotLower(t, what, before, after)
			}
		}
	}
	t.Logf("%d documents, mutations applied %v, %d property checks", n, applied, checks)
	for _, m := range monotoneMutations {
		if applied[m.name] == 0 {
			t.Errorf("mutation %q never applied: the corpus does not exercise it", m.name)
		}
	}
}

// checkNotLower returns how many properties it checked.
func checkNotLower(t *testing.T, what string, before, after decision) int {
	t.Helper()
	points := map[string]int{}
	for _, it := range after.Items {
		points[it.ID] = it.Points
	}
	for _, it := range before.Items {
		if points[it.ID] < it.Points {
			t.Errorf("%s: item %s fell from %d to %d", what, it.ID, it.Points, points[it.ID])
		}
	}
	for name, c := range before.Categories {
		if after.Categories[name].Points < c.Points {
			t.Errorf("%s: category %s fell from %d to %d", what, name, c.Points, after.Categories[name].Points)
		}
	}
	if after.Total.Points < before.Total.Points {
		t.Errorf("%s: total fell from %d to %d", what, before.Total.Points, after.Total.Points)
	}
	if after.Level.Level > before.Level.Level {
		t.Errorf("%s: level worsened from %d to %d", what, before.Level.Level, after.Level.Level)
	}
	return len(before.Items) + len(before.Categories) + 2
}

func TestResolves(t *testing.T) {
	doc := map[string]any{"a": []any{map[string]any{"b/c": true}}, "m~n": 1}
	for p, want := range map[string]bool{
		"": true, "/a": true, "/a/0": true, "/a/0/b~1c": true, "/m~0n": true,
		"/a/1": false, "/a/x": false, "/b": false, "a": false, "/a/0/b": false,
	} {
		if got := resolves(doc, p); got != want {
			t.Errorf("resolves(%q) = %v, want %v", p, got, want)
		}
	}
	for p, want := range map[string]bool{"/a/0/missing": true, "/missing": true, "/a/9": false, "/a/0/b~1c/x": false} {
		if got := locates(doc, p); got != want {
			t.Errorf("locates(%q) = %v, want %v", p, got, want)
		}
	}
}
