package forerunner.v1.items.basic.fees_test

import data.forerunner.v1.items.basic.fees

doc(findings) := {"cycle": {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}, "basic": {"fee_findings": findings}}

scored(findings) := r if {
	r := fees.result with input as doc(findings)
}

test_no_fee_scores_max if {
	r := scored([])
	r.id == "1.2"
	r.points == 5
	r.max == 5
	r.evidence == ["/basic/fee_findings"]
	r.reason.en == "no finding of fees charged to enterprises: 5 points"
}

test_any_fee_scores_zero_and_names_veto if {
	r := scored([{"date": "2024-04-01", "summary": "收取评审费"}])
	r.points == 0
	r.evidence == ["/basic/fee_findings/0"]
	r.reason.zh == "查实向企业收取费用1项（2024-04-01 收取评审费），并触发否决项V3，得0分"
}

# Same evidence as veto V3, which has no date window: neither has 1.2.
test_fee_outside_cycle_still_counts if {
	scored([{"date": "2023-04-01", "summary": "收取评审费"}]).points == 0
}

test_every_fee_is_evidence if {
	r := scored([{"date": "2024-04-01", "summary": "甲"}, {"date": "2024-05-01", "summary": "乙"}])
	r.evidence == ["/basic/fee_findings/0", "/basic/fee_findings/1"]
}
