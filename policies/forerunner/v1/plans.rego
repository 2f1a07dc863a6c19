package forerunner.v1

import data.forerunner.v1.plan_index

# Plans (next_level.plans): the fewest item changes after which every condition of a
# better level holds, and which points each change asks for.
#
# A plan changes an item only to points it can reach: a tiered item to one of its named
# higher tiers, any other item to full marks. Items the rules mark as fixed facts of
# the cycle (config.items[id].fixed) and vetoes are never changed; when vetoes fired, the
# plan says first that they keep the level at 4 whatever the points.
#
# The search is bounded and cheap. Categories are independent except for the total, and
# the levels' category minimums add up to the total minimum, so the total holds whenever
# every category does. For one category, taking the items with the largest gains first
# gives the fewest items k that can close its shortfall (exact: no smaller set can). A
# candidate keeps the k-1 largest at full marks and lets one more item "swing" to the
# lowest step that closes the rest; one anchor item is then lowered as far as the
# overshoot allows. Up to three candidates per category, then the best combination and
# the next best ones, which differ from it in one category. When the total asks for more
# than the category shortfalls add up to (not so with the shipped thresholds), the plan
# takes the largest gains at full marks across categories, still with the fewest items.

# headroom: the items short of their max, in clause order (next_level.options reads it
# too: one pass over the items for both).
headroom := [r | some r in item_results; r.points < r.max]

# unchangeable: items with headroom in a short condition that the rules mark as fixed,
# with the rules' reason: what a plan could have used but never does.
unchangeable := [{"item": id, "reason": settings.items[id].fixed} |
	some id in plan_index.fixed
	r := by_id[id]
	r.points < r.max
	counts_short(r.category)
]

# total_short: the most points the total lacks for the next level or the one after it
# (there is none after level 1).
total_short := max(array.concat([object.get(next_short, "total", 0)], [d | d := further_short.total]))

counts_short(_) if total_short > 0

counts_short(c) if c in short_categories

# ranked_moves: for each category some plan has to raise, the items a plan may change
# there (with headroom, not fixed): the largest gain first, untiered items of one gain
# next to each other, then clause order. tier is a tiered item's tier, else "".
ranked_moves := {c: [m | some m in plannable; m.category == c] | some c in short_categories}

# all_ranked_moves: the same for every category (a short total may need any).
all_ranked_moves := {c: [m | some m in plannable; m.category == c] | some c, _ in settings.categories}

# plannable: every item a plan may change, ranked as above, built once (a comprehension
# filtering by a function's argument is evaluated for every item at each call): the
# items' moves from the plan index (plan_index.rego), which has none for fixed items.
plannable := sort([plan_index.moves[r.id][r.points] | some r in headroom])

short_categories := {c | some [c, _] in next_cats} | {c | some [c, _] in further_cats}

# A move m's steps (plan_index.rego): plan_index.plan_index.steps[m.item][m.points][need - 1] is
# its smallest step that gains at least need (undefined if none), [m.full - 1] the step
# to its max. Read one by one: a stock OPA converts what it reads from its store.

# conditions(l): what reaching level l asks for: its minimums, and level 4's strict
# bounds (I-10) for any condition l does not name (a score under one of them is level 4).
# Where l names one, `policy check` (level_bounds) already ensures its minimum is at
# least the bound.
conditions(l) := object.union(failing.below, l.min)

# shortfalls: how far each condition is from its least points; zero or less when it holds.
shortfalls(conds) := {name: (least - scores[name]) | some name, least in conds}

# least_count: the fewest of the gains (largest first) whose sum reaches short.
least_count(gains, short) := 1 if {
	short > 0
	gains[0] >= short
} else := k if {
	short > 0
	sum(gains) >= short
	k := count([i | some i in numbers.range(1, count(gains)); sum(array.slice(gains, 0, i)) < short]) + 1
} else := 0 if {
	short <= 0
}

# next_options: for each short category of the next level, its candidates.
next_options := {c: o |
	some [c, d] in next_cats
	o := category_options(ranked_moves[c], d)
}

# further_options: the same for the level after it, with one plan only: a category
# short by as much as for the next level reuses its candidates; any other takes its
# largest gains at full marks (still the fewest items, without the search for fewer
# points: the plan is a horizon, the next level's plans are the ones to act on).
further_options := {c: o |
	some [c, d] in further_cats
	o := further_option(c, d)
}

