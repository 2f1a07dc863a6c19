# Evidence rules the JSON Schema cannot express.
#
# The checks of `forerunner validate` that need no file position: the cycle's order,
# listed standards' enterprises, notification dates. Like forerunner they also run
# on a document with schema errors, on the parts that are well formed: a date counts
# where the schema found it a real date (and YYYY-MM-DD strings compare as dates).
package forerunner.v1.validation

# flagged: the pointers of every schema violation.
flagged := {e.at | some e in schema_errors}

# not_dates: the strings that are no real YYYY-MM-DD date. A date outside the
# schema's year range is still a date here, as it is for forerunner.
not_dates := {e.at | some e in schema_errors; e.code == "E-DATE"}

dated(at, value) if {
	is_string(value)
	not at in not_dates
}

# Each rule compares first and builds pointers and messages only for what fails:
# valid evidence, the common case, costs a few comparisons per entry.
semantic_errors contains {
	"code": "E-CYCLE-ORDER",
	"at": "/cycle/end",
	"zh": sprintf("周期结束日期 %s 早于开始日期 %s", [cycle.end, cycle.start]),
	"en": sprintf("the cycle ends (%s) before it starts (%s)", [cycle.end, cycle.start]),
} if {
	cycle := input.cycle
	cycle.end < cycle.start
	dated("/cycle/start", cycle.start)
	dated("/cycle/end", cycle.end)
}

# listed_enterprises and listed_standards: the lists, where they are lists.
listed_enterprises := input.core.listed_enterprises if is_array(input.core.listed_enterprises)

listed_standards := input.core.listed_standards if is_array(input.core.listed_standards)

# enterprises: the credit codes of the listed enterprises.
enterprises := {e.credit_code |
	some e in listed_enterprises
	is_string(e.credit_code)
}

# unknown_enterprises: the listed standards' enterprises that are none of them; one set
# difference, so that valid evidence needs no test per standard.
unknown_enterprises := {s.enterprise |
	some s in listed_standards
	is_string(s.enterprise)
} - enterprises

semantic_errors contains {
	"code": "E-UNKNOWN-ENTERPRISE",
	"at": sprintf("/core/listed_standards/%d/enterprise", [i]),
	"zh": sprintf("%s 不是任何入围企业（core.listed_enterprises）的 credit_code", [json.marshal(s.enterprise)]),
	"en": sprintf("%s is not the credit_code of any listed enterprise (core.listed_enterprises)", [json.marshal(s.enterprise)]),
} if {
	count(unknown_enterprises) > 0
	some i, s in listed_standards
	s.enterprise in unknown_enterprises
}

semantic_errors contains {
	"code": "E-NOTIFIED-BEFORE",
	"at": concat("", [at, "/notified_on"]),
	"zh": sprintf("告知日期 %s 早于发生日期 %s", [c.notified_on, c.occurred_on]),
	"en": sprintf("notified on %s, before it occurred on %s", [c.notified_on, c.occurred_on]),
} if {
	some i, s in listed_standards
	is_array(s.changes)
	some j, c in s.changes
	c.notified_on < c.occurred_on
	at := sprintf("/core/listed_standards/%d/changes/%d", [i, j])
	dated(concat("", [at, "/occurred_on"]), c.occurred_on)
	dated(concat("", [at, "/notified_on"]), c.notified_on)
}
