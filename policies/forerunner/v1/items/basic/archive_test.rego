package forerunner.v1.items.basic.archive_test

import data.forerunner.v1.items.basic.archive

doc(archived, years) := {"basic": {"archive": {"archived": archived, "retention_years": years}}}

scored(archived, years) := r if {
	r := archive.result with input as doc(archived, years)
}

test_archived_three_years_scores if {
	r := scored(true, 3)
	r.id == "1.4"
	r.points == 5
	r.max == 5
	r.evidence == ["/basic/archive"]
	r.reason.zh == "已归档，保管期限3年（不少于3年），得5分"
}

test_longer_retention_scores if {
	scored(true, 10).points == 5
}

test_two_years_scores_zero if {
	r := scored(true, 2)
	r.points == 0
	r.reason.en == "archived, but retention 2 years is less than 3: 0 points"
}

test_not_archived_scores_zero if {
	r := scored(false, 5)
	r.points == 0
	r.reason.en == "files not archived in time (retention 5 years): 0 points"
}

# The retention bound is data: raising it in config changes the score.
test_retention_bound_from_config if {
	r := archive.result with input as doc(true, 3) with data.forerunner.v1.config.items["1.4"].retention_years as 5
	r.points == 0
}
