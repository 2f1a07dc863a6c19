# In-bundle validation: every code the validation maps to, the error form of the
# result, and the validate decision. The agreement with `forerunner validate` on
# every invalid example is tested in Go (policies/validation_agreement_test.go).
package forerunner.v1.validation_test

import data.forerunner.v1
import data.forerunner.v1.fixtures_test as fx

patched(ops) := json.patch(fx.example, ops)

found(doc) := {[e.code, e.at] | some e in errors} if {
	errors := v1.validate.errors with input as doc
}

test_example_is_valid if {
	v1.validate == {"valid": true, "errors": []} with input as fx.example
}

test_missing_member if {
	found(patched([{"op": "remove", "path": "/basic/fee_findings"}])) == {["E-SCHEMA-REQUIRED", "/basic/fee_findings"]}
}

test_missing_member_of_the_root_and_of_a_list_entry if {
	doc := patched([
		{"op": "remove", "path": "/findings"},
		{"op": "remove", "path": "/core/listed_enterprises/0/serious_dishonesty_listed"},
	])
	found(doc) == {
		["E-SCHEMA-REQUIRED", "/findings"],
		["E-SCHEMA-REQUIRED", "/core/listed_enterprises/0/serious_dishonesty_listed"],
	}
}

test_unknown_member_pointer_is_escaped if {
	doc := patched([{"op": "add", "path": "/basic/a~1b~0c", "value": 1}])
	found(doc) == {["E-SCHEMA-UNKNOWN", "/basic/a~1b~0c"]}
	[e] := v1.validate.errors with input as doc
	e.en == `unknown field "a/b~c" (misspelt?)`
	e.zh == `未定义的字段 "a/b~c"（拼写错误？）`
}

test_unknown_member_of_the_root if {
	found(patched([{"op": "add", "path": "/extra", "value": {}}])) == {["E-SCHEMA-UNKNOWN", "/extra"]}
}

test_wrong_type_says_what_was_expected_in_both_languages if {
	doc := patched([{"op": "replace", "path": "/basic/archive/retention_years", "value": "3"}])
	[e] := v1.validate.errors with input as doc
	e.code == "E-SCHEMA-TYPE"
	e.at == "/basic/archive/retention_years"
	e.en == "wrong type: expected integer, got string"
	e.zh == "类型错误：应为整数，实为字符串"
}

test_text_expected_hints_at_quotes if {
	doc := patched([{"op": "replace", "path": "/agency/name", "value": 42}])
	[e] := v1.validate.errors with input as doc
	e.en == "wrong type: expected string, got integer; quote it if it is text"
}

test_enum_lists_the_allowed_values if {
	doc := patched([{"op": "replace", "path": "/core/group_standards/0/role", "value": "leader"}])
	[e] := v1.validate.errors with input as doc
	e.code == "E-SCHEMA-ENUM"
	e.at == "/core/group_standards/0/role"
	e.en == `value "leader" is not one of: lead, participant`
}

test_schema_version if {
	doc := patched([{"op": "replace", "path": "/schema_version", "value": 2}])
	[e] := v1.validate.errors with input as doc
	e.code == "E-SCHEMA-VERSION"
	e.en == "value must be 1, got 2 (this tool reads evidence version 1 only)"
}

test_dates_must_be_real if {
	doc := patched([
		{"op": "replace", "path": "/cycle/end", "value": "2024-02-30"},
		{"op": "replace", "path": "/core/group_standards/0/date", "value": "2024-04-02T10:00:00"},
	])
	found(doc) == {["E-DATE", "/cycle/end"], ["E-DATE", "/core/group_standards/0/date"]}
}

test_bounds_text_and_pattern if {
	doc := patched([
		{"op": "replace", "path": "/basic/archive/retention_years", "value": -1},
		{"op": "replace", "path": "/cycle/year", "value": 12345},
		{"op": "replace", "path": "/agency/id", "value": ""},
		{"op": "replace", "path": "/agency/credit_code", "value": "9144-0000"},
	])
	found(doc) == {
		["E-SCHEMA-MINIMUM", "/basic/archive/retention_years"],
		["E-SCHEMA-MAXIMUM", "/cycle/year"],
		["E-SCHEMA-EMPTY", "/agency/id"],
		["E-SCHEMA-PATTERN", "/agency/credit_code"],
	}
}

test_cycle_order if {
	doc := patched([{"op": "replace", "path": "/cycle/start", "value": "2025-01-01"}])
	[e] := v1.validate.errors with input as doc
	e.code == "E-CYCLE-ORDER"
	e.at == "/cycle/end"
	e.en == "the cycle ends (2024-12-31) before it starts (2025-01-01)"
}

