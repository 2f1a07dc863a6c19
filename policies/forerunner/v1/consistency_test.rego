package forerunner.v1.consistency_test

import data.forerunner.v1
import data.forerunner.v1.fixtures_test as fx

test_i1_encouraging_mismatch_is_flagged if {
	found := v1.consistency with input as fx.example
	[[f.code, f.at] | some f in found] == [["declared_max_differs", "/categories/encouraging"]]
}

test_unscored_configured_item_is_flagged if {
	items := object.union(data.forerunner.v1.config.items, {"9.9": {"max": 1}})
	found := v1.consistency with input as fx.example with data.forerunner.v1.config.items as items
	some f in found
	f.code == "item_without_rule"
	f.at == "/items/9.9"
}
