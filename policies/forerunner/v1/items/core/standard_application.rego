# METADATA
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
#   clause:
#     zh: "入围标准已应用在企业生产经营中，有达标的量产产品或服务已实现规模化，且能提供具体产品或服务的检测报告等现行有效的达标证明。"
#     en: >-
#       Every listed standard is applied in mass production or service at scale, with a
#       valid test report.
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_standards, failures, noun)

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
	not object.subset(s, all_met)
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

# all_met: every field of checks true (a standard meeting it needs no check by check).
all_met := lib.expected([{"path": [c.field], "value": true} | some c in checks])
