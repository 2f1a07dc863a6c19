# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.standard_drafting

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.6.a"
#   category: core
#   title:
#     zh: 入围标准按GB/T 1.1起草
#     en: Listed standards drafted per GB/T 1.1
#   clause:
#     zh: "入围标准按GB/T 1.1所规定的原则、结构、起草与表述规则等要求编制。"
#     en: "Every listed standard was drafted per GB/T 1.1."
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_standards, failures, noun)

noun := {
	"zh": "入围标准",
	"en": "listed standards",
	"criterion": {
		"zh": "按GB/T 1.1起草",
		"en": "drafted per GB/T 1.1",
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

checks := [{"field": "gbt_1_1_conformant", "zh": "未按GB/T 1.1起草", "en": "not drafted per GB/T 1.1"}]

# all_met: every field of checks true (a standard meeting it needs no check by check).
all_met := lib.expected([{"path": [c.field], "value": true} | some c in checks])
