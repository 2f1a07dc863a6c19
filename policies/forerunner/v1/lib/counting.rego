package forerunner.v1.lib

# in_cycle holds for a date inside [cycle.start, cycle.end]. Dates are YYYY-MM-DD
# strings, so string order is date order.
in_cycle(date) if {
	input.cycle.start <= date
	date <= input.cycle.end
}

# counted applies I-11 to the dated list at base: only entries dated in the cycle count,
# each distinct key once (an entry's key: the values of its key fields, in the order of
# fields). Gives the counted indexes, the distinct keys, the evidence
# pointers and warnings (one per entry outside the cycle, one for duplicates).
# One pass finds the entries in the cycle; the others are looked for only when some are not.
counted(list, base, fields) := {
	"indexes": indexes,
	"keys": keys,
	"evidence": pointers(base, indexes),
	"warnings": (outside_cycle_warnings(list, base, indexes) | duplicate_warnings(base, count(indexes), count(keys))),
} if {
	indexes := {i | some i, e in list; input.cycle.start <= e.date; e.date <= input.cycle.end}
	keys := {[list[i][f] | some f in fields] | some i in indexes}
}

outside_cycle_warnings(list, base, indexes) := set() if {
	count(indexes) == count(list)
} else := {w |
	some i, e in list
	not i in indexes
	w := {
		"zh": sprintf("日期%s不在评估周期（%s至%s）内，未计入（I-11）", [e.date, input.cycle.start, input.cycle.end]),
		"en": sprintf("dated %s, outside the cycle (%s to %s): not counted (I-11)", [e.date, input.cycle.start, input.cycle.end]),
		"at": pointer(base, i),
	}
}

duplicate_warnings(base, entries, distinct) := {w |
	entries > distinct
	w := {
		"zh": sprintf("%d条重复记录只计一次（I-11）", [entries - distinct]),
		"en": sprintf("%d duplicate entries counted once (I-11)", [entries - distinct]),
		"at": base,
	}
}

# counting: the counting rules of the bundle's data by list pointer [I-11]: the fields
# whose values identify an entry (duplicates count once) and whether only the cycle counts.
# The evidence warnings of `forerunner validate` follow the same rules.
counting := {c.list: c | some c in config.counting}
