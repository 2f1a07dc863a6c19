package corpus

import (
	"math/rand/v2"
	"slices"
)

// Size sets how many entries of each list a document gets. Counts are exact,
// so benchmarks can scale one dimension at a time. A Size that cannot reach
// an item's best tier (say 10 models, where 3.4's best tier needs 100) caps
// that item; the Plan says so through its points.
type Size struct {
	Enterprises        int // core.listed_enterprises
	Standards          int // core.listed_standards (needs Enterprises ≥ 1)
	Models             int // encouraging.product_declarations
	Trainings          int // encouraging.trainings
	GroupStandards     int // core.group_standards
	Publications       int // core.publications
	SpotChecks         int // basic.spot_checks
	BrandEvaluations   int // encouraging.brand_evaluations
	ChangesPerStandard int // listed_standards[].changes
	AccidentsPerFirm   int // listed_enterprises[].accidents (minor ones)
}

// Presets. Small is the smallest size where every level is reachable.
var (
	Small   = Size{Enterprises: 1, Standards: 1, Models: 100, Trainings: 3, GroupStandards: 3, Publications: 3, SpotChecks: 1, BrandEvaluations: 2, ChangesPerStandard: 1, AccidentsPerFirm: 0}
	Typical = Size{Enterprises: 6, Standards: 10, Models: 120, Trainings: 5, GroupStandards: 5, Publications: 4, SpotChecks: 2, BrandEvaluations: 3, ChangesPerStandard: 1, AccidentsPerFirm: 1}
)

// Scaled is Typical with n listed enterprises, n listed standards and n models.
func Scaled(n int) Size {
	s := Typical
	s.Enterprises, s.Standards, s.Models = n, n, n
	return s
}

// normalized keeps a Size producible: a listed standard must belong to a listed
// enterprise, and counts are never negative.
func (s Size) normalized() Size {
	for _, p := range []*int{&s.Enterprises, &s.Standards, &s.Models, &s.Trainings, &s.GroupStandards,
		&s.Publications, &s.SpotChecks, &s.BrandEvaluations, &s.ChangesPerStandard, &s.AccidentsPerFirm} {
		*p = max(*p, 0)
	}
	if s.Standards > 0 && s.Enterprises == 0 {
		s.Enterprises = 1
	}
	return s
}

// Target is the outcome a document is generated for: a level 1–4 without
// veto, or a veto V1–V5 (level 4).
type Target string

const (
	Level1 Target = "L1"
	Level2 Target = "L2"
	Level3 Target = "L3"
	Level4 Target = "L4"
	VetoV1 Target = "V1"
	VetoV2 Target = "V2"
	VetoV3 Target = "V3"
	VetoV4 Target = "V4"
	VetoV5 Target = "V5"
)

// Targets lists every target in order.
var Targets = []Target{Level1, Level2, Level3, Level4, VetoV1, VetoV2, VetoV3, VetoV4, VetoV5}

// Mix weighs the targets of a corpus; a missing target has weight 0.
type Mix map[Target]float64

// DefaultMix covers every level and every veto.
var DefaultMix = Mix{Level1: 2, Level2: 2, Level3: 2, Level4: 2, VetoV1: 0.4, VetoV2: 0.4, VetoV3: 0.4, VetoV4: 0.4, VetoV5: 0.4}

func (m Mix) pick(rng *rand.Rand) Target {
	var sum float64
	for _, t := range Targets {
		sum += m[t]
	}
	if sum <= 0 {
		return Level1
	}
	x := rng.Float64() * sum
	for _, t := range Targets {
		if x < m[t] {
			return t
		}
		x -= m[t]
	}
	return Level4
}

// item is one clause of criteria.md with the points its tiers award, best first.
type item struct {
	id       string
	category string
	values   []int
}

var items = []item{
	{"1.1", "basic", []int{5, 0}}, {"1.2", "basic", []int{5, 0}}, {"1.3", "basic", []int{5, 0}},
	{"1.4", "basic", []int{5, 0}}, {"1.5", "basic", []int{5, 0}},
	{"1.6.a", "basic", []int{1, 0}}, {"1.6.b", "basic", []int{1, 0}}, {"1.6.c", "basic", []int{1, 0}},
	{"1.6.d", "basic", []int{1, 0}}, {"1.6.e", "basic", []int{1, 0}},
	{"2.1", "core", []int{5, 0}}, {"2.2", "core", []int{5, 0}},
	{"2.3", "core", []int{10, 7, 3, 0}}, {"2.4", "core", []int{10, 7, 3, 0}},
	{"2.5.a", "core", []int{1, 0}}, {"2.5.b", "core", []int{1, 0}}, {"2.5.c", "core", []int{1, 0}},
	{"2.5.d", "core", []int{1, 0}}, {"2.5.e", "core", []int{1, 0}},
	{"2.6.a", "core", []int{1, 0}}, {"2.6.b", "core", []int{1, 0}}, {"2.6.c", "core", []int{1, 0}},
	{"2.6.d", "core", []int{1, 0}}, {"2.6.e", "core", []int{1, 0}},
	{"3.1", "encouraging", []int{5, 3, 0}}, {"3.2", "encouraging", []int{5, 3, 0}},
	{"3.3", "encouraging", []int{5, 3, 2, 0}}, {"3.4", "encouraging", []int{5, 3, 2, 0}},
	{"3.5", "encouraging", []int{5, 3, 0}},
}

