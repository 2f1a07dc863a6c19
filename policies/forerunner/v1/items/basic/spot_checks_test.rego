package forerunner.v1.items.basic.spot_checks_test

import data.forerunner.v1.items.basic.spot_checks

doc(checks) := {"cycle": {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}, "basic": {"spot_checks": checks}}

check(date, problems) := {"date": date, "problems_found": problems}

scored(checks) := r if {
	r := spot_checks.result with input as doc(checks)
}

test_no_checks_scores_max if {
	r := scored([])
	r.id == "1.5"
	r.points == 5
	r.max == 5
	r.evidence == ["/basic/spot_checks"]
	r.reason.zh == "2021-12-31（不含）至2024-12-31无“双随机一公开”抽查，得5分"
}

test_clean_checks_score_max if {
	r := scored([check("2023-05-10", false), check("2024-02-01", false)])
	r.points == 5
	r.evidence == ["/basic/spot_checks/0", "/basic/spot_checks/1"]
	r.reason.en == "random spot checks after 2021-12-31 up to 2024-12-31: 2 (2023-05-10, 2024-02-01), none found a problem: 5 points"
}

test_problem_in_window_scores_zero if {
	r := scored([check("2023-05-10", false), {"date": "2022-06-01", "problems_found": true, "reference": "市监抽〔2022〕3号"}])
	r.points == 0
	r.evidence == ["/basic/spot_checks/1"]
	r.reason.zh == "2021-12-31（不含）至2024-12-31抽查2次，其中1次发现问题（2022-06-01 [市监抽〔2022〕3号]），得0分"
}

# The window is (cycle.end - 3 years, cycle.end]: its first day is 2022-01-01.
test_window_first_day_counts if {
	scored([check("2022-01-01", true)]).points == 0
}

test_day_before_window_ignored if {
	scored([check("2021-12-31", true)]).points == 5
}

test_cycle_end_counts if {
	scored([check("2024-12-31", true)]).points == 0
}

test_after_cycle_end_ignored if {
	scored([check("2025-01-01", true)]).points == 5
}

# The window length is data (window_years).
test_window_years_from_config if {
	r := spot_checks.result with input as doc([check("2021-06-01", true)]) with data.forerunner.v1.config.window_years as 4
	r.points == 0
}
