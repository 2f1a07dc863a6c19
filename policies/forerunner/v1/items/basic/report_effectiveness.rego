# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.report_effectiveness

import data.forerunner.v1.items.basic.work_report

# METADATA
# custom:
#   id: "1.6.b"
#   category: basic
#   title:
#     zh: 工作报告：排行和“领跑者”评估工作实施成效
#     en: "Work report: effectiveness of the ranking and leader work"
#   clause:
#     zh: "按要求向提交工作报告，并配合工作机构开展评估工作的评价。工作报告的内容应包括但不限于以下内容：b)本机构所开展的企业标准排行和“领跑者”评估工作实施成效。"
#     en: >-
#       The submitted work report contains section b) effectiveness of the agency's
#       ranking and leader work.
result := work_report.item(rego.metadata.rule())
