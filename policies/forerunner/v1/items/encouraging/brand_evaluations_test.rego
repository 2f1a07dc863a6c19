package forerunner.v1.items.encouraging.brand_evaluations_test

import data.forerunner.v1.items.encouraging.brand_evaluations

doc(list) := {"encouraging": {"brand_evaluations": list}}

done(category) := {"category": category, "plan": true, "pilot_completed": true}

scored(list) := r if {
	r := brand_evaluations.result with input as doc(list)
}

test_none_tier_c if {
	r := scored([])
	r.id == "3.5"
	r.tier == "c"
	r.points == 0
	r.max == 5
	r.interpretations == ["I-11"]
	r.evidence == ["/encouraging/brand_evaluations"]
	r.reason.zh == "形成评估方案并完成试点的品类0项，得0分"
}

test_one_category_tier_b if {
	r := scored([done("电冰箱")])
	r.tier == "b"
	r.points == 3
	r.evidence == ["/encouraging/brand_evaluations/0"]
	r.reason.en == "categories with a plan and a completed pilot: 1 (电冰箱): 3 points"
}

test_two_categories_tier_a if {
	r := scored([done("电冰箱"), done("洗衣机")])
	r.tier == "a"
	r.points == 5
}

test_same_category_twice_counts_once if {
	scored([done("电冰箱"), done("电冰箱")]).tier == "b"
}

test_plan_without_pilot_or_pilot_without_plan_does_not_count if {
	list := [
		done("电冰箱"),
		{"category": "洗衣机", "plan": true, "pilot_completed": false},
		{"category": "空调", "plan": false, "pilot_completed": true},
	]
	r := scored(list)
	r.tier == "b"
	r.evidence == ["/encouraging/brand_evaluations/0"]
	r.reason.zh == "形成评估方案并完成试点的品类1项（电冰箱）；缺方案或试点未完成的品类2项（洗衣机、空调），得3分"
}
