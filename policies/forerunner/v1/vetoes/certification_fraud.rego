# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.certification_fraud

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V4
#   clause:
#     zh: "领跑者认证工作存在弄虚作假的。"
#     en: "Fires on any confirmed finding of fraud in leader certification work."
result := lib.veto(rego.metadata.rule(), fired, why)

default fired := false

fired if count(findings) > 0

# why it fired: given only when it did.
why contains {
	"reason": lib.findings_reason(findings, {"zh": "领跑者认证工作弄虚作假", "en": "fraud in leader certification work"}),
	"evidence": [sprintf("/findings/certification_fraud/%d", [i]) | some i, _ in findings],
} if fired

findings := input.findings.certification_fraud
