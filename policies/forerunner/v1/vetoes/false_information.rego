# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.false_information

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V1
#   clause:
#     zh: "已发布的企业标准排行榜和“领跑者”存在虚假信息的。"
#     en: >-
#       Fires on any confirmed finding of false information in a published ranking or
#       leader list.
result := lib.veto(rego.metadata.rule(), fired, why)

default fired := false

fired if count(findings) > 0

# why it fired: given only when it did.
why contains {
	"reason": lib.findings_reason(findings, {"zh": "已发布的排行榜或“领跑者”名单存在虚假信息", "en": "false information in a published ranking or leader list"}),
	"evidence": [sprintf("/findings/false_information/%d", [i]) | some i, _ in findings],
} if fired

findings := input.findings.false_information
