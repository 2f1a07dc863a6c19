# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.enterprise_accidents

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.5.a"
#   category: core
#   title:
#     zh: 入围企业近三年未发生较大及以上环境、安全、质量事故
#     en: Listed enterprises without larger or worse accidents in three years
#   clause:
#     zh: "入围企业近三年，无较大及以上环境、安全、质量事故。"
#     en: >-
#       No listed enterprise had an accident of severity "larger" or above in the
#       window.
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_enterprises, failures, noun)

noun := {
	"zh": "入围企业",
	"en": "listed enterprises",
	"criterion": {
		"zh": sprintf("近%d年（%s之后）未发生较大及以上环境、安全、质量事故", [lib.config.window_years, lib.window_start]),
		"en": sprintf("no environmental, safety or quality accident of severity larger or above in the %d years after %s", [lib.config.window_years, lib.window_start]),
	},
}

severities := {s | some s in lib.config.items["2.5.a"].severities}

kinds := {"environment": "环境", "safety": "安全", "quality": "质量"}

grades := {"general": "一般", "larger": "较大", "major": "重大", "especially_major": "特别重大"}

failures[i] := lib.why(reasons) if {
	some i, e in input.core.listed_enterprises
	reasons := [accident(a, sprintf("/core/listed_enterprises/%d/accidents/%d", [i, j])) |
		some j, a in e.accidents
		a.severity in severities
		lib.in_window(a.date)
	]
	count(reasons) > 0
}

accident(a, at) := {
	"zh": sprintf("%s发生%s%s事故", [a.date, object.get(grades, a.severity, a.severity), object.get(kinds, a.kind, a.kind)]),
	"en": sprintf("%s %s accident of severity %s", [a.date, a.kind, a.severity]),
	"at": at,
}
