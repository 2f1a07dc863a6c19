# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.submission

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "1.3"
#   category: basic
#   title:
#     zh: 按时完成并在信息平台提交材料
#     en: Materials submitted on the platform in time
#   clause:
#     zh: "评估机构按照工作机构的要求，按时完成评估工作并在企业标准领跑者信息平台提交相关材料。"
#     en: >-
#       Materials submitted on the leader information platform on or before the
#       deadline.
result := lib.binary(rego.metadata.rule(), on_time, reason, ["/basic/submission"])

deadline := input.basic.submission.deadline

# submitted_on is null or absent when nothing was submitted.
submitted_on := object.get(input.basic.submission, "submitted_on", null)

default submitted := false

submitted if submitted_on != null

# Dates are YYYY-MM-DD strings: string order is date order.
default on_time := false

on_time if {
	submitted
	submitted_on <= deadline
}

reason := {
	"zh": sprintf("截止日期%s，未提交", [deadline]),
	"en": sprintf("deadline %s, not submitted", [deadline]),
} if {
	not submitted
}

reason := {
	"zh": sprintf("截止日期%s，%s提交，按时", [deadline, submitted_on]),
	"en": sprintf("deadline %s, submitted on %s, in time", [deadline, submitted_on]),
} if {
	on_time
}

reason := {
	"zh": sprintf("截止日期%s，%s提交，逾期", [deadline, submitted_on]),
	"en": sprintf("deadline %s, submitted on %s, late", [deadline, submitted_on]),
} if {
	submitted
	not on_time
}
