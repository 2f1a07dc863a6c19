# Level boundaries (criteria.md "Levels", I-9, I-10) on given category scores.
package forerunner.v1.levels_test

import data.forerunner.v1

scores(total, basic, core, encouraging) := {"total": total, "basic": basic, "core": core, "encouraging": encouraging}

level_of(s) := l if {
	l := v1.level.level with v1.scores as s with v1.fired_vetoes as []
}

test_level_1_at_its_bounds if level_of(scores(90, 28, 37, 25)) == 1

test_level_1_needs_total_90 if level_of(scores(89, 28, 37, 25)) == 2

test_level_1_needs_basic_28 if level_of(scores(90, 27, 38, 25)) == 2

test_level_1_needs_core_37 if level_of(scores(90, 30, 36, 25)) == 2

test_level_1_needs_encouraging_25 if level_of(scores(90, 30, 40, 24)) == 2

test_level_2_at_its_bounds if level_of(scores(80, 25, 35, 20)) == 2

test_level_2_needs_total_80 if level_of(scores(79, 25, 35, 20)) == 3

test_level_2_needs_encouraging_20 if level_of(scores(80, 25, 35, 19)) == 3

test_level_3_at_its_bounds if level_of(scores(70, 25, 35, 10)) == 3

test_level_3_basic_25_is_enough if level_of(scores(75, 25, 40, 10)) == 3

test_basic_24_is_level_4 if level_of(scores(75, 24, 40, 11)) == 4

test_level_3_needs_encouraging_10 if level_of(scores(75, 30, 36, 9)) == 4

# I-10: level-4 bounds are strict; total exactly 60 or core exactly 30 is not level 4 by them.
test_total_60_not_explicit_level_4 if {
	reasons := v1.level.reasons with v1.scores as scores(60, 25, 30, 5) with v1.fired_vetoes as []
	every r in reasons {
		contains(r.en, "(I-9)")
	}
}

test_total_59_explicit_level_4 if {
	reasons := v1.level.reasons with v1.scores as scores(59, 25, 30, 4) with v1.fired_vetoes as []
	[r.zh | some r in reasons] == ["总分59分，低于60分（I-10）"]
}

test_core_29_explicit_level_4 if {
	reasons := v1.level.reasons with v1.scores as scores(80, 30, 29, 21) with v1.fired_vetoes as []
	[r.en | some r in reasons] == ["Core indicators 29 points, below 30 (I-10)"]
}

# I-9: neither level 3 nor an explicit level-4 condition: level 4, naming what failed.
test_i9_fallback_total_65 if {
	l := v1.level with v1.scores as scores(65, 25, 30, 10) with v1.fired_vetoes as []
	l.level == 4
	[r.zh | some r in l.reasons] == ["未达到三级条件：总分65分，低于70分（I-9）", "未达到三级条件：核心指标30分，低于35分（I-9）"]
}

test_i9_fallback_core_32 if {
	l := v1.level with v1.scores as scores(75, 30, 32, 13) with v1.fired_vetoes as []
	l.level == 4
	[r.en | some r in l.reasons] == ["Level 3 not met: Core indicators 32 points, below 35 (I-9)"]
}

test_veto_is_level_4_whatever_the_points if {
	veto := {"id": "V4", "title": {"zh": "领跑者认证工作弄虚作假", "en": "Fraud in leader certification work"}}
	l := v1.level with v1.scores as scores(95, 30, 40, 25) with v1.fired_vetoes as [veto]
	l.level == 4
	[r.zh | some r in l.reasons] == ["否决项V4：领跑者认证工作弄虚作假"]
}

test_reasons_of_a_passing_level if {
	l := v1.level with v1.scores as scores(92, 30, 37, 25) with v1.fired_vetoes as []
	l.title == {"zh": "一级", "en": "Level 1"}
	[r.zh | some r in l.reasons] == ["总分92分，不低于90分", "基础指标30分，不低于28分", "核心指标37分，不低于37分", "鼓励性指标25分，不低于25分", "无否决项"]
}

# I-13: misconduct makes level 4 even where the points reach level 3, with its own consequence.
test_misconduct_is_level_4_with_revocation if {
	misconduct := {"cycle": {"year": 2024}, "findings": {"serious_misconduct": [{"date": "2024-05-01", "summary": "违法"}]}}
	l := v1.level with v1.scores as scores(70, 25, 35, 10) with v1.fired_vetoes as [] with input as misconduct
	l.level == 4
	contains(l.consequence.zh, "取消评估机构资格")
	contains(l.consequence.en, "2025–2027")
}

test_plain_level_4_consequence if {
	c := v1.level.consequence with v1.scores as scores(50, 20, 20, 10) with v1.fired_vetoes as [] with input as {"findings": {"serious_misconduct": []}}
	c.zh == "不合格：限期整改，整改完成后由工作机构核查。"
}

# A threshold is data: lowering level 1's total to 85 lifts an 88-point result.
test_threshold_lives_in_data if {
	s := scores(88, 30, 38, 25)
	level_of(s) == 2
	levels := [object.union(l, {"min": object.union(l.min, {"total": 85})}) | some l in data.forerunner.v1.config.levels; l.level == 1]
	lowered := array.concat(levels, [l | some l in data.forerunner.v1.config.levels; l.level != 1])
	v1.level.level == 1 with v1.scores as s with v1.fired_vetoes as [] with data.forerunner.v1.config.levels as lowered
}

test_levels_ordered_by_number_not_by_text if {
	shuffled := [l | some i in [2, 0, 3, 1]; l := data.forerunner.v1.config.levels[i]]
	v1.level.level == 1 with v1.scores as scores(90, 28, 37, 25) with v1.fired_vetoes as [] with data.forerunner.v1.config.levels as shuffled
	v1.level.level == 3 with v1.scores as scores(70, 25, 35, 10) with v1.fired_vetoes as [] with data.forerunner.v1.config.levels as shuffled
}

test_level_4_found_by_its_bounds_not_position if {
	shuffled := [l | some i in [3, 2, 1, 0]; l := data.forerunner.v1.config.levels[i]]
	l := v1.level with v1.scores as scores(59, 30, 35, 10) with v1.fired_vetoes as [] with data.forerunner.v1.config.levels as shuffled
	l.level == 4
	l.reasons == [{"zh": "总分59分，低于60分（I-10）", "en": "Total 59 points, below 60 (I-10)"}]
}
