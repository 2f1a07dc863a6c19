# Tests of 2.6.a-e: every listed standard must meet each (I-4, I-5, I-6).
package forerunner.v1.items.core.standards_test

import data.forerunner.v1.fixtures_test as fx
import data.forerunner.v1.items.core.standard_application
import data.forerunner.v1.items.core.standard_declaration
import data.forerunner.v1.items.core.standard_drafting
import data.forerunner.v1.items.core.standard_notification
import data.forerunner.v1.items.core.standard_strictness

good := fx.standard

doc(standards) := fx.patched(fx.example, "/core/listed_standards", standards)

results := [
	standard_drafting.result,
	standard_declaration.result,
	standard_strictness.result,
	standard_application.result,
	standard_notification.result,
]

test_all_met if {
	[r.points | some r in results] == [1, 1, 1, 1, 1] with input as doc([good, object.union(good, {"code": "Q/XYZ 002-2024"})])
}

test_nothing_listed_earns_nothing if {
	[r.points | some r in results] == [0, 0, 0, 0, 0] with input as doc([])
}

test_not_gbt_1_1_fails_named_with_enterprise if {
	r := standard_drafting.result with input as doc([object.union(good, {"gbt_1_1_conformant": false})])
	r.points == 0
	r.reason.zh == "1个入围标准中1个不满足（I-4）：Q/XYZ 001-2024（某电器股份有限公司）：未按GB/T 1.1起草，得0分"
}

test_strictness_each_condition if {
	every field in ["meets_plan_criteria", "stricter_than_national", "stricter_than_industry"] {
		standard_strictness.result.points == 0 with input as doc([object.union(good, {field: false})])
	}
}

test_application_each_condition if {
	every field in ["in_production", "valid_test_report"] {
		standard_application.result.points == 0 with input as doc([object.union(good, {field: false})])
	}
}

declared(on, listed) := object.union(good, {"declared_on": on, "listed_on": listed})

# I-5: one calendar month, clamped: 2024-01-31 + 1 month = 2024-02-29.
test_declared_jan_31_listable_feb_29_2024 if {
	standard_declaration.result.points == 1 with input as doc([declared("2024-01-31", "2024-02-29")])
}

test_declared_jan_31_not_listable_feb_28_2024 if {
	r := standard_declaration.result with input as doc([declared("2024-01-31", "2024-02-28")])
	r.points == 0
	contains(r.reason.zh, "2024-02-29起方可列入")
	r.evidence == ["/core/listed_standards/0/declared_on", "/core/listed_standards/0/listed_on"]
}

test_declared_exactly_one_month_before if {
	standard_declaration.result.points == 1 with input as doc([declared("2024-03-15", "2024-04-15")])
	standard_declaration.result.points == 0 with input as doc([declared("2024-03-15", "2024-04-14")])
}

test_never_declared_fails if {
	standard_declaration.result.points == 0 with input as doc([declared(null, "2024-04-15")])
}

changed(occurred, notified) := object.union(good, {"changes": [{"kind": "revision", "occurred_on": occurred, "notified_on": notified}]})

# evidence.md: 2024-10-09 is the 4th working day after Friday 2024-09-27.
test_national_day_notification_in_time if {
	standard_notification.result.points == 1 with input as doc([changed("2024-09-27", "2024-10-09")])
	standard_notification.result.points == 1 with input as doc([changed("2024-09-27", "2024-10-10")])
}

test_national_day_notification_late if {
	r := standard_notification.result with input as doc([changed("2024-09-27", "2024-10-11")])
	r.points == 0
	r.evidence == ["/core/listed_standards/0/changes/0"]
	contains(r.reason.zh, "超过5个工作日")
}

test_never_notified_fails if {
	standard_notification.result.points == 0 with input as doc([changed("2024-09-27", null)])
}

test_no_changes_meets if {
	standard_notification.result.points == 1 with input as doc([object.union(good, {"changes": []})])
}

test_missing_calendar_year_is_an_error if {
	errs := standard_notification.errors with input as doc([changed("2026-12-30", "2027-01-15")])
	[[e.code, e.at] | some e in errs] == [["E-CALENDAR-YEAR", "/core/listed_standards/0/changes/0"]]
	some e in errs
	contains(e.zh, "2027")
	contains(e.en, "2027")
}

test_result_unscored_when_calendar_lacks_a_year if {
	r := data.forerunner.v1.result with input as doc([changed("2026-12-30", "2027-01-15")])
	count(r.errors) == 1
	not r.items
	not r.level
	not r.total
	r.cycle == fx.example.cycle
}

test_pass_reason_quotes_the_criterion if {
	r := standard_notification.result with input as doc([good])
	r.reason.zh == "全部1个入围标准均满足：共1次变更，均在5个工作日内告知（I-6），得1分"
	r.reason.en == "listed standards meeting it: 1 of 1 (changes checked: 1, each notified within 5 working days (I-6)): 1 point"
}
