package forerunner.v1.items.core.publications_test

import data.forerunner.v1.fixtures_test as fx
import data.forerunner.v1.items.core.publications

pub(kind, date, title) := {"kind": kind, "date": date, "title": title}

doc(pubs) := fx.patched(fx.example, "/core/publications", pubs)

scored(pubs) := r if {
	r := publications.result with input as doc(pubs)
}

r1 := pub("ranking", "2024-03-01", "R1")

r2 := pub("ranking", "2024-06-01", "R2")

l1 := pub("leader_list", "2024-11-30", "L1")

test_tier_a_two_rankings_one_list if {
	r := scored([r1, r2, l1])
	r.tier == "a"
	r.points == 10
	r.reason.zh == "评估周期内发布排行榜2项、“领跑者”榜单1项，得10分"
}

test_tier_b_one_ranking_one_list if {
	r := scored([r1, l1])
	r.tier == "b"
	r.points == 7
}

test_tier_c_list_without_ranking if {
	r := scored([l1])
	r.tier == "c"
	r.points == 3
}

# I-3: rankings without any leader list score 0.
test_tier_d_rankings_without_list if {
	r := scored([r1, r2])
	r.tier == "d"
	r.points == 0
}

test_tier_d_nothing if scored([]).points == 0

test_duplicate_publication_counts_once if scored([r1, r1, l1]).tier == "b"

test_outside_cycle_ignored_with_warning if {
	old := pub("ranking", "2023-12-31", "R0")
	scored([old, r1, l1]).tier == "b"
	ws := publications.warnings with input as doc([old, r1, l1])
	[w.at | some w in ws] == ["/core/publications/0"]
}
