# METADATA
# title: The result document (decision data.forerunner.v1.result)
# description: |
#   Collects every item package's result (data.forerunner.v1.items.<category>.<slug>.result)
#   in clause order, sums categories and the total, lists fired vetoes in the order of the
#   veto list in data, decides the level (I-9, I-10) and what the next level would take.
#   Cannot-score errors (I-6) replace the whole score.
# schemas:
#   - input: schema.evidence
package forerunner.v1

import data.forerunner.v1.validation

settings := data.forerunner.v1.config

# Invalid evidence is rejected before any item is evaluated (validation/).
result := validation.rejected if {
	not validation.valid
} else := result_of_validated_input

# result_of_validated_input is the decision for evidence its caller has already
# validated against the same schema and rules: forerunner does so in Go (adding
# line:column), so it skips the second validation, a third of a decision's cost.
# A stock OPA queries result.
result_of_validated_input := not_scored if {
	count(errors) > 0
} else := object.union(scored, next_level_field)

# result_without_next_level is result_of_validated_input without next_level: the
# grade alone, for a caller that compares grades (forerunner impact scores every
# document under two bundles) and has no use for the plans to the next level.
result_without_next_level := not_scored if {
	count(errors) > 0
} else := scored

not_scored := {
	"schema_version": 1,
	"agency": input.agency,
	"cycle": input.cycle,
	"errors": errors,
	"warnings": warnings,
}

scored := {
	"schema_version": 1,
	"agency": input.agency,
	"cycle": input.cycle,
	"items": item_results,
	"categories": categories,
	"total": total,
	"vetoes": fired_vetoes,
	"vetoes_checked": vetoes_checked,
	"misconduct": fired_misconduct,
	"level": level,
	"warnings": warnings,
}

next_level_field := {"next_level": object.union(next_level, plan_fields)} if level.level > 1

next_level_field := {} if level.level == 1

# item_results: every item in clause order ("1.6.a" after "1.5", "2.1" after "1.6.e",
# "2.10" after "2.9").
item_results := [by_id[id] | some [_, id] in sort([[clause_order(id), id] | some id, _ in by_id])]

by_id := {r.id: r | r := data.forerunner.v1.items[_][_].result}

# clause_order is a key whose string order is clause order: one-digit numbers get a
# leading zero ("1.6.a" -> "01.06.a", "2.10" -> "02.10"). Numbers up to 99; digits sort
# before letters. One built-in call per item.
clause_order(id) := regex.replace(id, `\b([0-9])\b`, "0$1")

categories := {name: {
	"points": sum([r.points | some r in item_results; r.category == name]),
	"max": sum([r.max | some r in item_results; r.category == name]),
	"declared_max": c.declared_max,
} |
	some name, c in settings.categories
}

total := {
	"points": sum([c.points | some c in categories]),
	"max": sum([c.max | some c in categories]),
	"declared_max": sum([c.declared_max | some c in categories]),
}

# scores are what level conditions name: total and each category's points.
scores := object.union({"total": total.points}, {name: c.points | some name, c in categories})

# verdicts: every veto rule's answer for this document, fired or not, by id.
verdicts := {v.id: v | v := data.forerunner.v1.vetoes[_].result}

# fired_vetoes: the fired vetoes that the veto list in data names, in its order, without
# the verdict's "fired" flag.
fired_vetoes := [object.remove(verdicts[v.id], ["fired"]) | some v in settings.vetoes; verdicts[v.id].fired]

# vetoes_checked: the listed vetoes whose rules answered (fired or not), in list order. A
# veto rule undefined for this document is absent, and the host refuses the result naming
# it: otherwise absence could not be told from "did not fire".
vetoes_checked := [v.id | some v in settings.vetoes; verdicts[v.id]]

errors := sort({e | some e in data.forerunner.v1.items[_][_].errors})

warnings := sort({w | some w in data.forerunner.v1.items[_][_].warnings} | {w | some w in data.forerunner.v1.vetoes[_].warnings})
