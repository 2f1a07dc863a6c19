package forerunner.v1.items.encouraging.trainings_test

import data.forerunner.v1.items.encouraging.trainings

doc(list) := {"cycle": {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}, "encouraging": {"trainings": list}}

training(date, title) := {"date": date, "title": title}

# n distinct trainings in the cycle.
distinct(n) := [training(sprintf("2024-03-%02d", [i]), "宣贯会") | some i in numbers.range(1, n)] if n > 0

distinct(0) := []

scored(list) := r if {
	r := trainings.result with input as doc(list)
}

test_zero_trainings_tier_c if {
	r := scored(distinct(0))
	r.id == "3.1"
	r.category == "encouraging"
	r.tier == "c"
	r.points == 0
	r.max == 5
	r.interpretations == ["I-11"]
	r.evidence == []
	r.reason.zh == "评估周期内宣贯培训0次，得0分"
}

test_one_training_tier_b if {
	r := scored([training("2024-03-15", "领跑者标准宣贯会（广州）")])
	r.tier == "b"
	r.points == 3
	r.evidence == ["/encouraging/trainings/0"]
	r.reason.zh == "评估周期内宣贯培训1次（2024-03-15 领跑者标准宣贯会（广州）），得3分"
	r.reason.en == "trainings in the cycle: 1 (2024-03-15 领跑者标准宣贯会（广州）): 3 points"
}

test_two_trainings_tier_b if {
	r := scored(distinct(2))
	r.tier == "b"
	r.points == 3
}

test_three_trainings_tier_a if {
	r := scored(distinct(3))
	r.tier == "a"
	r.points == 5
	r.evidence == ["/encouraging/trainings/0", "/encouraging/trainings/1", "/encouraging/trainings/2"]
}

test_many_trainings_tier_a if {
	scored(distinct(12)).tier == "a"
}

# I-11: duplicates by (date, title) count once.
test_duplicate_training_counts_once if {
	list := [training("2024-03-15", "宣贯会"), training("2024-03-15", "宣贯会"), training("2024-04-15", "宣贯会")]
	r := scored(list)
	r.tier == "b"
	r.reason.zh == "评估周期内宣贯培训2次（2024-03-15 宣贯会、2024-04-15 宣贯会），得3分"
	ws := trainings.warnings with input as doc(list)
	{w.at | some w in ws} == {"/encouraging/trainings"}
}

test_same_title_other_date_counts_twice if {
	r := scored([training("2024-03-15", "宣贯会"), training("2024-03-16", "宣贯会"), training("2024-03-16", "宣贯会（二）")])
	r.tier == "a"
}

# I-11: only trainings dated in the cycle count; the others warn.
test_outside_cycle_ignored_with_warning if {
	list := [training("2023-12-31", "甲"), training("2024-01-01", "乙"), training("2024-12-31", "丙"), training("2025-01-01", "丁")]
	r := scored(list)
	r.tier == "b"
	r.evidence == ["/encouraging/trainings/1", "/encouraging/trainings/2"]
	ws := trainings.warnings with input as doc(list)
	{w.at | some w in ws} == {"/encouraging/trainings/0", "/encouraging/trainings/3"}
}

# Tier bounds are data: raising tier a's minimum moves three trainings to tier b.
test_tier_bounds_from_config if {
	tiers := [
		{"tier": "a", "points": 5, "min": {"trainings": 4}},
		{"tier": "b", "points": 3, "min": {"trainings": 1}},
		{"tier": "c", "points": 0, "min": {}},
	]
	r := trainings.result with input as doc(distinct(3)) with data.forerunner.v1.config.items["3.1"].tiers as tiers
	r.tier == "b"
	r.points == 3
}
