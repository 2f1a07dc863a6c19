# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.enterprise_materials

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.5.e"
#   category: core
#   title:
#     zh: 入围企业配合提供企业标准、批量生产证明和承诺函
#     en: Listed enterprises provided standard, mass-production proof and commitment letter
#   clause:
#     zh: "入围企业应配合评估机构工作，提供相关企业标准、达标产品量产或服务规模化以及企业承诺书等材料，承诺书应注明达标的“领跑者”产品型号或服务类型、产销情况、主要销售或推广渠道，并加盖企业公章。"
#     en: "Every listed enterprise cooperated and provided all required materials."
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_enterprises, failures, noun)

noun := {
	"zh": "入围企业",
	"en": "listed enterprises",
	"criterion": {
		"zh": "提供企业标准、批量生产证明和盖章承诺函（列明型号、产销量、主要渠道）",
		"en": "enterprise standard, mass-production proof and a sealed commitment letter (models, production and sales, channels) provided",
	},
}

failures[i] := lib.why(reasons) if {
	some i, e in input.core.listed_enterprises
	not object.subset(e.materials, all_provided)
	reasons := [problem(m, i) | some m in materials; not object.get(e.materials, m.path, false) == true]
	count(reasons) > 0
}

materials := [
	{"path": ["enterprise_standard"], "zh": "未提供企业标准", "en": "no enterprise standard"},
	{"path": ["mass_production_proof"], "zh": "未提供批量生产或规模服务证明", "en": "no proof of mass production or service at scale"},
	{"path": ["commitment_letter", "provided"], "zh": "未提供承诺函", "en": "no commitment letter"},
	{"path": ["commitment_letter", "sealed"], "zh": "承诺函未盖章", "en": "commitment letter not sealed"},
	{"path": ["commitment_letter", "names_models"], "zh": "承诺函未列明型号或服务类型", "en": "commitment letter does not name the models or service types"},
	{"path": ["commitment_letter", "states_production_and_sales"], "zh": "承诺函未说明产量和销量", "en": "commitment letter does not state production and sales"},
	{"path": ["commitment_letter", "states_channels"], "zh": "承诺函未说明主要渠道", "en": "commitment letter does not state the main channels"},
]

# all_provided: every material's path true (an enterprise providing all needs no check by check).
all_provided := lib.expected([{"path": m.path, "value": true} | some m in materials])

problem(m, i) := {
	"zh": m.zh,
	"en": m.en,
	"at": sprintf("/core/listed_enterprises/%d/materials/%s", [i, concat("/", m.path)]),
}
