package forerunner.v1

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

# plan_moves: the items a plan may change, in clause order, with the most they can gain.
# Binary items of equal gain share a ladder of steps (kind); a tiered item has its own.
plan_moves := [{
	"at": i,
	"item": r.id,
	"category": r.category,
	"points": r.points,
	"full": r.max - r.points,
	"kind": move_kind(r),
	"top": top_tier(r),
} |
	some i, r in headroom
	not settings.items[r.id].fixed
]

# headroom: the items short of their max, in clause order.
headroom := [r | some r in item_results; r.points < r.max]

move_kind(r) := r.id if r.tier

else := ""

top_tier(r) := settings.items[r.id].tiers[0].tier if r.tier

else := ""

# unchangeable: items with headroom that the rules mark as fixed, with the rules' reason.
unchangeable := [{"item": r.id, "reason": settings.items[r.id].fixed} |
	some r in headroom
	settings.items[r.id].fixed
]

# ranked_moves: per category, the changeable items by full gain, largest first; equal kinds
# next to each other, in clause order.
ranked_moves := {c: [plan_moves[k[2]] | some k in order] |
	some c, _ in settings.categories
	order := sort([[0 - m.full, m.kind, i] | some i, m in plan_moves; m.category == c])
}

# A step is where a plan takes an item: [gain, clause position, item, points, tier,
# category]; tier is "" for full marks of an untiered item.

# lowest_step: the smallest step of move m that gains at least need; undefined if none.
lowest_step(m, need) := full_step(m) if {
	m.full >= need
	m.kind == ""
} else := steps[count(steps) - 1] if {
	m.full >= need
	steps := tier_steps(m, need)
}

# tier_steps: the tiers of m (best first) that gain at least need, as steps.
tier_steps(m, need) := [[t.points - m.points, m.at, m.item, t.points, t.tier, m.category] |
	some t in settings.items[m.item].tiers
	t.points - m.points >= need
]

# full_step: m at its max: full marks, or its best tier (tiers are listed best first).
full_step(m) := [m.full, m.at, m.item, m.points + m.full, m.top, m.category]

# conditions(l): what reaching level l asks for: its minimums, raised to level 4's strict
# bounds (I-10) where those are higher, since a score under one of them is level 4.
conditions(l) := object.union(l.min, {name: bound |
	some name, bound in failing.below
	bound > object.get(l.min, name, 0)
})

shortfalls(conds) := {name: max([0, least - scores[name]]) | some name, least in conds}

# least_count: the fewest of the gains (largest first) whose sum reaches short.
least_count(gains, short) := k if {
	short > 0
	sum(gains) >= short
	k := count([i | some i in numbers.range(1, count(gains)); sum(array.slice(gains, 0, i)) < short]) + 1
} else := 0 if {
	short <= 0
}

# options_by_need: category_options for every short category of the next level and of
# the one after it, computed once: the two often share a category's shortfall.
options_by_need := {[c, d]: category_options(ranked_moves[c], d) |
	some [c, d] in {[c, d] |
		some conds in planned_conditions
		some c, d in shortfalls(conds)
		c != "total"
		d > 0
	}
}

# alike: how many swing candidates of one kind are tried. Moves of one kind give equal
# gains, so three of each are enough for the three best.
alike := 3

# category_options: up to three candidates [gain, swing index, steps] that close short
# with the fewest moves of ms (ranked), fewest points first.
category_options(ms, short) := array.slice(sort(candidates), 0, 3) if {
	fulls := [m.full | some m in ms]
	k := least_count(fulls, short)
	anchor := array.slice(ms, 0, k - 1)
	anchor_sum := sum(array.slice(fulls, 0, k - 1))
	candidates := [candidate(anchor, anchor_sum, ms[j], j, short) |
		some j in numbers.range(k - 1, count(ms) - 1)
		not repeats(ms, j, k)
	]
}

repeats(ms, j, k) if {
	j - alike >= k - 1
	ms[j - alike].kind == ms[j].kind
	ms[j - alike].full == ms[j].full
}

candidate(anchor, anchor_sum, swing, j, short) := [(anchor_sum + step[0]) - cut[0], j, steps] if {
	step := lowest_step(swing, short - anchor_sum)
	cut := best_cut(anchor, (anchor_sum + step[0]) - short)
	steps := array.concat([anchor_step(m, i, cut) | some i, m in anchor], [step])
}

