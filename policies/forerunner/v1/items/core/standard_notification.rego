# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.standard_notification

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.6.e"
#   category: core
#   title:
#     zh: 入围标准变更、废止或企业不再符合要求时5个工作日内告知
#     en: Changes of listed standards notified within 5 working days
#   clause:
#     zh: "入围标准出现修订、变更、废止等情况时，或入围企业出现无法满足4.2.3.2要求的情况时，入围企业在相关情况发生的5个工作日内告知评估机构，必要时调整入围名单。"
#     en: >-
#       Every change of a listed standard (or loss of conformity) was notified within 5
#       working days.
#   interpretations: [I-4, I-6]
result := lib.all_listed(rego.metadata.rule(), lib.listed_standards, failures, noun)

noun := {
	"zh": "入围标准",
	"en": "listed standards",
	"criterion": {
		"zh": sprintf("共%d次变更，均在%d个工作日内告知（I-6）", [count(checks), days]),
		"en": sprintf("changes checked: %d, each notified within %d working days (I-6)", [count(checks), days]),
	},
}

days := lib.config.items["2.6.e"].working_days

kinds := {"revision": "修订", "change": "变更", "repeal": "废止", "nonconformity": "企业不再符合要求"}

# checks: one working-day count per notified change, keyed by [standard, change],
# computed once (a complete object, not a partial rule re-evaluated per lookup).
checks := {[i, j]: lib.within_working_days(c.occurred_on, c.notified_on, days) |
	some i, s in input.core.listed_standards
	some j, c in s.changes
	is_string(c.notified_on)
}

# A change is in time when its check says so; one never notified (notified_on null or
# absent) has no check.
failures[i] := lib.why(reasons) if {
	some i, s in input.core.listed_standards
	reasons := [late(c, i, j) | some j, c in s.changes; not checks[[i, j]].in_time == true]
	count(reasons) > 0
}

late(c, i, j) := {
	"zh": sprintf("%s发生的%s于%s告知，超过%d个工作日（I-6）", [c.occurred_on, object.get(kinds, c.kind, c.kind), c.notified_on, days]),
	"en": sprintf("%s of %s notified on %s, later than %d working days (I-6)", [c.kind, c.occurred_on, c.notified_on, days]),
	"at": sprintf("/core/listed_standards/%d/changes/%d", [i, j]),
} if {
	is_string(c.notified_on)
} else := {
	"zh": sprintf("%s发生的%s未告知", [c.occurred_on, object.get(kinds, c.kind, c.kind)]),
	"en": sprintf("%s of %s never notified", [c.kind, c.occurred_on]),
	"at": sprintf("/core/listed_standards/%d/changes/%d", [i, j]),
}

errors contains {
	"code": "E-CALENDAR-YEAR",
	"zh": sprintf("节假日日历缺少%s年，无法计算%s至%s之间的工作日（I-6），本文件不予评分", [year, c.occurred_on, c.notified_on]),
	"en": sprintf("the holiday calendar lacks the year %s, needed to count working days between %s and %s (I-6); the document is not scored", [year, c.occurred_on, c.notified_on]),
	"at": sprintf("/core/listed_standards/%d/changes/%d", [i, j]),
} if {
	some [i, j], check in checks
	year := check.missing_year
	c := input.core.listed_standards[i].changes[j]
}
