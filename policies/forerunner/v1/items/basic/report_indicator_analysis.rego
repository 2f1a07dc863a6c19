# METADATA
# description: 1.6.c — the submitted work report contains section c) analysis of the indicators the agency published.
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
result := work_report.item(rego.metadata.rule())
