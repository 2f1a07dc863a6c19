# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.plan_basis

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.2"
#   category: core
#   title:
#     zh: 评估方案编制依据
#     en: Basis of the evaluation plan
#   clause:
#     zh: "评估方案的编制依据：a)依据《质量分级及“领跑者”评价要求》团体标准（5分）；b)依据《质量分级及“领跑者”评价通则》团体标准（0分）。"
#     en: "The evaluation plan is based on the required group standard."
#   interpretations: []
result := lib.binary(rego.metadata.rule(), basis == settings.basis, reason, ["/core/evaluation_plan/basis"])

settings := lib.config.items["2.2"]

basis := input.core.evaluation_plan.basis

title(b) := object.get(settings.basis_titles, b, {"zh": b, "en": b})

reason := {
	"zh": sprintf("评估方案依据%s编制", [title(basis).zh]),
	"en": sprintf("the evaluation plan is based on %s", [title(basis).en]),
} if {
	basis == settings.basis
}

reason := {
	"zh": sprintf("评估方案依据%s编制，而非%s", [title(basis).zh, title(settings.basis).zh]),
	"en": sprintf("the evaluation plan is based on %s, not on %s", [title(basis).en, title(settings.basis).en]),
} if {
	basis != settings.basis
}