# best_cut: the anchor move lowered furthest within the overshoot over, as
# [points saved, anchor index, its lower step]; [0, -1, []] when none can be lowered.
# Only tiered moves have lower steps.
best_cut(anchor, over) := [best[0], 0 - best[1], best[2]] if {
	over > 0
	cuts := [[m.full - s[0], 0 - i, s] |
		some i, m in anchor
		m.kind != ""
		s := lowest_step(m, m.full - over)
		s[0] < m.full
	]
	count(cuts) > 0
	best := max(cuts)
} else := [0, -1, []]

anchor_step(m, i, cut) := cut[2] if {
	i == cut[1]
} else := full_step(m)

# category_plans: the best combination of the categories' candidates and, up to limit
# plans, the next best ones, which differ from it in one category; each as
# [gain, steps, gain per condition]. Undefined when a short category cannot be closed.
category_plans(short, limit) := [combination(options, choice) | some choice in choices] if {
	options := {c: o |
		some c, d in short
		c != "total"
		d > 0
		o := options_by_need[[c, d]]
	}
	count(options) == count([c | some c, d in short; c != "total"; d > 0])
	base := sum([o[0][0] | some o in options])
	choices := array.concat([[base, "", 0]], next_best(options, base, limit - 1))
}

next_best(_, _, 0) := []

next_best(options, base, n) := array.slice(swaps, 0, n) if {
	n > 0
	swaps := sort([[(base - o[0][0]) + alt[0], c, r] | some c, o in options; some r, alt in o; r > 0])
}

combination(options, [gain, swapped, r]) := [gain, steps, gains] if {
	chosen := {c: o[chosen_rank(c, swapped, r)] | some c, o in options}
	steps := [s | some o in chosen; some s in o[2]]
	gains := object.union({c: o[0] | some c, o in chosen}, {"total": gain})
}

chosen_rank(c, swapped, r) := r if c == swapped

else := 0

# total_plan: when the total asks for more than the category shortfalls add up to, each
# category's fewest largest gains, then the largest remaining gains of any category
# (greedy on gains sorted largest first: still the fewest items). At full marks.
total_plan(short) := [[sum([s[0] | some s in steps]), steps, gains]] if {
	counts := {c: least_count([m.full | some m in ms], object.get(short, c, 0)) | some c, ms in ranked_moves}
	every c, d in short {
		closable(c, d, counts)
	}
	taken := [m | some c, ms in ranked_moves; some m in array.slice(ms, 0, counts[c])]
	rest := sort([[0 - m.full, m.at, m] | some c, ms in ranked_moves; some m in array.slice(ms, counts[c], count(ms))])
	extra := least_count([(0 - r[0]) | some r in rest], short.total - sum([m.full | some m in taken]))
	moves := array.concat(taken, [r[2] | some r in array.slice(rest, 0, extra)])
	steps := [full_step(m) | some m in moves]
	gains := object.union(
		{c: sum([m.full | some m in moves; m.category == c]) | some c, _ in settings.categories},
		{"total": sum([m.full | some m in moves])},
	)
}

closable("total", _, _)

closable(_, d, _) if d <= 0

closable(c, _, counts) if counts[c]

# raw_plans: up to limit plans for the shortfalls short, as [gain, steps, gain per
# condition]; undefined when some condition cannot be met with the changeable items.
raw_plans(short, limit) := category_plans(short, limit) if categories_cover_total(short)

raw_plans(short, _) := total_plan(short) if not categories_cover_total(short)

categories_cover_total(short) if {
	sum([d | some c, d in short; c != "total"]) >= object.get(short, "total", 0)
}

# plans_to: up to limit rendered plans that reach level l (conditions conds); [] when
# none can.
plans_to(l, conds, limit) := [render_plan(l, order, p) | some p in raw] if {
	order := condition_order(conds)
	raw := raw_plans(shortfalls(conds), limit)
} else := []

render_plan(l, order, [gain, steps, gains]) := {
	"items": items,
	"gain": gain,
	"gains": gains,
	"satisfies": order,
	"blocked_by": blocked_by,
	"summary": plan_summary(l, items, gain),
} if {
	items := [plan_item(p[1]) | some p in sort([[s[1], s] | some s in steps])]
}

