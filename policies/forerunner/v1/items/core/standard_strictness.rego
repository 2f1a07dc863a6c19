# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.standard_strictness

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.6.c"
#   category: core
#   title:
#     zh: 入围标准指标符合评估方案且严于国家、行业标准
#     en: Listed standards meet the plan and are stricter than national and industry standards
#   clause:
#     zh: "入围标准的指标水平满足评估方案中的判定要求，指标水平应严于相关国家标准和行业标准。"
#     en: >-
#       Every listed standard meets the plan's criteria and is stricter than national
#       and industry standards.
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_standards, failures, noun)

noun := {
	"zh": "入围标准",
	"en": "listed standards",
	"criterion": {
		"zh": "指标符合评估方案且严于相关国家标准和行业标准",
		"en": "meet the plan's criteria and are stricter than the national and industry standards",
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
	{"field": "meets_plan_criteria", "zh": "指标水平不符合评估方案", "en": "indicator levels do not meet the plan's criteria"},
	{"field": "stricter_than_national", "zh": "不严于相关国家标准", "en": "not stricter than the national standard"},
	{"field": "stricter_than_industry", "zh": "不严于相关行业标准", "en": "not stricter than the industry standard"},
]

# all_met: every field of checks true (a standard meeting it needs no check by check).
all_met := lib.expected([{"path": [c.field], "value": true} | some c in checks])
