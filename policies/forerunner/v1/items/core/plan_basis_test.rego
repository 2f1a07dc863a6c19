package forerunner.v1.items.core.plan_basis_test

import data.forerunner.v1.fixtures_test as fx
import data.forerunner.v1.items.core.plan_basis

scored(basis) := r if {
	r := plan_basis.result with input as fx.patched(fx.example, "/core/evaluation_plan/basis", basis)
}

test_requirements_scores if {
	r := scored("requirements")
	r.points == 5
	r.reason.zh == "评估方案依据《质量分级及“领跑者”评价要求》编制，得5分"
}

test_general_principles_scores_nothing if {
	r := scored("general_principles")
	r.points == 0
	contains(r.reason.zh, "评价通则")
}

test_other_scores_nothing if scored("other").points == 0
