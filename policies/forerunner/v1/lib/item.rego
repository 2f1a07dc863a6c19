# METADATA
# title: Shared helpers of the forerunner policies
# description: |
#   Builds item and veto objects of result.md from a rule's METADATA plus bundle data,
#   selects tiers from config, counts dated entries in the cycle (I-11), and does the
#   date arithmetic of I-5 and I-6. Nothing here names a clause.
# schemas:
#   - input: schema.evidence
package forerunner.v1.lib

config := data.forerunner.v1.config

# binary builds an all-or-nothing item: its max when passed, else 0. meta is
# rego.metadata.rule() of the item's `result` rule (custom: id, category, title,
# interpretations); reason {zh, en} says why, without the points (appended here);
# evidence lists JSON Pointers into the input.
binary(meta, passed, reason, evidence) := {
	"id": id,
	"category": custom.category,
	"title": custom.title,
	"points": points,
	"max": max_points,
	"reason": {
		"zh": sprintf("%s，得%d分", [reason.zh, points]),
		"en": sprintf("%s: %s", [reason.en, points_en(points)]),
	},
	"evidence": evidence,
	"interpretations": object.get(custom, "interpretations", []),
	"source": source(id),
} if {
	custom := meta.custom
	id := custom.id
	max_points := data.forerunner.v1.config.items[id].max
	points := {true: max_points, false: 0}[passed]
}

# tiered builds an item whose points come from the first config tier whose every `min`
# holds for counts (tiers are ordered best first; the last has an empty `min`).
# Built in one literal, like binary: each function hop costs on every evaluation.
tiered(meta, counts, reason, evidence) := {
	"id": id,
	"category": meta.custom.category,
	"title": meta.custom.title,
	"points": chosen.points,
	"max": data.forerunner.v1.config.items[id].max,
	"tier": chosen.tier,
	"reason": {
		"zh": sprintf("%s，得%d分", [reason.zh, chosen.points]),
		"en": sprintf("%s: %s", [reason.en, points_en(chosen.points)]),
	},
	"evidence": evidence,
	"interpretations": object.get(meta.custom, "interpretations", []),
	"source": source(id),
} if {
	id := meta.custom.id
	chosen := tier(id, counts)
}

# tier is the first tier of item id whose every minimum holds; absent counts are 0.
tier(id, counts) := tiers[first] if {
	tiers := data.forerunner.v1.config.items[id].tiers
	first := min({i |
		some i, t in tiers
		every name, least in t.min {
			object.get(counts, name, 0) >= least
		}
	})
}

# veto is one veto's verdict: {"id", "fired": false} when it did not fire, else the
# fired veto of result.md plus "fired": true. why is the set of its {reason, evidence},
# given only when it fired; a fired veto whose why is undefined (a reason quoting an absent
# optional field, say) is left empty and so gives no verdict at all: the result then lacks
# the veto in vetoes_checked and the host refuses it, naming the veto, instead of the veto
# silently not firing.
veto(meta, false, _) := {"id": meta.custom.id, "fired": false}

veto(meta, true, why) := {
	"id": id,
	"fired": true,
	"title": veto_titles[id],
	"reason": decision.reason,
	"evidence": object.get(decision, "evidence", []),
	"interpretations": object.get(meta.custom, "interpretations", []),
	"source": source(id),
} if {
	id := meta.custom.id
	some decision in why
}

veto_titles := {v.id: v.title | some v in config.vetoes}

# source is the file and row of the rule that produced id. OPA's rego.metadata.rule()
# carries no location, so rows live in sources/data.json, written and checked by
# `go test ./policies -run TestSources [-update]`.
source(id) := location if {
	location := data.forerunner.v1.sources[id]
} else := {"file": "unknown", "row": 0}

# points_en: "1 point", "2 points" (one clause: a second one would be evaluated too).
points_en(points) := sprintf("%d %s", [points, {true: "point", false: "points"}[points == 1]])

# pointer is the JSON Pointer of element i of the list at base.
pointer(base, i) := sprintf("%s/%d", [base, i])

# pointers are the JSON Pointers of the given indexes of the list at base, in order.
pointers(base, indexes) := [sprintf("%s/%d", [base, i]) | some i in sort(indexes)]

# findings_reason states a veto's findings: what, how many, and each one's date and summary.
findings_reason(findings, what) := {
	"zh": sprintf("%s：%d项经确认的问题（%s）", [what.zh, count(findings), concat("；", [finding_text(f) | some f in findings])]),
	"en": sprintf("%s: confirmed findings: %d (%s)", [what.en, count(findings), concat("; ", [finding_text(f) | some f in findings])]),
}

finding_text(f) := sprintf("%s %s [%s]", [f.date, f.summary, f.reference]) if f.reference

finding_text(f) := sprintf("%s %s", [f.date, f.summary]) if not f.reference