// ItemIDs returns the 29 item ids in clause order.
func ItemIDs() []string {
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = it.id
	}
	return ids
}

// feasible returns the points of it that a document of size s can be built
// to score, best first.
func (it item) feasible(s Size) []int {
	var out []int
	for _, v := range it.values {
		if it.reachable(v, s) {
			out = append(out, v)
		}
	}
	return out
}

func (it item) reachable(points int, s Size) bool {
	need := func(n int) bool { return points == 0 || n >= 1 }
	switch it.id {
	case "1.5":
		return points == 5 || s.SpotChecks >= 1
	case "2.3":
		return atLeast(points, s.GroupStandards, map[int]int{10: 3, 7: 1, 3: 1})
	case "2.4":
		return atLeast(points, s.Publications, map[int]int{10: 3, 7: 2, 3: 1})
	case "2.5.a", "2.5.b", "2.5.c", "2.5.d", "2.5.e":
		return need(s.Enterprises) // [I-4] nothing listed earns nothing
	case "2.6.a", "2.6.b", "2.6.c", "2.6.d", "2.6.e":
		return need(s.Standards)
	case "3.1":
		return points == 0 || points == 3 && s.Trainings >= 1 || s.Trainings >= 3
	case "3.2":
		return points == 0 || s.GroupStandards >= 1
	case "3.4":
		return models34(points, s.Models)
	case "3.5":
		return points == 0 || points == 3 && s.BrandEvaluations >= 1 || s.BrandEvaluations >= 2
	}
	return true
}

// atLeast tells whether n entries suffice for points, given the entries each
// tier needs (a tier not named needs none).
func atLeast(points, n int, need map[int]int) bool { return n >= need[points] }

// models34 tells whether n declared models can be made to score points in 3.4:
// duplicates lower the distinct count, but any declaration scores at least 2.
func models34(points, n int) bool {
	switch points {
	case 5:
		return n >= 100
	case 3:
		return n >= 50
	case 2:
		return n >= 1
	}
	return n == 0
}

// Plan is what the generator meant a document to score, item by item, per
// criteria.md. Tests compare it with what the policy computes.
type Plan struct {
	Target Target
	Points map[string]int // item id → points
	Vetoes []string       // vetoes meant to fire, in order
	Level  int            // the level the points and vetoes give
}

// Category returns the planned points of a category.
func (p Plan) Category(name string) int {
	sum := 0
	for _, it := range items {
		if it.category == name {
			sum += p.Points[it.id]
		}
	}
	return sum
}

// Total returns the planned total.
func (p Plan) Total() int {
	return p.Category("basic") + p.Category("core") + p.Category("encouraging")
}

// level applies the level table of criteria.md ([I-9]: anything not meeting
// level 3 is level 4; [I-10] makes level 4's own bounds strict).
func (p Plan) level() int {
	if len(p.Vetoes) > 0 {
		return 4
	}
	total, basic, core, enc := p.Total(), p.Category("basic"), p.Category("core"), p.Category("encouraging")
	switch {
	case total >= 90 && basic >= 28 && core >= 37 && enc >= 25:
		return 1
	case total >= 80 && basic >= 25 && core >= 35 && enc >= 20:
		return 2
	case total >= 70 && basic >= 25 && core >= 35 && enc >= 10:
		return 3
	}
	return 4
}

// degradations bounds, per level target, how many items are lowered from
// their best feasible tier before the level is checked.
var degradations = map[Target][2]int{Level1: {0, 2}, Level2: {1, 4}, Level3: {2, 7}, Level4: {3, 16}}

// plan draws points per item until they give target's level (bounded tries;
// an unreachable target, for the size, ends with the last draw).
func plan(rng *rand.Rand, s Size, target Target) Plan {
	levelTarget, veto := target, ""
	if target[0] == 'V' {
		levelTarget, veto = Target("L"+string("123"[rng.IntN(3)])), string(target)
	}
	want := int(levelTarget[1] - '0')
	var p Plan
	for range 400 {
		p = drawPoints(rng, s, levelTarget)
		if veto != "" {
			p.Vetoes = []string{veto}
			applyVeto(&p, veto)
		}
		p.Level = p.level()
		if veto != "" || p.Level == want {
			break
		}
	}
	p.Target = target
	return p
}

func drawPoints(rng *rand.Rand, s Size, target Target) Plan {
	p := Plan{Points: make(map[string]int, len(items))}
	for _, it := range items {
		p.Points[it.id] = it.feasible(s)[0]
	}
	bounds := degradations[target]
	for range bounds[0] + rng.IntN(bounds[1]-bounds[0]+1) {
		it := items[rng.IntN(len(items))]
		if it.id == "1.2" {
			continue // 1.2 fails only with veto V3 (same evidence)
		}
		lower := slices.DeleteFunc(it.feasible(s), func(v int) bool { return v >= p.Points[it.id] })
		if len(lower) > 0 {
			p.Points[it.id] = lower[rng.IntN(len(lower))]
		}
	}
	return p
}

// applyVeto lowers the items whose evidence the veto shares: V3 is 1.2's fee
// finding; V2 means no ranking and no leader list in the cycle (2.4 = 0).
func applyVeto(p *Plan, veto string) {
	switch veto {
	case "V2":
		p.Points["2.4"] = 0
	case "V3":
		p.Points["1.2"] = 0
	}
}
