package forerunner.v1.items.encouraging.international_test

import data.forerunner.v1.items.encouraging.international

doc(list) := {"encouraging": {"international": list}}

proposal := {"standard": "T/CAS 801-2024", "outcome": "proposal", "reference": "ISO/TC 59 N123"}

adopted := {"standard": "T/CAS 802-2024", "outcome": "partially_adopted"}

scored(list) := r if {
	r := international.result with input as doc(list)
}

test_none_tier_c if {
	r := scored([])
	r.id == "3.2"
	r.tier == "c"
	r.points == 0
	r.max == 5
	r.evidence == ["/encouraging/international"]
	r.reason.zh == "转化为国际标准提案0项，部分内容被国际标准化工作采纳0项，得0分"
}

test_proposal_tier_a if {
	r := scored([proposal])
	r.tier == "a"
	r.points == 5
	r.evidence == ["/encouraging/international/0"]
	r.reason.zh == "转化为国际标准提案1项（T/CAS 801-2024 [ISO/TC 59 N123]），部分内容被国际标准化工作采纳0项，得5分"
}

test_partial_adoption_tier_b if {
	r := scored([adopted])
	r.tier == "b"
	r.points == 3
	r.evidence == ["/encouraging/international/0"]
	r.reason.en == "group standards that became international standard proposals: 0; partly adopted into international standardization: 1 (T/CAS 802-2024): 3 points"
}

test_proposal_wins_over_partial_adoption if {
	r := scored([adopted, proposal])
	r.tier == "a"
	r.evidence == ["/encouraging/international/1"]
}
