package forerunner.v1.items.basic.fairness_test

import data.forerunner.v1.items.basic.fairness

cycle := {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}

doc(findings) := {"cycle": cycle, "basic": {"fairness_findings": findings}}

finding(date) := {"date": date, "summary": "评分过程不公开", "reference": "标监函〔2024〕7号"}

scored(findings) := r if {
	r := fairness.result with input as doc(findings)
}

test_no_finding_scores_max if {
	r := scored([])
	r.id == "1.1"
	r.category == "basic"
	r.points == 5
	r.max == 5
	not "tier" in object.keys(r)
	r.evidence == ["/basic/fairness_findings"]
	r.reason.zh == "评估周期内无经查实的不公平、不公正或不公开评价，得5分"
}

test_finding_in_cycle_scores_zero_and_is_quoted if {
	r := scored([finding("2024-05-01")])
	r.points == 0
	r.evidence == ["/basic/fairness_findings/0"]
	r.reason.zh == "评估周期内查实不公平、不公正或不公开评价1项（2024-05-01 评分过程不公开 [标监函〔2024〕7号]），得0分"
	r.reason.en == "substantiated findings of unfair, partial or opaque evaluation in the cycle: 1 (2024-05-01 评分过程不公开 [标监函〔2024〕7号]): 0 points"
}

test_findings_on_cycle_bounds_count if {
	scored([finding("2024-01-01")]).points == 0
	scored([finding("2024-12-31")]).points == 0
}

test_finding_outside_cycle_ignored_with_warning if {
	findings := [finding("2023-12-31"), finding("2025-01-01")]
	scored(findings).points == 5
	ws := fairness.warnings with input as doc(findings)
	{w.at | some w in ws} == {"/basic/fairness_findings/0", "/basic/fairness_findings/1"}
}

test_only_in_cycle_findings_are_evidence if {
	r := scored([finding("2023-06-01"), finding("2024-06-01")])
	r.points == 0
	r.evidence == ["/basic/fairness_findings/1"]
}
