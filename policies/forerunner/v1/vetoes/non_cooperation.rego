# METADATA
# description: V5 fires on any finding in findings.non_cooperation.
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.non_cooperation

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V5
result := lib.veto(rego.metadata.rule(), {
	"reason": lib.findings_reason(findings, {"zh": "不配合工作机构评价", "en": "did not cooperate with the working body's evaluation"}),
	"evidence": [sprintf("/findings/non_cooperation/%d", [i]) | some i, _ in findings],
}) if {
	count(findings) > 0
}

findings := input.findings.non_cooperation
