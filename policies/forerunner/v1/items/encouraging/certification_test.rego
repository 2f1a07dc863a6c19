package forerunner.v1.items.encouraging.certification_test

import data.forerunner.v1.items.encouraging.certification

doc(registered, led, cooperated) := {"encouraging": {"certification": {
	"registered": registered,
	"led_categories": led,
	"cooperated_categories": cooperated,
}}}

scored(registered, led, cooperated) := r if {
	r := certification.result with input as doc(registered, led, cooperated)
}

tier_of(led, cooperated) := scored(true, led, cooperated).tier

test_led_three_tier_a if {
	r := scored(true, ["电冰箱", "洗衣机", "空调"], [])
	r.id == "3.3"
	r.tier == "a"
	r.points == 5
	r.max == 5
	r.interpretations == ["I-7", "I-11"]
}

test_led_two_cooperated_one_tier_b if {
	r := scored(true, ["电冰箱", "洗衣机"], ["空调"])
	r.tier == "b"
	r.points == 3
	r.evidence == [
		"/encouraging/certification/registered",
		"/encouraging/certification/led_categories/0",
		"/encouraging/certification/led_categories/1",
		"/encouraging/certification/cooperated_categories/0",
	]
	r.reason.zh == "已在国家级认证认可主管机构及领跑者管理信息平台注册备案；牵头2类（洗衣机、电冰箱），配合1类（空调），得3分"
}

test_led_one_cooperated_one_tier_c if {
	r := scored(true, ["电冰箱"], ["空调"])
	r.tier == "c"
	r.points == 2
}

test_nothing_tier_d if {
	r := scored(true, [], [])
	r.tier == "d"
	r.points == 0
	r.reason.en == "registered with the certification authority and the leader platform; categories led: 0, cooperated in: 0: 0 points"
}

test_unregistered_scores_zero_whatever_led if {
	r := scored(false, ["甲", "乙", "丙", "丁"], ["戊"])
	r.tier == "d"
	r.points == 0
	r.evidence == ["/encouraging/certification/registered"]
	r.reason.zh == "未在国家级认证认可主管机构及领跑者管理信息平台注册备案；牵头4类（丁、丙、乙、甲），配合1类（戊），得0分"
}

# I-7 gaps of the text: a led category stands in for a cooperated one.
test_gap_led_two_cooperated_zero_is_tier_c if {
	tier_of(["甲", "乙"], []) == "c"
}

test_led_two_cooperated_two_is_tier_b if {
	tier_of(["甲", "乙"], ["丙", "丁"]) == "b"
}

test_led_one_cooperated_two_is_tier_c if {
	tier_of(["甲"], ["乙", "丙"]) == "c"
}

# I-7: cooperation alone earns nothing.
test_gap_cooperated_only_is_tier_d if {
	tier_of([], ["甲", "乙", "丙"]) == "d"
}

test_led_one_alone_is_tier_d if {
	tier_of(["甲"], []) == "d"
}

# I-7: a category both led and cooperated counts once, as led.
test_category_led_and_cooperated_counts_once if {
	r := scored(true, ["甲", "乙"], ["甲"])
	r.tier == "c"
	r.evidence == [
		"/encouraging/certification/registered",
		"/encouraging/certification/led_categories/0",
		"/encouraging/certification/led_categories/1",
	]
	r.reason.zh == "已在国家级认证认可主管机构及领跑者管理信息平台注册备案；牵头2类（乙、甲），配合0类；甲同时列为牵头和配合，按牵头计（I-7），得2分"
}

test_single_category_both_ways_is_tier_d if {
	tier_of(["甲"], ["甲"]) == "d"
}

test_repeated_led_category_counts_once if {
	tier_of(["甲", "甲", "甲"], []) == "d"
}
