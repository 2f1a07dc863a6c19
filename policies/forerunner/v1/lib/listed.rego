package forerunner.v1.lib

# all_listed builds a 2.5/2.6 sub-item (I-4): its max only when at least one entry is
# listed and none fails. listed: listed_enterprises or listed_standards below; failures:
# index of each failing entry -> {zh, en, at: [pointers]} saying why; noun: {zh, en} of
# the entries, with criterion {zh, en}: what each entry had to meet, quoted when all
# meet it. Three cases, one else-chain: none listed, else all meet it, else some fail.
all_listed(meta, listed, failures, noun) := binary(
	meta, false,
	{
		"zh": sprintf("未列入任何%s（I-4）", [noun.zh]),
		"en": sprintf("no %s listed (I-4)", [noun.en]),
	},
	[listed.base],
) if {
	count(listed.labels) == 0
} else := binary(
	meta, true,
	{
		"zh": sprintf("全部%d个%s均满足：%s", [n, noun.zh, noun.criterion.zh]),
		"en": sprintf("%s meeting it: %d of %d (%s)", [noun.en, n, n, noun.criterion.en]),
	},
	listed.pointers,
) if {
	count(failures) == 0
	n := count(listed.labels)
} else := binary(
	meta, false,
	{
		"zh": sprintf("%d个%s中%d个不满足（I-4）：%s", [n, noun.zh, count(order), concat("；", zh)]),
		"en": sprintf("%d of %d %s fail (I-4): %s", [count(order), n, noun.en, concat("; ", en)]),
	},
	[at | some i in order; some at in failures[i].at],
) if {
	n := count(listed.labels)
	order := sort(object.keys(failures))
	zh := [sprintf("%s：%s", [listed.labels[i].zh, failures[i].zh]) | some i in order]
	en := [sprintf("%s: %s", [listed.labels[i].en, failures[i].en]) | some i in order]
}

# listed_enterprises and listed_standards: what the sub-items report on, built once per
# document and shared by all of them: the list's pointer (base), a label {zh, en} and a
# pointer per entry.
listed_enterprises := {
	"base": "/core/listed_enterprises",
	"labels": [{"zh": e.name, "en": e.name} | some e in input.core.listed_enterprises],
	"pointers": [sprintf("/core/listed_enterprises/%d", [i]) | some i, _ in input.core.listed_enterprises],
}

listed_standards := {
	"base": "/core/listed_standards",
	"labels": standard_labels,
	"pointers": [sprintf("/core/listed_standards/%d", [i]) | some i, _ in input.core.listed_standards],
}

# enterprise_names maps credit codes of listed enterprises to names, built once in one
# pass (object.union_n: a repeated code keeps its last name instead of a conflict).
enterprise_names := object.union_n([{e.credit_code: e.name} | some e in input.core.listed_enterprises])

# standard_labels names each listed standard with its enterprise.
standard_labels := [{
	"zh": sprintf("%s（%s）", [s.code, name]),
	"en": sprintf("%s (%s)", [s.code, name]),
} |
	some s in input.core.listed_standards
	name := object.get(enterprise_names, s.enterprise, s.enterprise)
]

# expected(checks) is the object in which every check's path (an array of keys) ends in
# its value: object.subset(entry, expected(checks)) holds exactly when each path of entry
# has that value. Items test it first, so that an entry meeting every check costs one
# built-in call, and only a failing one is looked at check by check.
expected(checks) := object.union_n([nested(c.path, c.value) | some c in checks])

nested([key], value) := {key: value}

nested([key, sub], value) := {key: {sub: value}}

# why joins the reasons {zh, en} of one failing entry and keeps their pointers.
why(reasons) := {
	"zh": concat("、", [r.zh | some r in reasons]),
	"en": concat("; ", [r.en | some r in reasons]),
	"at": [r.at | some r in reasons],
}
