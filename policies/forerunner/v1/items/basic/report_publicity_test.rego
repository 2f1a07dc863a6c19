package forerunner.v1.items.basic.report_publicity_test

import data.forerunner.v1.items.basic.report_publicity

doc(submitted, sections) := {"basic": {"work_report": {"submitted": submitted, "sections": sections}}}

scored(submitted, sections) := r if {
	r := report_publicity.result with input as doc(submitted, sections)
}

test_section_present_scores if {
	r := scored(true, ["indicator_analysis", "publicity"])
	r.id == "1.6.e"
	r.category == "basic"
	r.points == 1
	r.max == 1
	not "tier" in object.keys(r)
	r.evidence == ["/basic/work_report/sections/1"]
	r.reason.en == "the submitted work report contains this section (publicity): 1 point"
}

test_section_missing_scores_zero if {
	r := scored(true, ["indicator_analysis"])
	r.points == 0
	r.evidence == ["/basic/work_report/sections"]
	r.reason.zh == "已提交的工作报告缺少此部分（publicity），所含部分：indicator_analysis，得0分"
}

test_unsubmitted_report_scores_zero_even_with_section if {
	r := scored(false, ["publicity"])
	r.points == 0
	r.evidence == ["/basic/work_report/submitted"]
	r.reason.zh == "工作报告未提交，得0分"
}

test_empty_report_scores_zero if {
	scored(true, []).points == 0
}

# The section an item looks for is data.
test_section_name_from_config if {
	r := report_publicity.result with input as doc(true, ["indicator_analysis"]) with data.forerunner.v1.config.items["1.6.e"].section as "indicator_analysis"
	r.points == 1
}
