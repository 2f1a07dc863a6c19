package forerunner.v1.vetoes_test

import data.forerunner.v1.fixtures_test as fx

finding := {"date": "2024-05-01", "summary": "确认问题", "reference": "工作机构〔2024〕3号"}

ids(doc) := r if {
	r := [v.id | some v in data.forerunner.v1.result.vetoes] with input as doc
}

test_no_veto_in_example if ids(fx.example) == []

test_v1_false_information if {
	doc := fx.patched(fx.example, "/findings/false_information", [finding])
	ids(doc) == ["V1"]
	v := data.forerunner.v1.vetoes.false_information.result with input as doc
	v.title.zh == "已发布的排行榜和“领跑者”存在虚假信息"
	v.evidence == ["/findings/false_information/0"]
	contains(v.reason.zh, "工作机构〔2024〕3号")
}

none_published := fx.patched(fx.example, "/core/publications", [])

test_v2_nothing_published_two_cycles if {
	doc := fx.patched(none_published, "/previous_cycle", {"rankings": 0, "leader_lists": 0})
	ids(doc) == ["V2"]
}

test_v2_not_when_previous_cycle_published if {
	doc := fx.patched(none_published, "/previous_cycle", {"rankings": 0, "leader_lists": 1})
	ids(doc) == []
}

test_v2_not_when_this_cycle_published if {
	doc := fx.patched(fx.example, "/previous_cycle", {"rankings": 0, "leader_lists": 0})
	ids(doc) == []
}

# I-11: a publication dated outside the cycle does not count for this cycle.
test_v2_counts_only_this_cycle if {
	old := [{"kind": "ranking", "date": "2023-06-30", "title": "旧排行榜"}]
	doc := fx.patched(fx.patched(fx.example, "/core/publications", old), "/previous_cycle", {"rankings": 0, "leader_lists": 0})
	ids(doc) == ["V2"]
}

test_v2_unknown_previous_cycle_warns_and_does_not_fire if {
	doc := json.remove(none_published, ["/previous_cycle"])
	ids(doc) == []
	r := data.forerunner.v1.result with input as doc
	some w in r.warnings
	w.at == "/previous_cycle"
}

test_v3_fee if {
	doc := fx.patched(fx.example, "/basic/fee_findings", [finding])
	ids(doc) == ["V3"]
	v := data.forerunner.v1.vetoes.fees.result with input as doc
	v.evidence == ["/basic/fee_findings/0"]
}

test_v4_certification_fraud if ids(fx.patched(fx.example, "/findings/certification_fraud", [finding])) == ["V4"]

test_v5_non_cooperation if ids(fx.patched(fx.example, "/findings/non_cooperation", [finding])) == ["V5"]

test_vetoes_in_list_order if {
	doc := fx.patched(fx.patched(fx.example, "/findings/non_cooperation", [finding]), "/findings/false_information", [finding])
	ids(doc) == ["V1", "V5"]
}

test_veto_off_the_list_in_data_does_not_fire if {
	doc := fx.patched(fx.example, "/findings/non_cooperation", [finding])
	ids_without_v5(doc) == []
}

ids_without_v5(doc) := r if {
	list := [v | some v in data.forerunner.v1.config.vetoes; v.id != "V5"]
	r := [v.id | some v in data.forerunner.v1.result.vetoes] with input as doc with data.forerunner.v1.config.vetoes as list
}
