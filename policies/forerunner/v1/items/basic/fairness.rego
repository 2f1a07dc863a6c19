# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.fairness

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "1.1"
#   category: basic
#   title:
#     zh: 秉持公平、公正、公开原则
#     en: Fair, impartial and open evaluation
#   clause:
#     zh: "评估机构秉持公平、公正、公开的原则进行评估工作。"
#     en: "No substantiated finding of unfair, partial or opaque evaluation in the cycle."
result := lib.binary(rego.metadata.rule(), count(counted) == 0, reason, evidence)

base := "/basic/fairness_findings"

findings := input.basic.fairness_findings

# Only findings dated in the cycle count; the others are reported as warnings.
counted := [i | some i, f in findings; lib.in_cycle(f.date)]

evidence := lib.pointers(base, counted) if count(counted) > 0

evidence := [base] if count(counted) == 0

warnings := {w |
	some i, f in findings
	not lib.in_cycle(f.date)
	w := {
		"zh": sprintf("查实情况日期%s不在评估周期（%s至%s）内，1.1未计入", [f.date, input.cycle.start, input.cycle.end]),
		"en": sprintf("finding dated %s is outside the cycle (%s to %s): not counted for 1.1", [f.date, input.cycle.start, input.cycle.end]),
		"at": lib.pointer(base, i),
	}
}

reason := {
	"zh": "评估周期内无经查实的不公平、不公正或不公开评价",
	"en": "no substantiated finding of unfair, partial or opaque evaluation in the cycle",
} if {
	count(counted) == 0
}

reason := {
	"zh": sprintf("评估周期内查实不公平、不公正或不公开评价%d项（%s）", [count(counted), concat("；", texts)]),
	"en": sprintf("substantiated findings of unfair, partial or opaque evaluation in the cycle: %d (%s)", [count(counted), concat("; ", texts)]),
} if {
	count(counted) > 0
	texts := [lib.finding_text(findings[i]) | some i in counted]
}
