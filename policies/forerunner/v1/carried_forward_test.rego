package forerunner.v1.carried_forward_test

import data.forerunner.v1
import data.forerunner.v1.fixtures_test as fx

# The example published 1 ranking and 1 leader list in 2024; that is the 2025
# document's previous_cycle.
test_publications_of_the_cycle_are_carried_forward if {
	c := v1.carried_forward with input as fx.example
	c == {"previous_cycle": {"rankings": 1, "leader_lists": 1}}
}

# Only what was published inside the cycle counts (I-11), as for 2.4.
test_only_in_cycle_publications_are_carried if {
	doc := fx.patched(fx.example, "/core/publications", [{"kind": "ranking", "date": "2023-06-30", "title": "旧"}])
	c := v1.carried_forward with input as doc
	c.previous_cycle == {"rankings": 0, "leader_lists": 0}
}

# What is carried fires V2 on a next cycle that published nothing either.
test_carried_nothing_fires_v2_next_cycle if {
	nothing := fx.patched(fx.example, "/core/publications", [])
	carried := v1.carried_forward with input as nothing
	next := object.union(nothing, carried)
	ids := [v.id | some v in v1.result.vetoes] with input as next
	ids == ["V2"]
}