test_cycle_order_needs_real_dates if {
	doc := patched([{"op": "replace", "path": "/cycle/start", "value": "2025-02-30"}])
	found(doc) == {["E-DATE", "/cycle/start"]}
}

test_unknown_enterprise if {
	doc := patched([{"op": "replace", "path": "/core/listed_standards/0/enterprise", "value": "91440000YYYYYYYYYY"}])
	found(doc) == {["E-UNKNOWN-ENTERPRISE", "/core/listed_standards/0/enterprise"]}
}

test_unknown_enterprise_also_beside_schema_errors if {
	doc := patched([
		{"op": "replace", "path": "/core/listed_enterprises/0/credit_code", "value": "9144-0000"},
		{"op": "remove", "path": "/basic/archive"},
	])
	found(doc) == {
		["E-SCHEMA-PATTERN", "/core/listed_enterprises/0/credit_code"],
		["E-SCHEMA-REQUIRED", "/basic/archive"],
		["E-UNKNOWN-ENTERPRISE", "/core/listed_standards/0/enterprise"],
	}
}

test_notified_before_occurred if {
	at := "/core/listed_standards/0/changes/0/notified_on"
	doc := patched([{"op": "replace", "path": at, "value": "2024-09-26"}])
	found(doc) == {["E-NOTIFIED-BEFORE", at]}
}

test_not_an_object if {
	found([fx.example]) == {["E-SCHEMA-TYPE", ""]}
}

# A string is not read as JSON text, whatever it holds.
test_a_string_holding_valid_evidence_is_a_string if {
	[e] := v1.validate.errors with input as json.marshal(fx.example)
	e.code == "E-SCHEMA-TYPE"
	e.en == "wrong type: expected object, got string"
}

test_no_input if {
	v1.validate.errors == [{
		"code": "E-EMPTY",
		"at": "",
		"zh": "没有证据文档：请求中没有 input",
		"en": "no evidence document: the request has no input",
	}]
}

test_errors_sorted_by_pointer if {
	doc := patched([
		{"op": "remove", "path": "/findings/non_cooperation"},
		{"op": "remove", "path": "/agency/name"},
		{"op": "replace", "path": "/basic/archive/archived", "value": "yes"},
	])
	[e.at | some e in v1.validate.errors] == ["/agency/name", "/basic/archive/archived", "/findings/non_cooperation"] with input as doc
}

test_invalid_result_is_the_error_form if {
	doc := patched([{"op": "remove", "path": "/basic/fee_findings"}])
	r := v1.result with input as doc
	object.keys(r) == {"schema_version", "agency", "cycle", "errors", "warnings"}
	r.agency == fx.example.agency
	r.cycle == fx.example.cycle
	r.warnings == []
	r.errors == v1.validate.errors with input as doc
}

test_error_form_leaves_out_what_is_broken if {
	doc := patched([
		{"op": "replace", "path": "/cycle/end", "value": "2024-02-30"},
		{"op": "remove", "path": "/agency/id"},
	])
	r := v1.result with input as doc
	object.keys(r) == {"schema_version", "errors", "warnings"}
}

test_error_form_keeps_a_cycle_that_is_only_out_of_order if {
	doc := patched([{"op": "replace", "path": "/cycle/start", "value": "2025-01-01"}])
	r := v1.result with input as doc
	r.cycle.start == "2025-01-01"
	not r.level
}

test_no_input_gets_no_score if {
	r := v1.result
	not r.items
	not r.total
	not r.level
	r.errors[0].code == "E-EMPTY"
}

# A year missing from the holiday calendar is the policy's own error (I-6): the
# validate decision reports it too, since such a document cannot be scored.
test_calendar_year_missing_is_reported_by_validate if {
	doc := patched([
		{"op": "replace", "path": "/core/listed_standards/0/changes/0/occurred_on", "value": "2030-03-01"},
		{"op": "replace", "path": "/core/listed_standards/0/changes/0/notified_on", "value": "2030-03-20"},
	])
	found(doc) == {["E-CALENDAR-YEAR", "/core/listed_standards/0/changes/0"]}
	not v1.validate.valid with input as doc
}

# evidence.md: notified_on is null, or absent, when the agency was never notified.
test_notified_on_null_or_absent_is_valid if {
	at := "/core/listed_standards/0/changes/0/notified_on"
	v1.validate.valid with input as patched([{"op": "replace", "path": at, "value": null}])
	v1.validate.valid with input as patched([{"op": "remove", "path": at}])
}

test_date_out_of_range_but_real if {
	doc := patched([{"op": "replace", "path": "/cycle/start", "value": "1850-01-01"}])
	found(doc) == {["E-DATE-RANGE", "/cycle/start"]}
	found(patched([{"op": "replace", "path": "/cycle/start", "value": "1850-02-30"}])) == {["E-DATE", "/cycle/start"]}
}
