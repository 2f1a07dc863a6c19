# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.spot_checks

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "1.5"
#   category: basic
#   title:
#     zh: 近三年“双随机一公开”抽查无问题
#     en: No problems in random spot checks over three years
#   clause:
#     zh: "评估机构近三年来，在“双随机 一公开”监督抽查中没有出现问题的。"
#     en: >-
#       No random spot check (双随机一公开) in the look-back window (cycle.end − 3 years,
#       cycle.end] found a problem. No checks at all also scores.
result := lib.binary(rego.metadata.rule(), count(problems) == 0, reason, evidence)

base := "/basic/spot_checks"

checks := input.basic.spot_checks

in_window := [i | some i, c in checks; lib.in_window(c.date)]

problems := [i | some i in in_window; checks[i].problems_found]

window_start := lib.window_start

evidence := lib.pointers(base, problems) if count(problems) > 0

evidence := lib.pointers(base, in_window) if {
	count(problems) == 0
	count(in_window) > 0
}

evidence := [base] if count(in_window) == 0

dates(indexes) := lib.names([checks[i].date | some i in indexes])

window := {
	"zh": sprintf("%s（不含）至%s", [window_start, input.cycle.end]),
	"en": sprintf("after %s up to %s", [window_start, input.cycle.end]),
}

reason := {
	"zh": sprintf("%s无“双随机一公开”抽查", [window.zh]),
	"en": sprintf("no random spot check %s", [window.en]),
} if {
	count(in_window) == 0
}

reason := {
	"zh": sprintf("%s抽查%d次（%s），均未发现问题", [window.zh, count(in_window), dates(in_window).zh]),
	"en": sprintf("random spot checks %s: %d (%s), none found a problem", [window.en, count(in_window), dates(in_window).en]),
} if {
	count(in_window) > 0
	count(problems) == 0
}

reason := {
	"zh": sprintf("%s抽查%d次，其中%d次发现问题（%s）", [window.zh, count(in_window), count(problems), concat("、", texts)]),
	"en": sprintf("random spot checks %s: %d, of which %d found problems (%s)", [window.en, count(in_window), count(problems), concat(", ", texts)]),
} if {
	count(problems) > 0
	texts := [check_text(checks[i]) | some i in problems]
}

check_text(c) := sprintf("%s [%s]", [c.date, c.reference]) if c.reference

check_text(c) := c.date if not c.reference
