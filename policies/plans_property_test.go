package policies

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/corpus"
)

// Property test of next_level.plans (issue 17) over the generated corpus: applying a
// plan and recomputing the categories, total and level with the bundle's own level
// rules reaches the promised level; no plan with fewer items exists (an exact count
// for every document, and a brute force over every smaller set of items on the
// documents where that is small enough); plans never touch a fixed item and ask only
// for points an item can reach.

const (
	// bruteForceLimit: the most subsets one document may need for the brute force.
	bruteForceLimit = 20000
	// bruteForceLeast: of the full corpus, how many documents the brute force must
	// have covered (scaled like the corpus).
	bruteForceLeast = 500
)

type planItem struct {
	Item     string `json:"item"`
	Category string `json:"category"`
	From     int    `json:"from"`
	To       int    `json:"to"`
	Gain     int    `json:"gain"`
	Tier     string `json:"tier"`
}

type plan struct {
	Items     []planItem     `json:"items"`
	Gain      int            `json:"gain"`
	Gains     map[string]int `json:"gains"`
	Satisfies []string       `json:"satisfies"`
	BlockedBy []string       `json:"blocked_by"`
	Summary   text           `json:"summary"`
}

type planTarget struct {
	Level      int            `json:"level"`
	Conditions map[string]int `json:"conditions"`
	Shortfall  map[string]int `json:"shortfall"`
	Plans      []plan         `json:"plans"`
}

type nextLevel struct {
	planTarget
	Unchangeable []struct {
		Item   string `json:"item"`
		Reason text   `json:"reason"`
	} `json:"unchangeable"`
	Unreachable []struct {
		Condition string   `json:"condition"`
		Least     int      `json:"least"`
		Most      int      `json:"most"`
		Fixed     []string `json:"fixed"`
		Summary   text     `json:"summary"`
	} `json:"unreachable"`
	Further *planTarget `json:"further"`
}

// planRules is the part of the bundle's config that plans are checked against.
type planRules struct {
	Items map[string]struct {
		Max   int `json:"max"`
		Tiers []struct {
			Tier   string `json:"tier"`
			Points int    `json:"points"`
		} `json:"tiers"`
		Fixed *text `json:"fixed"`
	} `json:"items"`
	Levels []struct {
		Level int            `json:"level"`
		Min   map[string]int `json:"min"`
		Below map[string]int `json:"below"`
	} `json:"levels"`
}

// scored is one decision with its plans, the points of each item and what holds the
// level at 4 whatever the points (vetoes, then serious misconduct).
type scored struct {
	decision
	next     *nextLevel
	points   map[string]int
	blockers []string
}

