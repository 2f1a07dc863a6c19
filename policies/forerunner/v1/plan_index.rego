package forerunner.v1

# The plan index (data.forerunner.v1.plan_index, the file plan_index/data.json): what the
# plans (plans.rego) would otherwise build from the config at every decision, derived
# once by plan_index_of and written by `forerunner policy check --fix --bundle DIR`;
# `forerunner policy check`, the bundle's tests and `--set` on an item keep it in step
# with the config (as the working-day index is kept with the calendar). No decision
# evaluates plan_index_of.
#
# moves[id][points]: item id scored at points (0 … max-1), as a plan may change it: its
# rank among the moves (largest gain first, untiered items of one gain next to each
# other, then clause order), its category, full gain and tier. steps[id][points][need - 1]
# for each need of 1 … full: its lowest step that gains at least need (the last one is
# the step to its max). Moves stay small, steps apart: a stock OPA converts what a
# decision reads from its store on every read, so a decision reads only the steps it
# uses. Fixed items (config.items[id].fixed) have neither; fixed lists them in clause
# order.
# conditions: the names a level's conditions may have, in condition_order (levels.rego).
#
# A step is where a plan takes an item: [clause position, gain, the plan's item
# {item, category, from, to, gain, tier (a tiered item only)}, its text in zh and en].
# Sorted, steps are in clause order.

# plan_index_of(categories): the index for the config, categories mapping each item id
# to its category (the items' METADATA, which only the host reads).
plan_index_of(categories) := {
	"description": "Derived from config/data.json and the items' categories by plan_index_of (plan_index.rego); do not edit. Rewritten by `forerunner policy check --fix --bundle DIR`, checked by `forerunner policy check` and the bundle's tests.",
	"conditions": array.concat(["total"], sort([c | some c, _ in settings.categories])),
	"fixed": [id | some [_, id] in sort([[clause_order(id), id] | some id, item in settings.items; item.fixed])],
	"moves": {id: [plan_move(id, item, categories[id], from) | some from in numbers.range(0, item.max - 1)] |
		some id, item in changeable_items
	},
	"steps": {id: [plan_steps(id, item, categories[id], from) | some from in numbers.range(0, item.max - 1)] |
		some id, item in changeable_items
	},
}

changeable_items := {id: item | some id, item in settings.items; not item.fixed; item.max > 0}

# plan_move: the move of item id (config item) scored at from.
plan_move(id, item, category, from) := {
	"_rank": [0 - full, tier, at], # the first key: sorting moves ranks them
	"at": at,
	"category": category,
	"full": full,
	"item": id,
	"points": from,
	"tier": tier,
} if {
	full := item.max - from
	at := clause_order(id)
	tier := tier_at(item, from)
}

# plan_steps: the lowest steps of item id scored at from, for each need of 1 … full.
plan_steps(id, item, category, from) := [lowest_plan_step(id, item, category, at, from, need) |
	some need in numbers.range(1, item.max - from)
] if {
	at := clause_order(id)
}

# tier_at: the tier of a tiered item scored at points (tiers are listed best first),
# "" for an untiered one.
tier_at(item, points) := [t.tier | some t in item.tiers; t.points <= points][0] if {
	item.tiers
} else := ""

# lowest_plan_step: the smallest step from from that gains at least need: the lowest
# tier reaching from + need, or full marks for an untiered item.
lowest_plan_step(id, item, category, at, from, need) := plan_step(id, category, at, from, item.max, "") if {
	not item.tiers
} else := plan_step(id, category, at, from, t.points, t.tier) if {
	reaching := [t | some t in item.tiers; t.points >= from + need]
	t := reaching[count(reaching) - 1]
}

plan_step(id, category, at, from, to, "") := [
	at, to - from, {
		"item": id, "category": category,
		"from": from, "to": to, "gain": to - from,
	},
	step_text([id, from, to]),
]

plan_step(id, category, at, from, to, tier) := [
	at, to - from, {
		"item": id, "category": category,
		"from": from, "to": to, "gain": to - from, "tier": tier,
	},
	step_text([id, tier, from, to]),
] if {
	tier != ""
}

# step_text: "2.3升至a档（7→10分）" / "2.3 to tier a (7 → 10)" from a step's quoted
# values [item, tier, from, to]; "2.1得满分（0→5分）" / "2.1 to full marks (0 → 5)" from
# [item, from, to].
step_text(quoted) := {
	"zh": sprintf("%s升至%s档（%d→%d分）", quoted),
	"en": sprintf("%s to tier %s (%d → %d)", quoted),
} if {
	count(quoted) == 4
} else := {
	"zh": sprintf("%s得满分（%d→%d分）", quoted),
	"en": sprintf("%s to full marks (%d → %d)", quoted),
}
