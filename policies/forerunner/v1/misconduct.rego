package forerunner.v1

# fired_misconduct: the confirmed serious-misconduct findings (I-13), listed beside the vetoes
# under their own ids; like a veto, any one makes the level 4 whatever the points.
fired_misconduct := [m | some [_, m] in sort([[r.id, r] | r := data.forerunner.v1.misconduct[_].result])]

# misconduct_reasons: why the level is 4, one per misconduct rule that fired.
misconduct_reasons := [{
	"zh": sprintf("严重违规%s：%s（I-13）", [m.id, m.title.zh]),
	"en": sprintf("serious misconduct %s: %s (I-13)", [m.id, m.title.en]),
} |
	some m in fired_misconduct
]

# misconduct_consequence: the level-4 consequence of misconduct, with the barred years named.
misconduct_consequence := {
	"zh": sprintf("%s，%s。", [failing.misconduct_consequence.zh, concat("；", [m.consequence.zh | some m in fired_misconduct])]),
	"en": sprintf("%s; %s.", [failing.misconduct_consequence.en, concat("; ", [m.consequence.en | some m in fired_misconduct])]),
}

# blockers: the vetoes and misconduct findings that fired; any one means level 4.
blockers := count(fired_vetoes) + count(fired_misconduct)
