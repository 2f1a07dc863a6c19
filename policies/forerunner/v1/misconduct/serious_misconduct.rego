# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.misconduct.serious_misconduct

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: M1
#   title:
#     zh: 存在违法违规行为并造成不良社会影响
#     en: Confirmed illegal or irregular conduct with adverse social impact
#   clause:
#     zh: "评估机构存在违法违规行为并造成不良社会影响的，经核实后取消其评估机构资格，三年内不得参加评估机构遴选。"
#     en: >-
#       Not one of the five vetoes, but its consequence, revocation of the qualification,
#       presupposes an unqualified agency: any confirmed finding makes the level 4 whatever
#       the points; the qualification is revoked and the agency is barred from agency
#       selection in the years after the cycle (I-13).
#   interpretations: [I-13]
result := {
	"id": meta.custom.id,
	"title": meta.custom.title,
	"reason": {
		"zh": sprintf("经核实%d项（%s）", [count(findings), concat("；", [lib.finding_text(f) | some f in findings])]),
		"en": sprintf("confirmed findings: %d (%s)", [count(findings), concat("; ", [lib.finding_text(f) | some f in findings])]),
	},
	"evidence": [sprintf("/findings/serious_misconduct/%d", [i]) | some i, _ in findings],
	"interpretations": meta.custom.interpretations,
	"source": lib.source(meta.custom.id),
	"barred_years": barred_years,
	"consequence": {
		"zh": sprintf("取消评估机构资格；%d–%d年不得参加评估机构遴选", [first_barred, last_barred]),
		"en": sprintf("qualification revoked; barred from agency selection in %d–%d", [first_barred, last_barred]),
	},
} if {
	count(findings) > 0
	meta := rego.metadata.rule()
}

findings := input.findings.serious_misconduct

# barred_years: the selection years after the cycle that the bar covers (I-13); how many is data.
barred_years := numbers.range(first_barred, last_barred)

first_barred := input.cycle.year + 1

last_barred := input.cycle.year + data.forerunner.v1.config.misconduct.barred_selection_years
