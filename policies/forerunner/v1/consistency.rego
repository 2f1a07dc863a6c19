package forerunner.v1

# consistency lists what in the bundle does not add up, for `forerunner policy check`
# and the policy author (never part of a result). Maxima do not depend on the evidence,
# so any valid evidence document will do as input.
# I-1: the encouraging category declares 30 points but its items attain only 25.
consistency contains {
	"code": "declared_max_differs",
	"zh": sprintf("%s声明满分%v分，但其各项满分之和为%v分（I-1）", [settings.categories[name].title.zh, c.declared_max, c.max]),
	"en": sprintf("%s declare %v points, but their items add up to %v (I-1)", [settings.categories[name].title.en, c.declared_max, c.max]),
	"at": sprintf("/categories/%s", [name]),
} if {
	some name, c in categories
	c.max != c.declared_max
}

consistency contains {
	"code": "item_without_rule",
	"zh": sprintf("配置中的条款%s没有对应的规则", [id]),
	"en": sprintf("clause %s is configured but no rule scores it", [id]),
	"at": sprintf("/items/%s", [id]),
} if {
	some id, _ in settings.items
	not by_id[id]
}

# (A rule whose clause has no configured max yields no item at all, so it shows up
# as a missing item in the result's clause list rather than here.)
