# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.fees

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "1.2"
#   category: basic
#   title:
#     zh: 未以任何名义收取费用
#     en: No fees charged under any name
#   clause:
#     zh: "评估机构开展企业标准“领跑者”评估工作未以任何名义收取费用。"
#     en: >-
#       No fee charged to enterprises under any name. Any fee finding also fires veto
#       V3, which reads the same evidence, so no date window applies here either.
result := lib.binary(rego.metadata.rule(), count(findings) == 0, reason, evidence)

base := "/basic/fee_findings"

findings := input.basic.fee_findings

evidence := [lib.pointer(base, i) | some i, _ in findings] if count(findings) > 0

evidence := [base] if count(findings) == 0

reason := {
	"zh": "无向企业收取费用的查实情况",
	"en": "no finding of fees charged to enterprises",
} if {
	count(findings) == 0
}

reason := {
	"zh": sprintf("查实向企业收取费用%d项（%s），并触发否决项V3", [count(findings), concat("；", texts)]),
	"en": sprintf("findings of fees charged to enterprises: %d (%s); they also fire veto V3", [count(findings), concat("; ", texts)]),
} if {
	count(findings) > 0
	texts := [lib.finding_text(f) | some f in findings]
}
