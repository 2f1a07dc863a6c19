# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.non_cooperation

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V5
#   clause:
#     zh: "不配合工作机构按本文件要求进行评价工作的。"
#     en: "Fires on any finding that the agency did not cooperate with this evaluation."
result := lib.veto(rego.metadata.rule(), fired, why)

default fired := false

fired if count(findings) > 0

# why it fired: given only when it did.
why contains {
	"reason": lib.findings_reason(findings, {"zh": "不配合工作机构评价", "en": "did not cooperate with the working body's evaluation"}),
	"evidence": [sprintf("/findings/non_cooperation/%d", [i]) | some i, _ in findings],
} if fired

findings := input.findings.non_cooperation
