# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.enterprise_spot_checks

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.5.d"
#   category: core
#   title:
#     zh: 入围企业近三年未列入国家质量监督抽查不合格名单
#     en: Listed enterprises not on national spot-check failure lists in three years
#   clause:
#     zh: "入围企业近三年，生产的产品或提供的服务未列入国家质量抽检不合格清单。"
#     en: >-
#       No product or service of a listed enterprise failed a national quality spot
#       check in the window.
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_enterprises, failures, noun)

noun := {
	"zh": "入围企业",
	"en": "listed enterprises",
	"criterion": {
		"zh": sprintf("近%d年（%s之后）未列入国家质量监督抽查不合格名单", [lib.config.window_years, lib.window_start]),
		"en": sprintf("not on a national quality spot-check failure list in the %d years after %s", [lib.config.window_years, lib.window_start]),
	},
}

failures[i] := lib.why(reasons) if {
	some i, e in input.core.listed_enterprises
	reasons := [finding(f, sprintf("/core/listed_enterprises/%d/spot_check_failures/%d", [i, j])) |
		some j, f in e.spot_check_failures
		lib.in_window(f.date)
	]
	count(reasons) > 0
}

finding(f, at) := {
	"zh": sprintf("%s抽查不合格：%s%s", [f.date, f.summary, reference(f)]),
	"en": sprintf("failed spot check on %s: %s%s", [f.date, f.summary, reference(f)]),
	"at": at,
}

reference(f) := sprintf(" [%s]", [f.reference]) if f.reference

reference(f) := "" if not f.reference
