# METADATA
# description: 1.6.b — the submitted work report contains section b) effectiveness of the agency's ranking and leader work.
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
result := work_report.item(rego.metadata.rule())
