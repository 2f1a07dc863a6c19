# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.fees

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V3
#   clause:
#     zh: "在企业标准排行榜和“领跑者”名单评估过程中，违规向企业收取费用的。"
#     en: >-
#       Fires on any fee charged to enterprises in the ranking/leader evaluation (the
#       same evidence as item 1.2).
result := lib.veto(rego.metadata.rule(), fired, why)

default fired := false

fired if count(findings) > 0

# why it fired: given only when it did.
why contains {
	"reason": lib.findings_reason(findings, {"zh": "违规向企业收取费用", "en": "fees charged to enterprises"}),
	"evidence": [sprintf("/basic/fee_findings/%d", [i]) | some i, _ in findings],
} if fired

findings := input.basic.fee_findings
