# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.encouraging.product_declarations

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "3.4"
#   category: encouraging
#   title:
#     zh: 达标产品信息申报
#     en: Conformity information declared for product models
#   clause:
#     zh: "达标产品信息申报：a)依据“领跑者”团标，推动100个以上的型号的达标产品信息申报工作（5分）；b)依据“领跑者”团标，推动50个以上100个以下的型号的达标产品信息申报工作（3分）；c)依据“领跑者”团标，推动50个以内的型号的达标产品信息申报工作（2分）；d)未成功推动产品的达标产品信息申报工作（0分）。"
#     en: >-
#       Distinct product models whose conformity information was declared under leader
#       group standards. I-8: the overlapping boundaries 50 and 100 go to the higher
#       tier; each model counts once.
#   interpretations: [I-8, I-11]
result := lib.tiered(rego.metadata.rule(), counts, reason, evidence)

base := "/encouraging/product_declarations"

declarations := input.encouraging.product_declarations

models := {d.model | some d in declarations}

counts := {"models": count(models)}

warnings := lib.duplicate_warnings(base, count(declarations), count(models))

# The whole list is the evidence: a pointer per declaration would grow the result with
# every model (hundreds to thousands) and add nothing the count does not say.
evidence := [base]

# The reason quotes at most this many models, in order, then says how many more.
quoted_models := 5

shown := array.slice(sort(models), 0, quoted_models)

more := {"zh": "", "en": ""} if count(models) <= quoted_models

more := {"zh": sprintf("等%d个", [count(models)]), "en": sprintf(" and %d more", [count(models) - quoted_models])} if {
	count(models) > quoted_models
}

reason := {
	"zh": "未申报达标产品型号",
	"en": "no product model declared",
} if {
	count(models) == 0
}

reason := {
	"zh": sprintf("依据“领跑者”团标申报达标产品型号%d个（%s%s）", [count(models), lib.names(shown).zh, more.zh]),
	"en": sprintf("distinct product models declared under leader group standards: %d (%s%s)", [count(models), lib.names(shown).en, more.en]),
} if {
	count(models) > 0
}
