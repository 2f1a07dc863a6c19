package forerunner.v1.items.basic.submission_test

import data.forerunner.v1.items.basic.submission

doc(sub) := {"cycle": {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}, "basic": {"submission": sub}}

scored(sub) := r if {
	r := submission.result with input as doc(sub)
}

test_before_deadline_scores if {
	r := scored({"deadline": "2024-12-20", "submitted_on": "2024-12-18"})
	r.id == "1.3"
	r.points == 5
	r.max == 5
	r.evidence == ["/basic/submission"]
	r.reason.zh == "截止日期2024-12-20，2024-12-18提交，按时，得5分"
}

test_on_deadline_scores if {
	scored({"deadline": "2024-12-20", "submitted_on": "2024-12-20"}).points == 5
}

test_day_after_deadline_scores_zero if {
	r := scored({"deadline": "2024-12-20", "submitted_on": "2024-12-21"})
	r.points == 0
	r.reason.en == "deadline 2024-12-20, submitted on 2024-12-21, late: 0 points"
}

test_null_submission_scores_zero if {
	r := scored({"deadline": "2024-12-20", "submitted_on": null})
	r.points == 0
	r.reason.en == "deadline 2024-12-20, not submitted: 0 points"
}

test_absent_submission_scores_zero if {
	scored({"deadline": "2024-12-20"}).points == 0
}
