# METADATA
# description: |
#   Shared rule of items 1.6.a–e (not an item itself: it defines no `result`). Each item
#   names its report section in config (items["1.6.x"].section) and earns its point when
#   the work report was submitted and contains that section.
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.work_report

import data.forerunner.v1.lib

report := input.basic.work_report

base := "/basic/work_report"

# item scores the item whose rule METADATA is meta.
item(meta) := lib.binary(meta, contains_section(section), reason(section), evidence(section)) if {
	section := lib.config.items[meta.custom.id].section
}

default contains_section(_) := false

contains_section(section) if {
	report.submitted
	section in report.sections
}

# evidence and reason: the section is there, else the report was not submitted, else the
# submitted report lacks the section.
evidence(section) := [sprintf("%s/sections/%d", [base, i]) | some i, s in report.sections; s == section] if {
	contains_section(section)
} else := [sprintf("%s/submitted", [base])] if {
	not report.submitted
} else := [sprintf("%s/sections", [base])]

reason(section) := {
	"zh": sprintf("已提交的工作报告包含此部分（%s）", [section]),
	"en": sprintf("the submitted work report contains this section (%s)", [section]),
} if {
	contains_section(section)
} else := {
	"zh": "工作报告未提交",
	"en": "the work report was not submitted",
} if {
	not report.submitted
} else := {
	"zh": sprintf("已提交的工作报告缺少此部分（%s），所含部分：%s", [section, listed.zh]),
	"en": sprintf("the submitted work report lacks this section (%s); it has: %s", [section, listed.en]),
} if {
	listed := lib.names(report.sections)
}