further_option(c, d) := next_options[c] if {
	next_short[c] == d
} else := [[sum([m.full | some m in top]), 0, [plan_index.steps[m.item][m.points][m.full - 1] | some m in top]]] if {
	ms := ranked_moves[c]
	top := array.slice(ms, 0, least_count([m.full | some m in ms], d))
}

# alike: how many untiered swing candidates of one gain are tried. They give equal
# plans but for the item, so three of them are enough for the three best.
alike := 3

# category_options: up to three candidates [gain, swing index, steps] that close short
# with the fewest moves of ms (ranked), fewest points first. One move is enough when the
# largest gain is: then every move's lowest sufficient step is a candidate.
category_options(ms, short) := array.slice(sort(candidates), 0, 3) if {
	ms[0].full >= short
	need := short - 1 # steps' index
	candidates := [[s[1], j, [s]] |
		some j, m in ms
		s := plan_index.steps[m.item][m.points][need]
	]
} else := array.slice(sort(candidates), 0, 3) if {
	fulls := [m.full | some m in ms]
	k := least_count(fulls, short)
	anchor := array.slice(ms, 0, k - 1)
	anchor_sum := sum(array.slice(fulls, 0, k - 1))
	at_full := [plan_index.steps[m.item][m.points][m.full - 1] | some m in anchor]
	candidates := [candidate(anchor, anchor_sum, at_full, ms[j], j, short) |
		some j in numbers.range(k - 1, count(ms) - 1)
		not repeats(ms, j, k)
	]
}

repeats(ms, j, k) if {
	j - alike >= k - 1
	ms[j].tier == ""
	ms[j - alike].tier == ""
	ms[j - alike].full == ms[j].full
}

# candidate: the anchor at full marks (at_full, its steps) but for the one cut, and
# the swing move's lowest step that closes the rest.
candidate(anchor, anchor_sum, at_full, swing, j, short) := [(anchor_sum + step[1]) - cut[0], j, steps] if {
	step := plan_index.steps[swing.item][swing.points][(short - anchor_sum) - 1]
	cut := best_cut(anchor, (anchor_sum + step[1]) - short)
	steps := array.concat(cut_anchor(at_full, cut), [step])
}

cut_anchor(at_full, [_, -1, _]) := at_full

cut_anchor(at_full, [_, i, step]) := array.concat(array.concat(array.slice(at_full, 0, i), [step]), array.slice(at_full, i + 1, count(at_full))) if i >= 0

# best_cut: the anchor move lowered furthest within the overshoot over, as
# [points saved, anchor index, its lower step]; [0, -1, []] when none can be lowered.
# Only tiered moves have lower steps.
best_cut(anchor, over) := [best[0], 0 - best[1], best[2]] if {
	over > 0
	cuts := [[m.full - s[1], 0 - i, s] |
		some i, m in anchor
		m.tier != ""
		s := plan_index.steps[m.item][m.points][(m.full - over) - 1]
		s[1] < m.full
	]
	count(cuts) > 0
	best := max(cuts)
} else := [0, -1, []]

# category_plans: the best combination of the categories' candidates (options) and, up
# to limit plans, the next best ones, which differ from it in one category; each as
# [gain, steps, gain per condition]. Undefined when a short category cannot be closed.
category_plans(cats, options, limit) := [[o[0], o[2], {c: o[0], "total": o[0]}] |
	some o in array.slice(options[c], 0, limit)
] if {
	count(cats) == 1 # one short category: its own candidates are the plans, best first
	c := cats[0][0]
	options[c]
} else := array.concat(
	[[base, [s | some o in options; some s in o[0][2]], object.union(gains, {"total": base})]],
	[combination(object.union(best_options(options), {c: options[c][r]}), gain) | some [gain, c, r] in next_best(options, base, limit - 1)],
) if {
	count(options) == count(cats)
	gains := {c: o[0][0] | some c, o in options}
	base := sum([g | some _, g in gains])
}

# best: the best candidate of each category (options).
best_options(options) := {c: o[0] | some c, o in options}

next_best(_, _, 0) := []

next_best(options, base, n) := array.slice(swaps, 0, n) if {
	n > 0
	swaps := sort([[(base - o[0][0]) + alt[0], c, r] | some c, o in options; some r, alt in o; r > 0])
}

