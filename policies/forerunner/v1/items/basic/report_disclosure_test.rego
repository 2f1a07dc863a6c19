package forerunner.v1.items.basic.report_disclosure_test

import data.forerunner.v1.items.basic.report_disclosure

doc(submitted, sections) := {"basic": {"work_report": {"submitted": submitted, "sections": sections}}}

scored(submitted, sections) := r if {
	r := report_disclosure.result with input as doc(submitted, sections)
}

test_section_present_scores if {
	r := scored(true, ["publicity", "disclosure"])
	r.id == "1.6.a"
	r.category == "basic"
	r.points == 1
	r.max == 1
	not "tier" in object.keys(r)
	r.evidence == ["/basic/work_report/sections/1"]
	r.reason.en == "the submitted work report contains this section (disclosure): 1 point"
}

test_section_missing_scores_zero if {
	r := scored(true, ["publicity"])
	r.points == 0
	r.evidence == ["/basic/work_report/sections"]
	r.reason.zh == "已提交的工作报告缺少此部分（disclosure），所含部分：publicity，得0分"
}

test_unsubmitted_report_scores_zero_even_with_section if {
	r := scored(false, ["disclosure"])
	r.points == 0
	r.evidence == ["/basic/work_report/submitted"]
	r.reason.zh == "工作报告未提交，得0分"
}

test_empty_report_scores_zero if {
	scored(true, []).points == 0
}

# The section an item looks for is data.
test_section_name_from_config if {
	r := report_disclosure.result with input as doc(true, ["publicity"]) with data.forerunner.v1.config.items["1.6.a"].section as "publicity"
	r.points == 1
}