func (s *scorer) rules(t *testing.T) planRules {
	t.Helper()
	var r planRules
	if err := json.Unmarshal(s.rawConfig, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func (s *scorer) scoreWithPlans(t *testing.T, doc *corpus.Document) scored {
	t.Helper()
	input, _ := inputOf(t, doc)
	var out struct {
		decision
		NextLevel  *nextLevel `json:"next_level"`
		Misconduct []struct {
			ID string `json:"id"`
		} `json:"misconduct"`
	}
	if err := evalInto(context.Background(), s.query, input, &out); err != nil {
		t.Fatal(err)
	}
	sc := scored{decision: out.decision, next: out.NextLevel, points: map[string]int{}, blockers: []string{}}
	for _, v := range out.Vetoes {
		sc.blockers = append(sc.blockers, v.ID)
	}
	for _, m := range out.Misconduct {
		sc.blockers = append(sc.blockers, m.ID)
	}
	for _, it := range out.Items {
		sc.points[it.ID] = it.Points
	}
	return sc
}

// TestPropertyPlans checks every plan of every generated document.
func TestPropertyPlans(t *testing.T) {
	s := newScorer(t)
	rules := s.rules(t)
	n := corpusSize(t, propertyDocs)
	stats := map[string]int{}
	for i := range n {
		doc, _ := generated(i)
		d := s.scoreWithPlans(t, doc)
		if len(d.Errors) > 0 || d.Level.Level == 1 {
			continue
		}
		stats["level 2-4"]++
		checkPlans(t, fmt.Sprintf("doc %d", i), rules, d, stats)
	}
	t.Logf("%d documents: %v", n, stats)
	// Coverage: every level-2/3/4 result has a plan, or its next level is proven out of reach.
	if covered := stats["with plans"] + stats["proven unreachable"]; covered != stats["level 2-4"] {
		t.Errorf("%d level-2/3/4 results, %d with a plan or a proven out-of-reach answer", stats["level 2-4"], covered)
	}
	if least := bruteForceLeast * n / propertyDocs; stats["brute-forced"] < least {
		t.Errorf("the brute force covered %d documents, want at least %d", stats["brute-forced"], least)
	}
	if stats["with plans"] == 0 || stats["further"] == 0 || stats["blocked"] == 0 {
		t.Errorf("the corpus does not exercise plans, further levels and vetoes: %v", stats)
	}
}

func checkPlans(t *testing.T, what string, rules planRules, d scored, stats map[string]int) {
	t.Helper()
	n := d.next
	if n == nil || n.Level != d.Level.Level-1 {
		t.Errorf("%s: level %d without a next_level to %d", what, d.Level.Level, d.Level.Level-1)
		return
	}
	least := exactLeastItems(rules, d, n.Conditions)
	switch {
	case len(n.Plans) == 0:
		stats["unreachable"]++
		checkUnreachable(t, what, rules, d, n, least, stats)
		return
	case least < 0:
		t.Errorf("%s: plans to level %d, but even every changeable item at its max does not reach it", what, n.Level)
		return
	}
	stats["with plans"]++
	if len(d.blockers) > 0 {
		stats["blocked"]++
	}
	checkTarget(t, what, rules, d, &n.planTarget, least, stats)
	if n.Further != nil {
		stats["further"]++
		if n.Further.Level != n.Level-1 || len(n.Plans[0].Items) > len(n.Further.Plans[0].Items) {
			t.Errorf("%s: further level %d shown with %d items against %d to level %d", what,
				n.Further.Level, len(n.Further.Plans[0].Items), len(n.Plans[0].Items), n.Level)
		}
		checkTarget(t, what+" (further)", rules, d, n.Further, exactLeastItems(rules, d, n.Further.Conditions), stats)
	}
}

// checkTarget checks the plans to one level: sorted, each valid and reaching the
// level, none with more items than needed, and none with fewer possible.
func checkTarget(t *testing.T, what string, rules planRules, d scored, target *planTarget, least int, stats map[string]int) {
	t.Helper()
	if !slices.IsSortedFunc(target.Plans, func(a, b plan) int {
		if c := len(a.Items) - len(b.Items); c != 0 {
			return c
		}
		return a.Gain - b.Gain
	}) {
		t.Errorf("%s: plans to level %d not ordered by items, then points", what, target.Level)
	}
	for k, p := range target.Plans {
		where := fmt.Sprintf("%s, plan %d to level %d", what, k+1, target.Level)
		if len(p.Items) != least {
			t.Errorf("%s: %d items, the fewest that can reach it is %d", where, len(p.Items), least)
		}
		checkOnePlan(t, where, rules, d, target, p)
		stats["plans"]++
	}
	if bruteForce(t, what, rules, d, target.Conditions, least) {
		stats["brute-forced"]++
	}
}

// checkOnePlan: items valid and changeable, sums stated right, and after the plan every
// condition holds and the level is the one promised (or the vetoes named keep it at 4).
func checkOnePlan(t *testing.T, where string, rules planRules, d scored, target *planTarget, p plan) {
	t.Helper()
	after := map[string]int{}
	for id, pts := range d.points {
		after[id] = pts
	}
	gains := map[string]int{}
	for _, it := range p.Items {
		if problem := stepProblem(rules, d, it); problem != "" {
			t.Errorf("%s: item %s: %s", where, it.Item, problem)
		}
		after[it.Item] = it.To
		gains[it.Category] += it.Gain
		gains["total"] += it.Gain
	}
	if gains["total"] != p.Gain || !sameGains(gains, p.Gains) {
		t.Errorf("%s: gain %d and gains %v, its items add up to %v", where, p.Gain, p.Gains, gains)
	}
	conditions := slices.Sorted(maps.Keys(target.Conditions))
	if got := slices.Sorted(slices.Values(p.Satisfies)); !slices.Equal(got, conditions) {
		t.Errorf("%s: satisfies %v, the level's conditions are %v", where, p.Satisfies, conditions)
	}
	scores := recompute(d, after)
	for name, least := range target.Conditions {
		if scores[name] < least {
			t.Errorf("%s: after the plan %s is %d, below %d", where, name, scores[name], least)
		}
	}
	if !slices.Equal(p.BlockedBy, d.blockers) {
		t.Errorf("%s: blocked_by %v, the vetoes and misconduct are %v", where, p.BlockedBy, d.blockers)
	}
	want := target.Level
	if len(d.blockers) > 0 {
		want = levelWorst
		if !saysBlockedFirst(p.Summary) {
			t.Errorf("%s: the level is held at 4, but the summary does not say so first: %q / %q", where, p.Summary.EN, p.Summary.ZH)
		}
	}
	if got := levelOf(rules, scores, len(d.blockers) > 0); got > want {
		t.Errorf("%s: after the plan level %d, promised %d (scores %v)", where, got, want, scores)
	}
	if p.Summary.ZH == "" || p.Summary.EN == "" {
		t.Errorf("%s: summary missing in a language: %+v", where, p.Summary)
	}
}

// stepProblem says what is wrong with one planned item, or "".
func stepProblem(rules planRules, d scored, it planItem) string {
	cfg, known := rules.Items[it.Item]
	current, scored := d.points[it.Item]
	switch {
	case !known || !scored:
		return "not an item of the bundle"
	case cfg.Fixed != nil:
		return "the rules mark it as fixed"
	case it.From != current || it.To <= it.From || it.Gain != it.To-it.From:
		return fmt.Sprintf("from %d to %d (+%d), it has %d points", it.From, it.To, it.Gain, current)
	case len(cfg.Tiers) == 0 && (it.To != cfg.Max || it.Tier != ""):
		return fmt.Sprintf("untiered: only full marks %d can be asked, not %d (tier %q)", cfg.Max, it.To, it.Tier)
	case len(cfg.Tiers) > 0 && !slices.ContainsFunc(cfg.Tiers, func(tier struct {
		Tier   string `json:"tier"`
		Points int    `json:"points"`
	}) bool {
		return tier.Tier == it.Tier && tier.Points == it.To
	}):
		return fmt.Sprintf("no tier %q with %d points", it.Tier, it.To)
	}
	return ""
}

func sameGains(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

func saysBlockedFirst(summary text) bool {
	return (strings.HasPrefix(summary.EN, "veto ") || strings.HasPrefix(summary.EN, "serious misconduct ")) &&
		(strings.HasPrefix(summary.ZH, "否决项") || strings.HasPrefix(summary.ZH, "严重违法违规"))
}

// recompute gives the total and category points with the items at points.
func recompute(d scored, points map[string]int) map[string]int {
	scores := map[string]int{}
	for _, it := range d.Items {
		scores[it.Category] += points[it.ID]
		scores["total"] += points[it.ID]
	}
	return scores
}

// levelOf: the bundle's level rules, restated: vetoes or a strict level-4 bound give
// the worst level; else the best level whose every minimum holds; else the worst.
func levelOf(rules planRules, scores map[string]int, vetoed bool) int {
	if vetoed {
		return levelWorst
	}
	best := levelWorst
	for _, l := range rules.Levels {
		for name, bound := range l.Below {
			if scores[name] < bound {
				return levelWorst
			}
		}
		if len(l.Min) > 0 && l.Level < best && meetsMin(l.Min, scores) {
			best = l.Level
		}
	}
	return best
}

func meetsMin(least, scores map[string]int) bool {
	for name, v := range least {
		if scores[name] < v {
			return false
		}
	}
	return true
}

// move is an item a plan may change, with the most it can gain.
type move struct {
	id, category string
	gain         int
}

func moves(rules planRules, d scored) []move {
	var ms []move
	for _, it := range d.Items {
		if it.Points < it.Max && rules.Items[it.ID].Fixed == nil {
			ms = append(ms, move{it.ID, it.Category, it.Max - it.Points})
		}
	}
	return ms
}

// meetsWith: with the moves chosen at their max, every condition holds.
func meetsWith(d scored, chosen []move, conditions map[string]int) bool {
	scores := map[string]int{"total": d.Total.Points}
	for name, c := range d.Categories {
		scores[name] = c.Points
	}
	for _, m := range chosen {
		scores[m.category] += m.gain
		scores["total"] += m.gain
	}
	return meetsMin(conditions, scores)
}

// exactLeastItems: the fewest moves that meet conditions, or -1. Gains never hurt, so
// a set that works at the moves' max is what counts; within a category the k largest
// gains are the best k, so trying every count per category is exact.
func exactLeastItems(rules planRules, d scored, conditions map[string]int) int {
	byCategory := map[string][]int{}
	for _, m := range moves(rules, d) {
		byCategory[m.category] = append(byCategory[m.category], m.gain)
	}
	names := slices.Sorted(maps.Keys(d.Categories))
	for name := range byCategory {
		sort.Sort(sort.Reverse(sort.IntSlice(byCategory[name])))
	}
	best := -1
	var try func(k int, counts map[string]int)
	try = func(k int, counts map[string]int) {
		if k == len(names) {
			var chosen []move
			items := 0
			for name, c := range counts {
				for _, g := range byCategory[name][:c] {
					chosen = append(chosen, move{category: name, gain: g})
				}
				items += c
			}
			if (best < 0 || items < best) && meetsWith(d, chosen, conditions) {
				best = items
			}
			return
		}
		for c := 0; c <= len(byCategory[names[k]]); c++ {
			counts[names[k]] = c
			try(k+1, counts)
		}
		delete(counts, names[k])
	}
	try(0, map[string]int{})
	return best
}

// bruteForce tries every set of least-1 moves at their max and fails the test if
// one meets the conditions. It reports whether the document was small enough.
func bruteForce(t *testing.T, what string, rules planRules, d scored, conditions map[string]int, least int) bool {
	t.Helper()
	ms := moves(rules, d)
	size := least - 1
	if size < 0 || binomial(len(ms), size) > bruteForceLimit {
		return false
	}
	chosen := make([]move, 0, size)
	var found []move
	var pick func(from int)
	pick = func(from int) {
		if found != nil {
			return
		}
		if len(chosen) == size {
			if meetsWith(d, chosen, conditions) {
				found = slices.Clone(chosen)
			}
			return
		}
		for i := from; i < len(ms); i++ {
			chosen = append(chosen, ms[i])
			pick(i + 1)
			chosen = chosen[:len(chosen)-1]
		}
	}
	pick(0)
	if found != nil {
		t.Errorf("%s: %d items %v already meet %v, the plans ask for %d", what, size, found, conditions, least)
	}
	return true
}

func binomial(n, k int) int {
	if k < 0 || k > n {
		return 0
	}
	r := 1
	for i := 1; i <= k; i++ {
		r = r * (n - k + i) / i
		if r > bruteForceLimit {
			return r
		}
	}
	return r
}

// checkUnreachable: no plan means some condition stays short whatever the changeable
// items score, proven by brute force over every combination of the points they can
// take; the decision names each such condition with the most it can reach, the fixed
// items that hold it down and why, in both languages (vetoes first).
func checkUnreachable(t *testing.T, what string, rules planRules, d scored, n *nextLevel, least int, stats map[string]int) {
	t.Helper()
	if least >= 0 {
		t.Errorf("%s: no plan, but %d items reach level %d", what, least, n.Level)
	}
	if len(n.Unreachable) == 0 {
		t.Errorf("%s: no plan and no unreachable condition named", what)
	}
	proven := len(n.Unreachable) > 0
	for _, u := range n.Unreachable {
		most := slices.Max(reachableSums(rules, d, u.Condition))
		if u.Most != most || most >= u.Least || n.Conditions[u.Condition] != u.Least {
			t.Errorf("%s: unreachable %+v, every combination of the changeable items reaches at most %d", what, u, most)
			proven = false
		}
		if want := heldBy(rules, d, u.Condition); !slices.Equal(u.Fixed, want) {
			t.Errorf("%s: unreachable %s held by %v, the fixed items short there are %v", what, u.Condition, u.Fixed, want)
		}
		if u.Summary.ZH == "" || u.Summary.EN == "" || len(d.blockers) > 0 && !saysBlockedFirst(u.Summary) {
			t.Errorf("%s: unreachable %s: summary missing in a language or not naming the vetoes first: %+v", what, u.Condition, u.Summary)
		}
	}
	if proven {
		stats["proven unreachable"]++
	}
}

// reachableSums: every score condition can have, over every combination of the points
// the items counting toward it can take (fixed items keep theirs): the brute force, one
// item at a time, as the set of sums reached so far.
func reachableSums(rules planRules, d scored, condition string) []int {
	sums := map[int]bool{0: true}
	for _, it := range d.Items {
		if condition != "total" && it.Category != condition {
			continue
		}
		next := map[int]bool{}
		for s := range sums {
			for _, v := range pointsPossible(rules, it.ID, it.Points) {
				next[s+v] = true
			}
		}
		sums = next
	}
	return slices.Collect(maps.Keys(sums))
}

// pointsPossible: the points an item can take: its own if fixed, else any tier's, or
// none and full marks for an untiered item.
func pointsPossible(rules planRules, id string, now int) []int {
	cfg := rules.Items[id]
	switch {
	case cfg.Fixed != nil:
		return []int{now}
	case len(cfg.Tiers) == 0:
		return []int{0, now, cfg.Max}
	}
	points := []int{now}
	for _, tier := range cfg.Tiers {
		points = append(points, tier.Points)
	}
	return points
}

// heldBy: the fixed items short of their max that count toward condition, in clause order.
func heldBy(rules planRules, d scored, condition string) []string {
	held := []string{}
	for _, it := range d.Items {
		if rules.Items[it.ID].Fixed != nil && it.Points < it.Max && (condition == "total" || it.Category == condition) {
			held = append(held, it.ID)
		}
	}
	return held
}
