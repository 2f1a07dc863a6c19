package forerunner.v1

# Levels: vetoes and the strict level-4 bounds (I-10) decide level 4 first; otherwise the
# best level whose every minimum holds; otherwise level 4 again (I-9).

# graded: the levels with minimums, best first.
graded := [by_level[n] | some n in sort(object.keys(by_level))]

by_level := {l.level: l | some l in settings.levels; l.min}

lowest_pass := graded[count(graded) - 1]

# failing: the level of the explicit failing conditions (level 4).
failing := [l | some l in settings.levels; l.below][0]

below := {name |
	some name, bound in failing.below
	scores[name] < bound
}

reached := [l | some l in graded; meets(l)]

meets(l) if every name, least in l.min {
	scores[name] >= least
}

level_number := failing.level if {
	blockers + count(below) > 0
} else := reached[0].level if {
	count(reached) > 0
} else := failing.level

level_config := [l | some l in settings.levels; l.level == level_number][0]

level := {
	"level": level_number,
	"title": level_config.title,
	"reasons": level_reasons,
	"consequence": consequence,
}

consequence := misconduct_consequence if {
	count(fired_misconduct) > 0
} else := level_config.consequence

label(name) := settings.total.title if name == "total"

label(name) := settings.categories[name].title if name != "total"

level_reasons := held(level_config) if level_number != failing.level

level_reasons := array.concat(array.concat(array.concat(veto_reasons, misconduct_reasons), below_reasons), fallback_reasons) if {
	level_number == failing.level
}

held(l) := array.concat(
	[{
		"zh": sprintf("%s%v分，不低于%v分", [label(name).zh, scores[name], least]),
		"en": sprintf("%s %v points, at least %v", [label(name).en, scores[name], least]),
	} |
		some name in condition_order(l.min)
		least := l.min[name]
	],
	[{"zh": "无否决项", "en": "no veto fired"}],
)

veto_reasons := [{
	"zh": sprintf("否决项%s：%s", [v.id, v.title.zh]),
	"en": sprintf("veto %s: %s", [v.id, v.title.en]),
} |
	some v in fired_vetoes
]

below_reasons := [{
	"zh": sprintf("%s%v分，低于%v分（I-10）", [label(name).zh, scores[name], failing.below[name]]),
	"en": sprintf("%s %v points, below %v (I-10)", [label(name).en, scores[name], failing.below[name]]),
} |
	some name in condition_order(failing.below)
	name in below
]

# fallback_reasons: I-9, neither an explicit level-4 condition nor the lowest passing level.
fallback_reasons := [] if blockers + count(below) > 0

fallback_reasons := [{
	"zh": sprintf("未达到%s条件：%s%v分，低于%v分（I-9）", [lowest_pass.title.zh, label(name).zh, scores[name], least]),
	"en": sprintf("%s not met: %s %v points, below %v (I-9)", [lowest_pass.title.en, label(name).en, scores[name], least]),
} |
	some name in condition_order(lowest_pass.min)
	least := lowest_pass.min[name]
	scores[name] < least
] if {
	blockers + count(below) == 0
}

# condition_order: total first, then categories in the order of their names.
condition_order(conditions) := array.concat(
	[n | some n, _ in conditions; n == "total"],
	sort([n | some n, _ in conditions; n != "total"]),
)

# next_level: the shortfall against each condition of the next level up, and the items with
# headroom in the categories short of it (any item, when the total is short).
next_level := {
	"level": target.level,
	"blocked_by_vetoes": count(fired_vetoes) > 0,
	"blocked_by_misconduct": count(fired_misconduct) > 0,
	"shortfall": shortfall,
	"options": [{"item": r.id, "gain": r.max - r.points} | some r in headroom; helps(r)],
} if {
	target := [l | some l in graded; l.level == level_number - 1][0]
	shortfall := {name: max([0, least - scores[name]]) | some name, least in target.min}
}

helps(r) if next_shortfall[r.category] > 0

helps(_) if next_shortfall.total > 0

next_shortfall := {name: max([0, least - scores[name]]) |
	some l in graded
	l.level == level_number - 1
	some name, least in l.min
}