# combination: the plan of one candidate per category (chosen), gain in all.
combination(chosen, gain) := [gain, steps, gains] if {
	steps := [s | some o in chosen; some s in o[2]]
	gains := object.union({c: o[0] | some c, o in chosen}, {"total": gain})
}

# total_plan: when the total asks for more than the category shortfalls add up to, each
# category's fewest largest gains, then the largest remaining gains of any category
# (greedy on gains sorted largest first: still the fewest items). At full marks.
total_plan(short) := [[sum([s[1] | some s in steps]), steps, gains]] if {
	counts := {c: least_count([m.full | some m in ms], object.get(short, c, 0)) | some c, ms in all_ranked_moves}
	every c, d in short {
		closable(c, d, counts)
	}
	taken := [m | some c, ms in all_ranked_moves; some m in array.slice(ms, 0, counts[c])]
	rest := sort([[0 - m.full, m.at, m] | some c, ms in all_ranked_moves; some m in array.slice(ms, counts[c], count(ms))])
	extra := least_count([(0 - r[0]) | some r in rest], short.total - sum([m.full | some m in taken]))
	moves := array.concat(taken, [r[2] | some r in array.slice(rest, 0, extra)])
	steps := [plan_index.steps[m.item][m.points][m.full - 1] | some m in moves]
	gains := object.union(
		{c: sum([m.full | some m in moves; m.category == c]) | some c, _ in settings.categories},
		{"total": sum([m.full | some m in moves])},
	)
}

closable("total", _, _)

closable(_, d, _) if d <= 0

closable(c, _, counts) if counts[c]

# raw_plans: up to limit plans for the shortfalls short, from the categories' candidates
# (options), as [gain, steps, gain per condition]; undefined when some condition cannot
# be met with the changeable items.
raw_plans(short, cats, options, limit) := [[0, [], {"total": 0}]] if {
	count(cats) == 0
	object.get(short, "total", 0) <= 0
} else := plans if {
	sum([d | some [_, d] in cats]) >= object.get(short, "total", 0)
	plans := category_plans(cats, options, limit)
} else := total_plan(short) if {
	sum([d | some [_, d] in cats]) < object.get(short, "total", 0)
}

next_raw := raw_plans(next_short, next_cats, next_options, 3)

further_raw := raw_plans(further_short, further_cats, further_options, 1)

# rendered: the plans raw ([gain, steps, gain per condition]) to the level of this title
# (conditions conds), each plan's steps ([_, _, item, text], plan_index.rego) in clause
# order.
rendered(title, conds, raw) := [{
	"items": [s[2] | some s in sorted],
	"gain": p[0],
	"gains": p[2],
	"satisfies": order,
	"blocked_by": blocked_by,
	"summary": plan_summary(title, sorted, p[0]),
} |
	some p in raw
	sorted := sort(p[1])
] if {
	order := satisfied(conds)
}

# satisfied: the names of conds in condition_order (levels.rego), from the plan index.
satisfied(conds) := names if {
	names := plan_index.conditions
	count(names) == count(conds) # every condition named (as with the shipped levels)
} else := [n | some n in plan_index.conditions; conds[n]]

plan_summary(title, steps, gain) := {
	"zh": sprintf("%s改进%d项、共加%d分，达到%s的全部分数条件：%s", [blocked_note.zh, n, gain, title.zh, concat("；", [s[3].zh | some s in steps])]),
	"en": sprintf("%s%d %s, %d more points, meet every point condition of %s: %s", [blocked_note.en, n, items_en[n == 1], gain, title.en, concat("; ", [s[3].en | some s in steps])]),
} if {
	n := count(steps)
	n > 0
} else := {
	"zh": sprintf("%s分数已满足%s的全部条件", [blocked_note.zh, title.zh]),
	"en": sprintf("%sthe points already meet every condition of %s", [blocked_note.en, title.en]),
}

items_en := {true: "item", false: "items"}

# blocked_by: the vetoes and serious misconduct (I-13) that keep the level at 4.
blocked_by := [] if {
	blockers == 0
} else := array.concat([v.id | some v in fired_vetoes], [m.id | some m in fired_misconduct])

