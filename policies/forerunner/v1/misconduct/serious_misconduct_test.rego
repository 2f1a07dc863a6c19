# I-13: serious misconduct beside the vetoes, level 4 whatever the points.
package forerunner.v1.misconduct.serious_misconduct_test

import data.forerunner.v1
import data.forerunner.v1.fixtures_test as fx

finding := {"date": "2024-08-12", "summary": "伪造检测报告造成不良社会影响", "reference": "市监处〔2024〕88号"}

misconduct_doc := fx.patched(fx.example, "/findings/serious_misconduct", [finding])

top := {"total": 95, "basic": 30, "core": 40, "encouraging": 25}

test_top_scores_level_1_without_misconduct if {
	r := v1.result with input as fx.example with v1.scores as top
	r.level.level == 1
	r.misconduct == []
}

test_misconduct_is_level_4_whatever_the_points if {
	r := v1.result with input as misconduct_doc with v1.scores as top
	r.level.level == 4
	r.vetoes == []
	[m.id | some m in r.misconduct] == ["M1"]
	r.level.reasons == [{
		"zh": "严重违规M1：存在违法违规行为并造成不良社会影响（I-13）",
		"en": "serious misconduct M1: Confirmed illegal or irregular conduct with adverse social impact (I-13)",
	}]
}

test_misconduct_entry_names_revocation_and_barred_years if {
	m := data.forerunner.v1.misconduct.serious_misconduct.result with input as misconduct_doc
	m.barred_years == [2025, 2026, 2027]
	m.evidence == ["/findings/serious_misconduct/0"]
	m.interpretations == ["I-13"]
	contains(m.reason.zh, "市监处〔2024〕88号")
	contains(m.reason.en, "confirmed findings: 1")
	m.consequence.en == "qualification revoked; barred from agency selection in 2025–2027"
}

test_level_consequence_is_revocation if {
	l := data.forerunner.v1.result.level with input as misconduct_doc
	l.consequence.zh == "不合格：存在违法违规行为并造成不良社会影响，取消评估机构资格；2025–2027年不得参加评估机构遴选。"
	l.consequence.en == "Unqualified: confirmed illegal or irregular conduct with adverse social impact; qualification revoked; barred from agency selection in 2025–2027."
}

test_misconduct_beside_a_veto if {
	doc := fx.patched(misconduct_doc, "/findings/certification_fraud", [finding])
	r := data.forerunner.v1.result with input as doc
	[v.id | some v in r.vetoes] == ["V4"]
	[m.id | some m in r.misconduct] == ["M1"]
	[x.en | some x in r.level.reasons] == [
		"veto V4: Fraud in leader certification work",
		"serious misconduct M1: Confirmed illegal or irregular conduct with adverse social impact (I-13)",
	]
	r.next_level.blocked_by_misconduct
	r.next_level.blocked_by_vetoes
}

# The length of the bar is data.
test_barred_years_from_data if {
	m := data.forerunner.v1.misconduct.serious_misconduct.result with input as misconduct_doc
		with data.forerunner.v1.config.misconduct.barred_selection_years as 2
	m.barred_years == [2025, 2026]
}
