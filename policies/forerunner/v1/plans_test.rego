# next_level.plans: the fewest item changes to the next level (and the one after it).
package forerunner.v1.plans_test

import data.forerunner.v1
import data.forerunner.v1.fixtures_test as fx

example := r if {
	r := v1.result with input as fx.example
}

finding := {"date": "2024-05-01", "summary": "查实"}

# evidence.md's example is core 34 of 35: one item, the cheapest step that closes it.
test_example_one_item_to_level_3 if {
	n := example.next_level
	n.conditions == {"total": 70, "basic": 25, "core": 35, "encouraging": 10}
	[p.items | some p in n.plans] == [
		[{"item": "2.3", "category": "core", "from": 7, "to": 10, "gain": 3, "tier": "a"}],
		[{"item": "2.4", "category": "core", "from": 7, "to": 10, "gain": 3, "tier": "a"}],
	]
	every p in n.plans {
		p.gain == 3
		p.gains == {"core": 3, "total": 3}
		p.satisfies == ["total", "basic", "core", "encouraging"]
		p.blocked_by == []
	}
	n.plans[0].summary.en == "1 item, 3 more points, meet every point condition of Level 3: 2.3 to tier a (7 → 10)"
	n.plans[0].summary.zh == "改进1项、共加3分，达到三级的全部分数条件：2.3升至a档（7→10分）"
	n.unchangeable == []
	not n.unreachable
}

# Level 2 after level 3: shown because level 3 takes no more items (1 against 4).
test_example_further_level_2 if {
	f := example.next_level.further
	f.level == 2
	f.shortfall == {"total": 2, "core": 1, "encouraging": 6}
	count(f.plans) == 1
	[it.item | some it in f.plans[0].items] == ["2.3", "3.1", "3.2", "3.4"]
	f.plans[0].gain == 10
	f.plans[0].gains == {"core": 3, "encouraging": 7, "total": 10}
}

# A fixed fact of the cycle (config.items[id].fixed) is never planned, and is named.
test_fixed_item_never_planned if {
	doc := fx.patched(fx.example, "/basic/fairness_findings", [finding])
	n := v1.result.next_level with input as doc
	n.unchangeable == [{"item": "1.1", "reason": data.forerunner.v1.config.items["1.1"].fixed}]
	count(n.plans) > 0
	every p in n.plans {
		every it in p.items {
			it.item != "1.1"
		}
	}
}

# When the fixed items leave a condition out of reach, no plan: the condition and the
# most it can reach instead.
test_unreachable_condition if {
	doc := fx.patched(
		fx.patched(fx.example, "/basic/fairness_findings", [finding]),
		"/basic/spot_checks", [{"date": "2024-05-10", "problems_found": true}],
	)
	n := v1.result.next_level with input as doc
	n.plans == []
	[u] := n.unreachable
	object.remove(u, ["summary"]) == {"condition": "basic", "least": 25, "most": 20, "fixed": ["1.1", "1.5"]}
	u.summary.en == "Level 3 is out of reach this cycle: Basic indicators reach at most 20 with every changeable item at full marks, 25 needed; 1.1 (5 points lost), 1.5 (5 points lost) are fixed facts of the cycle that no plan can change"
	u.summary.zh == "本周期无法达到三级：基础指标即使可改进的条款全部得满分，最多20分，低于所需的25分；1.1（失5分）、1.5（失5分）为本周期已成定局的事实，任何方案都不能改变"
	not n.further
}

# Out of reach under a veto: the veto is said first, as in a plan.
test_unreachable_veto_said_first if {
	doc := fx.patched(
		fx.patched(fx.example, "/basic/fee_findings", [finding]),
		"/basic/spot_checks", [{"date": "2024-05-10", "problems_found": true}],
	)
	n := v1.result.next_level with input as doc
	n.plans == []
	[u] := n.unreachable
	u.fixed == ["1.2", "1.5"]
	startswith(u.summary.en, "veto V3 fired: the level stays Level 4 whatever the points; Level 3 is out of reach this cycle: ")
	startswith(u.summary.zh, "否决项V3成立，无论得分如何均为四级；本周期无法达到三级：")
}

# Vetoes keep level 4 whatever the points: every plan says so first.
test_veto_said_first if {
	doc := fx.patched(fx.example, "/findings/non_cooperation", [finding])
	n := v1.result.next_level with input as doc
	count(n.plans) > 0
	every p in n.plans {
		p.blocked_by == ["V5"]
		startswith(p.summary.en, "veto V5 fired: the level stays Level 4 whatever the points; ")
		startswith(p.summary.zh, "否决项V5成立，无论得分如何均为四级；")
	}
}

# With the points already enough, the only plan under a veto is the veto itself.
test_veto_with_enough_points if {
	n := v1.result.next_level with input as fx.example
		with v1.fired_vetoes as [{"id": "V1"}]
		with v1.scores as {"total": 93, "basic": 30, "core": 38, "encouraging": 25}
	n.plans[0].items == []
	n.plans[0].summary.en == "veto V1 fired: the level stays Level 4 whatever the points; the points already meet every condition of Level 3"
}

