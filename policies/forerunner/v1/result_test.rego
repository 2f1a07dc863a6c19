# The result document as a whole: the example of evidence.md, sums, order, next_level.
package forerunner.v1.result_test

import data.forerunner.v1
import data.forerunner.v1.fixtures_test as fx

example := r if {
	r := v1.result with input as fx.example
}

# evidence.md: total 78 (basic 30, core 34, encouraging 14), level 4 through I-9.
test_example_scores_78_level_4_through_i9 if {
	example.total == {"points": 78, "max": 95, "declared_max": 100}
	example.categories.basic.points == 30
	example.categories.core == {"points": 34, "max": 40, "declared_max": 40}
	example.categories.encouraging == {"points": 14, "max": 25, "declared_max": 30}
	example.level.level == 4
	example.vetoes == []
	[r.en | some r in example.level.reasons] == ["Level 3 not met: Core indicators 34 points, below 35 (I-9)"]
}

test_example_next_level_is_3_short_one_core_point if {
	example.next_level.level == 3
	example.next_level.blocked_by_vetoes == false
	example.next_level.shortfall == {"total": 0, "basic": 0, "core": 1, "encouraging": 0}
	example.next_level.options == [{"item": "2.3", "gain": 3}, {"item": "2.4", "gain": 3}]
}

test_every_item_in_clause_order if {
	ids := [i.id | some i in example.items]
	ids == [
		"1.1", "1.2", "1.3", "1.4", "1.5", "1.6.a", "1.6.b", "1.6.c", "1.6.d", "1.6.e",
		"2.1", "2.2", "2.3", "2.4", "2.5.a", "2.5.b", "2.5.c", "2.5.d", "2.5.e",
		"2.6.a", "2.6.b", "2.6.c", "2.6.d", "2.6.e",
		"3.1", "3.2", "3.3", "3.4", "3.5",
	]
}

test_sums_hold if {
	every name, c in example.categories {
		c.points == sum([i.points | some i in example.items; i.category == name])
		c.max == sum([i.max | some i in example.items; i.category == name])
	}
	example.total.points == sum([c.points | some c in example.categories])
}

test_every_item_complete if {
	every i in example.items {
		i.title.zh != ""
		i.title.en != ""
		i.reason.zh != ""
		i.reason.en != ""
		is_array(i.evidence)
		is_array(i.interpretations)
		endswith(i.source.file, ".rego")
		i.source.row > 0
		i.points >= 0
		i.points <= i.max
	}
}

# I-1: attainable maxima are computed from the items, declared maxima come from data.
test_attainable_and_declared_maxima if {
	example.categories.encouraging.max == 25
	example.categories.encouraging.declared_max == 30
	example.total.max == 95
}

test_level_1_has_no_next_level if {
	r := v1.result with input as fx.example
		with v1.scores as {"total": 95, "basic": 30, "core": 40, "encouraging": 25}
	r.level.level == 1
	not r.next_level
}

test_next_level_blocked_by_veto if {
	finding := {"date": "2024-05-01", "summary": "不配合"}
	r := v1.result with input as fx.patched(fx.example, "/findings/non_cooperation", [finding])
	r.level.level == 4
	r.next_level.blocked_by_vetoes == true
	r.next_level.level == 3
}

test_next_level_from_2_lists_every_short_condition if {
	n := v1.next_level with input as fx.example
		with v1.scores as {"total": 85, "basic": 30, "core": 36, "encouraging": 20}
		with v1.fired_vetoes as []
	n.level == 1
	n.shortfall == {"total": 5, "basic": 0, "core": 1, "encouraging": 5}
}

test_schema_version_and_echoes if {
	example.schema_version == 1
	example.agency == fx.example.agency
	example.cycle == fx.example.cycle
	not example.errors
	not example.provenance
}

test_warnings_collected_from_items_and_vetoes_sorted if {
	pubs := [{"kind": "ranking", "date": "2023-06-30", "title": "旧"}]
	gs := array.concat(fx.example.core.group_standards, [{"id": "T/X 1-2023", "title": "旧", "role": "lead", "date": "2023-01-01"}])
	doc := json.remove(fx.patched(fx.patched(fx.example, "/core/publications", pubs), "/core/group_standards", gs), ["/previous_cycle"])
	r := v1.result with input as doc
	[w.at | some w in r.warnings] == ["/core/group_standards/2", "/core/publications/0", "/previous_cycle"]
}

test_clause_order_is_numeric if {
	v1.clause_order("1.9") < v1.clause_order("1.10")
	v1.clause_order("1.5") < v1.clause_order("1.6.a")
	v1.clause_order("1.6.e") < v1.clause_order("2.1")
	v1.clause_order("2.5.e") < v1.clause_order("2.6.a")
}

# Every interpretation an item or veto names has its text in data (shown by `explain`).
test_interpretations_have_texts if {
	named := {id | some i in example.items; some id in i.interpretations}
	count(named) > 0
	every id in named {
		data.forerunner.v1.config.interpretations[id].zh != ""
		data.forerunner.v1.config.interpretations[id].en != ""
	}
}
