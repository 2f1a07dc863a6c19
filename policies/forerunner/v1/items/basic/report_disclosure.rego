# METADATA
# description: 1.6.a — the submitted work report contains section a) enterprise-standard disclosure status in the field.
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.report_disclosure

import data.forerunner.v1.items.basic.work_report

# METADATA
# custom:
#   id: "1.6.a"
#   category: basic
#   title:
#     zh: 工作报告：本领域企业标准公开情况
#     en: "Work report: enterprise-standard disclosure in the field"
result := work_report.item(rego.metadata.rule())
