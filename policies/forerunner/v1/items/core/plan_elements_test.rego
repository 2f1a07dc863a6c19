package forerunner.v1.items.core.plan_elements_test

import data.forerunner.v1.fixtures_test as fx
import data.forerunner.v1.items.core.plan_elements

scored(elements) := r if {
	r := plan_elements.result with input as fx.patched(fx.example, "/core/evaluation_plan/elements", elements)
}

all_ten := data.forerunner.v1.config.items["2.1"].elements

test_all_ten_elements_score if {
	r := scored(all_ten)
	r.points == 5
	r.max == 5
	r.evidence == ["/core/evaluation_plan/elements"]
	r.interpretations == ["I-2"]
}

test_one_missing_scores_nothing_and_is_named if {
	r := scored([e | some e in all_ten; e != "targets"])
	r.points == 0
	contains(r.reason.zh, "实施目标")
	contains(r.reason.en, "implementation targets")
}

test_two_missing_named if {
	r := scored(array.slice(all_ten, 0, 8))
	r.points == 0
	contains(r.reason.en, "lacks 2 elements (leader-determination mechanism, implementation targets)")
}

test_unknown_extra_element_harmless if scored(array.concat(all_ten, ["other"])).points == 5
