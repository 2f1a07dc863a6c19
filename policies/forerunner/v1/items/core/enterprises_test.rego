# Tests of 2.5.a-e: every listed enterprise must meet each (I-4).
package forerunner.v1.items.core.enterprises_test

import data.forerunner.v1.fixtures_test as fx
import data.forerunner.v1.items.core.enterprise_accidents
import data.forerunner.v1.items.core.enterprise_credit
import data.forerunner.v1.items.core.enterprise_materials
import data.forerunner.v1.items.core.enterprise_spot_checks
import data.forerunner.v1.items.core.enterprise_systems

good := fx.enterprise

doc(enterprises) := fx.patched(fx.example, "/core/listed_enterprises", enterprises)

results := [
	enterprise_accidents.result,
	enterprise_systems.result,
	enterprise_credit.result,
	enterprise_spot_checks.result,
	enterprise_materials.result,
]

points(enterprises) := ps if {
	ps := [r.points | some r in results] with input as doc(enterprises)
}

test_all_met if points([good, object.union(good, {"name": "乙公司"})]) == [1, 1, 1, 1, 1]

test_nothing_listed_earns_nothing if {
	rs := results with input as doc([])
	[r.points | some r in rs] == [0, 0, 0, 0, 0]
	every r in rs {
		contains(r.reason.en, "(I-4)")
		r.evidence == ["/core/listed_enterprises"]
	}
}

accident(date, severity) := {"date": date, "kind": "quality", "severity": severity}

test_larger_accident_in_window_fails_and_is_named if {
	bad := object.union(good, {"name": "乙公司", "accidents": [accident("2022-01-01", "larger")]})
	r := enterprise_accidents.result with input as doc([good, bad])
	r.points == 0
	r.reason.zh == "2个入围企业中1个不满足（I-4）：乙公司：2022-01-01发生较大质量事故，得0分"
	r.evidence == ["/core/listed_enterprises/1/accidents/0"]
}

test_accident_window_boundary if {
	# The window is (2021-12-31, 2024-12-31].
	outside := object.union(good, {"accidents": [accident("2021-12-31", "especially_major")]})
	enterprise_accidents.result.points == 1 with input as doc([outside])
}

test_general_accident_harmless if {
	e := object.union(good, {"accidents": [accident("2024-05-01", "general")]})
	enterprise_accidents.result.points == 1 with input as doc([e])
}

test_missing_system_fails if {
	bad := object.union(good, {"management_systems": ["GB/T 19001", "GB/T 24001"]})
	r := enterprise_systems.result with input as doc([bad])
	r.points == 0
	contains(r.reason.zh, "缺少GB/T 45001")
}

test_dishonest_fails if {
	bad := object.union(good, {"serious_dishonesty_listed": true})
	r := enterprise_credit.result with input as doc([bad])
	r.points == 0
	r.evidence == ["/core/listed_enterprises/0/serious_dishonesty_listed"]
}

test_incomplete_credit_report_fails if {
	bad := object.union(good, {"credit_report": {"provided": true, "complete": false, "entries_explained": false}})
	r := enterprise_credit.result with input as doc([bad])
	r.points == 0
	r.evidence == ["/core/listed_enterprises/0/credit_report/complete", "/core/listed_enterprises/0/credit_report/entries_explained"]
}

failure(date) := {"date": date, "summary": "抽查不合格", "reference": "国市监抽〔2024〕1号"}

test_spot_check_failure_in_window_fails if {
	bad := object.union(good, {"spot_check_failures": [failure("2022-01-01")]})
	r := enterprise_spot_checks.result with input as doc([bad])
	r.points == 0
	contains(r.reason.zh, "国市监抽〔2024〕1号")
}

test_spot_check_failure_before_window_harmless if {
	old := object.union(good, {"spot_check_failures": [failure("2021-12-31")]})
	enterprise_spot_checks.result.points == 1 with input as doc([old])
}

test_unsealed_commitment_fails if {
	bad := fx.patched(good, "/materials/commitment_letter/sealed", false)
	r := enterprise_materials.result with input as doc([bad])
	r.points == 0
	r.evidence == ["/core/listed_enterprises/0/materials/commitment_letter/sealed"]
}

test_missing_standard_fails if {
	bad := fx.patched(good, "/materials/enterprise_standard", false)
	enterprise_materials.result.points == 0 with input as doc([bad])
}

test_pass_reason_quotes_the_window if {
	r := enterprise_accidents.result with input as doc([good])
	r.reason.zh == "全部1个入围企业均满足：近3年（2021-12-31之后）未发生较大及以上环境、安全、质量事故，得1分"
}