plan_item(s) := object.union(plan_item_points(s), {"tier": s[4]}) if {
	s[4] != ""
} else := plan_item_points(s)

plan_item_points([gain, _, item, points, _, category]) := {
	"item": item, "category": category,
	"from": points - gain, "to": points, "gain": gain,
}

plan_summary(l, items, gain) := {
	"zh": concat("", [blocked_note.zh, sprintf("改进%d项、共加%d分，达到%s的全部分数条件：%s", [count(items), gain, l.title.zh, concat("；", [step_text(it).zh | some it in items])])]),
	"en": concat("", [blocked_note.en, sprintf("%d %s, %d more points, meet every point condition of %s: %s", [count(items), items_en(count(items)), gain, l.title.en, concat("; ", [step_text(it).en | some it in items])])]),
} if {
	count(items) > 0
} else := {
	"zh": concat("", [blocked_note.zh, sprintf("分数已满足%s的全部条件", [l.title.zh])]),
	"en": concat("", [blocked_note.en, sprintf("the points already meet every condition of %s", [l.title.en])]),
}

items_en(1) := "item"

items_en(n) := "items" if n != 1

step_text(it) := {
	"zh": sprintf("%s升至%s档（%d→%d分）", [it.item, it.tier, it.from, it.to]),
	"en": sprintf("%s to tier %s (%d → %d)", [it.item, it.tier, it.from, it.to]),
} if {
	it.tier
} else := {
	"zh": sprintf("%s得满分（%d→%d分）", [it.item, it.from, it.to]),
	"en": sprintf("%s to full marks (%d → %d)", [it.item, it.from, it.to]),
}

# blocked_by: the vetoes and serious misconduct (I-13) that keep the level at 4.
blocked_by := array.concat([v.id | some v in fired_vetoes], [m.id | some m in fired_misconduct])

# blocked_note: said first in every plan when a veto or misconduct holds the level.
blocked_note := {"zh": "", "en": ""} if count(blocked_by) == 0

blocked_note := {
	"zh": sprintf("%s，无论得分如何均为%s；", [concat("，", [b.zh | some b in blockers_named]), failing.title.zh]),
	"en": sprintf("%s: the level stays %s whatever the points; ", [concat(", ", [b.en | some b in blockers_named]), failing.title.en]),
} if {
	count(blocked_by) > 0
}

blockers_named := array.concat(
	[{"zh": sprintf("否决项%s成立", [v.id]), "en": sprintf("veto %s fired", [v.id])} | some v in fired_vetoes],
	[{"zh": sprintf("严重违法违规行为%s经确认（I-13）", [m.id]), "en": sprintf("serious misconduct %s confirmed (I-13)", [m.id])} | some m in fired_misconduct],
)

next_target := [l | some l in graded; l.level == level_number - 1][0]

further_target := [l | some l in graded; l.level == level_number - 2][0]

next_conditions := conditions(next_target)

further_conditions := conditions(further_target)

# planned_conditions: the conditions of the levels plans are made for (one at level 2).
planned_conditions contains next_conditions

planned_conditions contains further_conditions

# next_plans: up to three plans to the next level.
next_plans := plans_to(next_target, next_conditions, 3)

# plan_fields: what next_level gains from the plans (merged into it by result.rego).
plan_fields := object.union_n([
	{"conditions": next_conditions, "plans": next_plans, "unchangeable": unchangeable},
	unreachable_field,
	further_field,
])

# unreachable_field: when no plan exists, the conditions no change can meet, with the
# most points the changeable items allow.
unreachable_field := {"unreachable": [{"condition": n, "least": least, "most": most} |
	some n in condition_order(conds)
	least := conds[n]
	most := scores[n] + sum([m.full | some m in plan_moves; counts_toward(m, n)])
	most < least
]} if {
	count(next_plans) == 0
	conds := next_conditions
} else := {}

counts_toward(_, "total")

counts_toward(m, name) if m.category == name

# further_field: the level after the next one too, when the next one takes no more
# items than it ("3 items to level 3; 5 to level 2").
further_field := {"further": {
	"level": further_target.level,
	"conditions": conds,
	"shortfall": shortfalls(conds),
	"plans": further,
}} if {
	count(next_plans) > 0
	conds := further_conditions
	further := plans_to(further_target, conds, 1)
	count(further) > 0
	count(next_plans[0].items) <= count(further[0].items)
} else := {}