# blocked_note: said first in every plan when a veto or misconduct holds the level.
blocked_note := {"zh": "", "en": ""} if {
	blockers == 0
} else := {
	"zh": sprintf("%s，无论得分如何均为%s；", [concat("，", [b.zh | some b in blockers_named]), failing.title.zh]),
	"en": sprintf("%s: the level stays %s whatever the points; ", [concat(", ", [b.en | some b in blockers_named]), failing.title.en]),
}

blockers_named := array.concat(
	[{"zh": sprintf("否决项%s成立", [v.id]), "en": sprintf("veto %s fired", [v.id])} | some v in fired_vetoes],
	[{"zh": sprintf("严重违法违规行为%s经确认（I-13）", [m.id]), "en": sprintf("serious misconduct %s confirmed (I-13)", [m.id])} | some m in fired_misconduct],
)

next_target := by_level[level_number - 1]

further_target := by_level[level_number - 2]

next_conditions := conditions(next_target)

further_conditions := conditions(further_target)

next_short := shortfalls(next_conditions)

further_short := shortfalls(further_conditions)

# next_cats, further_cats: the short categories of each level, as [category, points short].
next_cats := [[c, d] | some c, d in next_short; c != "total"; d > 0]

further_cats := [[c, d] | some c, d in further_short; c != "total"; d > 0]

# next_plans: up to three plans to the next level.
next_plans := rendered(next_target.title, next_conditions, next_raw) if {
	next_raw
} else := []

# plan_fields: what next_level gains from the plans (merged into it by result.rego).
plan_fields := object.union_n([
	{"conditions": next_conditions, "plans": next_plans, "unchangeable": unchangeable},
	unreachable_field,
	further_field,
])

# unreachable_field: when no plan exists, each condition no change can meet: the most
# points the changeable items allow, the fixed items that hold it down, and why, in
# words (vetoes and misconduct named first, as in a plan). With the shipped data only
# fixed items can do that: `policy check` (level_unreachable) ensures every level's
# minimums are attainable at full marks.
unreachable_field := {"unreachable": [out_of_reach(next_target, n, conds[n]) |
	some n in condition_order(conds)
	most_of(n) < conds[n]
]} if {
	not next_raw
	conds := next_conditions
} else := {}

# most_of(name): the most points condition name reaches with every changeable item at
# its max.
most_of(name) := scores[name] + sum([(r.max - r.points) |
	some r in headroom
	not settings.items[r.id].fixed
	counts_toward(r, name)
])

out_of_reach(l, name, least) := {
	"condition": name,
	"least": least,
	"most": most,
	"fixed": [f.item | some f in held],
	"summary": {
		"zh": sprintf("%s本周期无法达到%s：%s即使可改进的条款全部得满分，最多%d分，低于所需的%d分%s", [blocked_note.zh, l.title.zh, label(name).zh, most, least, fixed_note(held).zh]),
		"en": sprintf("%s%s is out of reach this cycle: %s reach at most %d with every changeable item at full marks, %d needed%s", [blocked_note.en, l.title.en, label_en(name), most, least, fixed_note(held).en]),
	},
} if {
	most := most_of(name)
	held := [{"item": r.id, "lost": r.max - r.points} |
		some r in headroom
		settings.items[r.id].fixed
		counts_toward(r, name)
	]
}

label_en("total") := "the total points"

label_en(name) := label(name).en if name != "total"

# fixed_note: the fixed items that hold a condition down, with the points each lost.
fixed_note(held) := {"zh": "", "en": ""} if {
	count(held) == 0
} else := {
	"zh": sprintf("；%s为本周期已成定局的事实，任何方案都不能改变", [concat("、", [sprintf("%s（失%d分）", [f.item, f.lost]) | some f in held])]),
	"en": sprintf("; %s %s of the cycle that no plan can change", [concat(", ", [sprintf("%s (%d points lost)", [f.item, f.lost]) | some f in held]), are_en[count(held) == 1]]),
}

are_en := {true: "is a fixed fact", false: "are fixed facts"}

counts_toward(_, "total")

counts_toward(m, name) if m.category == name

# further_field: the level after the next one too, when the next one takes no more
# items than it ("3 items to level 3; 5 to level 2").
further_field := {"further": {
	"level": further_target.level,
	"conditions": conds,
	"shortfall": {name: d | some name, d in further_short; d > 0},
	"plans": further,
}} if {
	count(next_raw[0][1]) <= count(further_raw[0][1])
	conds := further_conditions
	further := rendered(further_target.title, conds, further_raw)
} else := {}
