# METADATA
# description: 2.6.d — every listed standard is applied in mass production or service at scale, with a valid test report.
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.standard_application

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.6.d"
#   category: core
#   title:
#     zh: 入围标准实施应用并有有效检测报告
#     en: Listed standards applied in production with a valid test report
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.standard_labels, "/core/listed_standards", failures, noun)

noun := {
	"zh": "入围标准",
	"en": "listed standards",
	"criterion": {
		"zh": "已在生产中实施应用并有有效检测报告",
		"en": "applied in production, with a valid test report",
	},
}

failures[i] := lib.why(reasons) if {
	some i, s in input.core.listed_standards
	reasons := [problem(c, i) | some c in checks; not object.get(s, c.field, false) == true]
	count(reasons) > 0
}

problem(c, i) := {
	"zh": c.zh,
	"en": c.en,
	"at": sprintf("/core/listed_standards/%d/%s", [i, c.field]),
}

checks := [
	{"field": "in_production", "zh": "未在生产中实施应用", "en": "not applied in production"},
	{"field": "valid_test_report", "zh": "无有效检测报告", "en": "no currently valid test report"},
]