# Tiers are ordered: a plan asks for the lowest tier that closes the gap. 2.3 at tier c
# (3) with core short 2: tier b (+4), not a (+7).
test_lowest_sufficient_tier if {
	participant := [{"id": "T/X 1-2024", "title": "参与", "role": "participant", "date": "2024-04-02"}]
	ranking := {"kind": "ranking", "date": "2024-09-30", "title": "2024年洗衣机企业标准排行榜"}
	doc := fx.patched(
		fx.patched(fx.example, "/core/group_standards", participant),
		"/core/publications/-", ranking,
	)
	n := v1.result.next_level with input as doc
	n.shortfall.core == 2
	n.plans[0].items == [{"item": "2.3", "category": "core", "from": 3, "to": 7, "gain": 4, "tier": "b"}]
}

# move: item scored at points, as the plans rank and change it (plan_index.rego).
move(item, points) := data.forerunner.v1.plan_index.moves[item][points]

# Two items where the largest-first choice overshoots: 2.3 is lowered to tier b
# (7 + 5 = 12), not left at a (10 + 5 = 15).
test_anchor_lowered_within_overshoot if {
	ms := [
		move("2.3", 0),
		move("2.4", 0),
		move("2.1", 0),
	]
	options := v1.category_options(ms, 12)
	[o[0] | some o in options] == [12, 13]
	[[s[2].item, object.get(s[2], "tier", ""), s[1]] | some s in options[0][2]] == [["2.3", "b", 7], ["2.1", "", 5]]
}

# Three binary one-point items of a kind are tried as the swing, not all ten.
test_alike_moves_bounded if {
	ms := [move(sprintf("%s.%s", [i, s]), 0) | some i in ["2.5", "2.6"]; some s in ["a", "b", "c", "d", "e"]]
	options := v1.category_options(ms, 2)
	[[s[2].item | some s in o[2]] | some o in options] == [["2.5.a", "2.5.b"], ["2.5.a", "2.5.c"], ["2.5.a", "2.5.d"]]
}

least_count_cases := [
	[[10, 5, 1], 0, 0],
	[[10, 5, 1], 10, 1],
	[[10, 5, 1], 11, 2],
	[[10, 5, 1], 16, 3],
]

test_least_count if {
	every c in least_count_cases {
		v1.least_count(c[0], c[1]) == c[2]
	}
	not v1.least_count([10, 5, 1], 17)
}

# The total asks for more than the category minimums add up to (not so in the shipped
# data): the plan takes the largest remaining gains until the total holds too.
test_total_beyond_categories if {
	levels := [object.union(l, {"min": object.union(l.min, {"total": 80})}) |
		some l in data.forerunner.v1.config.levels
		l.level == 3
	]
	others := [l | some l in data.forerunner.v1.config.levels; l.level != 3]
	n := v1.result.next_level with input as fx.example
		with data.forerunner.v1.config.levels as array.concat(levels, others)
	n.shortfall == {"total": 2, "basic": 0, "core": 1, "encouraging": 0}
	count(n.plans) == 1
	p := n.plans[0]
	p.gain >= 2
	p.gains.core >= 1
	count(p.items) == 1
}

# Serious misconduct (I-13) holds level 4 like a veto, and is said first too.
test_misconduct_said_first if {
	doc := fx.patched(fx.example, "/findings/serious_misconduct", [finding])
	n := v1.result.next_level with input as doc
	count(n.plans) > 0
	every p in n.plans {
		p.blocked_by == ["M1"]
		startswith(p.summary.en, "serious misconduct M1 confirmed (I-13): the level stays Level 4 whatever the points; ")
		startswith(p.summary.zh, "严重违法违规行为M1经确认（I-13），无论得分如何均为四级；")
	}
}

# At level 2 there is no level after the next one: plans to level 1 alone.
test_level_2_plans_to_level_1 if {
	n := v1.result.next_level with input as fx.example
		with v1.scores as {"total": 91, "basic": 30, "core": 40, "encouraging": 21}
		with v1.fired_vetoes as []
	n.level == 1
	n.shortfall == {"total": 0, "basic": 0, "core": 0, "encouraging": 4}
	count(n.plans) > 0
	every p in n.plans {
		count(p.items) == 2
		p.gains.encouraging >= 4
	}
	not n.further
}

# The plan index is in step with the config: plan_index_of, given the items' categories
# as the results name them, gives the stored index (`forerunner policy check --fix
# --bundle DIR` rewrites it).
test_plan_index_is_current if {
	categories := {r.id: r.category | some r in example.items}
	v1.plan_index_of(categories) == data.forerunner.v1.plan_index
}

# A tier an item can reach from its points: 2.3 at tier c (3) needing 2 goes to tier b
# (7), needing 5 to tier a; the step to its max is its best tier; fixed items have none.
test_plan_index_steps if {
	steps := data.forerunner.v1.plan_index.steps
	[s[2] | some s in [steps["2.3"][3][1], steps["2.3"][3][4], steps["2.3"][3][6]]] == [
		{"item": "2.3", "category": "core", "from": 3, "to": 7, "gain": 4, "tier": "b"},
		{"item": "2.3", "category": "core", "from": 3, "to": 10, "gain": 7, "tier": "a"},
		{"item": "2.3", "category": "core", "from": 3, "to": 10, "gain": 7, "tier": "a"},
	]
	steps["1.3"][2][0][3] == {"zh": "1.3得满分（2→5分）", "en": "1.3 to full marks (2 → 5)"}
	count(steps["1.3"][2]) == 3
	not steps["1.5"]
	data.forerunner.v1.plan_index.fixed == ["1.1", "1.2", "1.5"]
	data.forerunner.v1.plan_index.moves["2.3"][3]._rank == [-7, "c", "02.03"]
}
