# METADATA
# description: V3 fires on any fee charged to enterprises (the evidence of item 1.2).
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.fees

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V3
result := lib.veto(rego.metadata.rule(), {
	"reason": lib.findings_reason(findings, {"zh": "违规向企业收取费用", "en": "fees charged to enterprises"}),
	"evidence": [sprintf("/basic/fee_findings/%d", [i]) | some i, _ in findings],
}) if {
	count(findings) > 0
}

findings := input.basic.fee_findings
