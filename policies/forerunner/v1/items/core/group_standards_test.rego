package forerunner.v1.items.core.group_standards_test

import data.forerunner.v1.items.core.group_standards

cycle := {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}

doc(standards) := {"cycle": cycle, "core": {"group_standards": standards}}

gs(id, role, date) := {"id": id, "title": id, "role": role, "date": date}

scored(standards) := r if {
	r := group_standards.result with input as doc(standards)
}

test_tier_a_three_led if {
	r := scored([gs("T/A 1", "lead", "2024-02-01"), gs("T/A 2", "lead", "2024-03-01"), gs("T/A 3", "lead", "2024-12-31")])
	r.points == 10
	r.tier == "a"
	r.max == 10
	r.title.zh == "“领跑者”团标制修订"
	r.evidence == ["/core/group_standards/0", "/core/group_standards/1", "/core/group_standards/2"]
}

test_tier_b_two_led_reason_quotes_ids if {
	r := scored([gs("T/CAS 801-2024", "lead", "2024-04-02"), gs("T/CAS 803-2024", "lead", "2024-05-02")])
	r.points == 7
	r.tier == "b"
	r.reason.zh == "评估周期内牵头制修订2项（T/CAS 801-2024、T/CAS 803-2024），参与制修订0项，得7分"
}

test_tier_b_one_led if {
	r := scored([gs("T/A 1", "lead", "2024-01-01")])
	r.tier == "b"
	r.points == 7
}

test_tier_c_participated_only if {
	r := scored([gs("T/A 1", "participant", "2024-06-11")])
	r.tier == "c"
	r.points == 3
}

test_tier_d_none if {
	r := scored([])
	r.tier == "d"
	r.points == 0
	r.evidence == []
}

test_outside_cycle_ignored_with_warning if {
	standards := [gs("T/A 1", "lead", "2023-12-31"), gs("T/A 2", "lead", "2025-01-01")]
	r := scored(standards)
	r.tier == "d"
	ws := group_standards.warnings with input as doc(standards)
	{w.at | some w in ws} == {"/core/group_standards/0", "/core/group_standards/1"}
}

test_duplicates_count_once if {
	r := scored([gs("T/A 1", "lead", "2024-02-01"), gs("T/A 1", "lead", "2024-03-01"), gs("T/A 1", "lead", "2024-04-01")])
	r.tier == "b"
}

test_both_roles_count_once_as_led if {
	standards := [gs("T/A 1", "participant", "2024-02-01"), gs("T/A 1", "lead", "2024-03-01")]
	group_standards.counts == {"led": 1, "participated": 0} with input as doc(standards)
	scored(standards).tier == "b"
}
