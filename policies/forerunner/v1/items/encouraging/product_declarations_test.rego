package forerunner.v1.items.encouraging.product_declarations_test

import data.forerunner.v1.items.encouraging.product_declarations

doc(list) := {"encouraging": {"product_declarations": list}}

# n declarations of n distinct models.
models(n) := [{"model": sprintf("BCD-%03d", [i]), "standard": "T/CAS 801-2024"} | some i in numbers.range(1, n)] if n > 0

models(0) := []

scored(list) := r if {
	r := product_declarations.result with input as doc(list)
}

tier_of(n) := scored(models(n)).tier

test_zero_models_tier_d if {
	r := scored([])
	r.id == "3.4"
	r.tier == "d"
	r.points == 0
	r.max == 5
	r.interpretations == ["I-8", "I-11"]
	r.evidence == ["/encouraging/product_declarations"]
	r.reason.zh == "未申报达标产品型号，得0分"
}

test_one_model_tier_c if {
	r := scored(models(1))
	r.tier == "c"
	r.points == 2
	r.evidence == ["/encouraging/product_declarations"]
	r.reason.zh == "依据“领跑者”团标申报达标产品型号1个（BCD-001），得2分"
}

test_49_models_tier_c if tier_of(49) == "c"

# I-8: 50 belongs to both "50个以内" and "50个以上": the higher tier.
test_50_models_tier_b if {
	r := scored(models(50))
	r.tier == "b"
	r.points == 3
}

test_99_models_tier_b if tier_of(99) == "b"

# I-8: 100 belongs to both "100个以上" and "50个以上100个以下": the higher tier.
test_100_models_tier_a if {
	r := scored(models(100))
	r.tier == "a"
	r.points == 5
	r.reason.en == "distinct product models declared under leader group standards: 100 (BCD-001, BCD-002, BCD-003, BCD-004, BCD-005 and 95 more): 5 points"
	r.reason.zh == "依据“领跑者”团标申报达标产品型号100个（BCD-001、BCD-002、BCD-003、BCD-004、BCD-005等100个），得5分"
}

test_101_models_tier_a if tier_of(101) == "a"

# I-8: a model declared twice counts once; the repeat warns.
test_repeated_model_counts_once if {
	list := array.concat(models(99), [{"model": "BCD-001", "standard": "T/CAS 802-2024"}])
	r := scored(list)
	r.tier == "b"
	ws := product_declarations.warnings with input as doc(list)
	{w.at | some w in ws} == {"/encouraging/product_declarations"}
}

test_no_warning_without_repeats if {
	count(product_declarations.warnings) == 0 with input as doc(models(3))
}
