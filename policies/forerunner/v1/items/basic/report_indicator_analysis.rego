# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.report_indicator_analysis

import data.forerunner.v1.items.basic.work_report

# METADATA
# custom:
#   id: "1.6.c"
#   category: basic
#   title:
#     zh: 工作报告：已发布排行和“领跑者”指标情况分析
#     en: "Work report: analysis of the published indicators"
#   clause:
#     zh: "按要求向提交工作报告，并配合工作机构开展评估工作的评价。工作报告的内容应包括但不限于以下内容：c)本机构已发布的企业标准排行和“领跑者”指标情况分析。"
#     en: >-
#       The submitted work report contains section c) analysis of the indicators the
#       agency published.
result := work_report.item(rego.metadata.rule())
