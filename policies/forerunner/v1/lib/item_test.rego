package forerunner.v1.lib_test

import data.forerunner.v1.lib

tiers := [
	{"tier": "a", "points": 10, "min": {"x": 3}},
	{"tier": "b", "points": 7, "min": {"x": 1, "y": 2}},
	{"tier": "c", "points": 0, "min": {}},
]

test_first_matching_tier if {
	cfg := {"items": {"9.9": {"max": 10, "tiers": tiers}}}
	lib.tier("9.9", {"x": 3}).tier == "a" with data.forerunner.v1.config as cfg
	lib.tier("9.9", {"x": 1, "y": 2}).tier == "b" with data.forerunner.v1.config as cfg
	lib.tier("9.9", {"x": 2, "y": 1}).tier == "c" with data.forerunner.v1.config as cfg
	lib.tier("9.9", {}).tier == "c" with data.forerunner.v1.config as cfg
}

meta := {"custom": {"id": "2.3", "category": "core", "title": {"zh": "甲", "en": "A"}, "interpretations": ["I-11"]}}

test_tiered_item_fields_from_metadata_and_config if {
	r := lib.tiered(meta, {"led": 1}, {"zh": "牵头1项", "en": "led 1"}, ["/x/0"])
	r.id == "2.3"
	r.category == "core"
	r.title == {"zh": "甲", "en": "A"}
	r.max == data.forerunner.v1.config.items["2.3"].max
	r.tier == "b"
	r.reason == {"zh": "牵头1项，得7分", "en": "led 1: 7 points"}
	r.evidence == ["/x/0"]
	r.interpretations == ["I-11"]
}

test_binary_item if {
	lib.binary(meta, true, {"zh": "z", "en": "e"}, []).points == 10
	lib.binary(meta, false, {"zh": "z", "en": "e"}, []).points == 0
	not "tier" in object.keys(lib.binary(meta, false, {"zh": "z", "en": "e"}, []))
}

test_listing if {
	lib.listing(["a", "b"]) == {"zh": "2项（a、b）", "en": "2 (a, b)"}
	lib.listing([]) == {"zh": "0项", "en": "0"}
}

test_source_from_data_with_fallback if {
	lib.source("2.3").file == "forerunner/v1/items/core/group_standards.rego"
	lib.source("9.9") == {"file": "unknown", "row": 0}
}

test_points_in_english if {
	lib.points_en(1) == "1 point"
	lib.points_en(0) == "0 points"
	lib.points_en(7) == "7 points"
}
