# A two-item stand-in for the real bundle: engine tests need a bundle whose
# decision they can predict from the input alone.
package forerunner.v1

import rego.v1

items := [
	{"id": "1.1", "category": "basic", "points": p1, "max": 5, "title": {"zh": "一", "en": "one"},
	 "reason": {"zh": "理由", "en": "reason"}, "evidence": ["/basic/a"], "interpretations": [],
	 "source": {"file": "forerunner/v1/result.rego", "row": 6}},
	{"id": "2.1", "category": "core", "points": p2, "max": 10, "tier": "b", "title": {"zh": "二", "en": "two"},
	 "reason": {"zh": "理由", "en": "reason"}, "evidence": [], "interpretations": ["I-1"],
	 "source": {"file": "forerunner/v1/result.rego", "row": 6}},
]

# p1 is input.basic.a in engine tests; real evidence scores 5 without fairness findings.
p1 := object.get(input.basic, "a", 5 - (5 * count(object.get(input.basic, "fairness_findings", []))))

p2 := data.forerunner.v1.config.core_points

sum_of(cat) := sum([it.points | some it in items; it.category == cat])

max_of(cat) := sum([it.max | some it in items; it.category == cat])

categories[cat] := {"points": sum_of(cat), "max": max_of(cat), "declared_max": max_of(cat) + skew} if {
	some cat in {"basic", "core"}
}

skew := object.get(input, "skew", 0)

# fail stands for the real bundle's errors: a year its calendar lacks.
fail if object.get(input, "fail", false)

fail if input.cycle.year == 1999

total := sum([c.points | some c in categories])

result := {"schema_version": 1, "agency": input.agency, "cycle": input.cycle, "errors": [{"code": "E-CALENDAR-YEAR", "zh": "缺年份", "en": "year missing", "at": "/cycle"}], "warnings": []} if fail

result := {
	"schema_version": 1,
	"agency": input.agency,
	"cycle": input.cycle,
	"items": items,
	"categories": categories,
	"total": {"points": total, "max": 15, "declared_max": 15 + (3 * skew)},
	"vetoes": [],
	"level": {"level": 4 - count([1 | total >= data.forerunner.v1.config.level3]), "title": {"zh": "级", "en": "level"}, "reasons": [], "consequence": {"zh": "后果", "en": "consequence"}},
	"warnings": [],
} if {
	not fail
	spun
}

# spun makes an evaluation slow on demand, for the timeout test.
spun if count([x | some x in numbers.range(1, object.get(input, "spin", 0)); x > 0]) >= 0
