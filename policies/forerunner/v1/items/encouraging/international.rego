# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.encouraging.international

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "3.2"
#   category: encouraging
#   title:
#     zh: “领跑者”团标转化
#     en: Leader group standards taken into international standardization
#   clause:
#     zh: "“领跑者”团标转化：a)牵头或参与的“领跑者”团标转化为国际标准提案（5分）；b)牵头或参与的“领跑者”团标的部分内容被采纳至国际标准化工作（3分）。"
#     en: >-
#       A leader group standard the agency led or took part in became an international
#       standard proposal (tier a); otherwise part of one was adopted into international
#       standardization work (tier b).
result := lib.tiered(rego.metadata.rule(), counts, reason, evidence)

base := "/encouraging/international"

outcomes := input.encouraging.international

proposals := [i | some i, o in outcomes; o.outcome == "proposal"]

adopted := [i | some i, o in outcomes; o.outcome == "partially_adopted"]

counts := {"proposals": count(proposals), "partially_adopted": count(adopted)}

# The evidence is what decided the tier: proposals first, else partial adoptions.
evidence := lib.pointers(base, proposals) if count(proposals) > 0

evidence := lib.pointers(base, adopted) if {
	count(proposals) == 0
	count(adopted) > 0
}

evidence := [base] if count(outcomes) == 0

outcome_text(o) := sprintf("%s [%s]", [o.standard, o.reference]) if o.reference

outcome_text(o) := o.standard if not o.reference

listed(indexes) := lib.listing([outcome_text(outcomes[i]) | some i in indexes])

reason := {
	"zh": sprintf("转化为国际标准提案%s，部分内容被国际标准化工作采纳%s", [listed(proposals).zh, listed(adopted).zh]),
	"en": sprintf("group standards that became international standard proposals: %s; partly adopted into international standardization: %s", [listed(proposals).en, listed(adopted).en]),
}
