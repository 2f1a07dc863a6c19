# METADATA
# description: 1.6.e — the submitted work report contains section e) publicity and uptake of the published lists.
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.report_publicity

import data.forerunner.v1.items.basic.work_report

# METADATA
# custom:
#   id: "1.6.e"
#   category: basic
#   title:
#     zh: 工作报告：已发布名单的宣传报道及采信应用情况
#     en: "Work report: publicity and uptake of the published lists"
result := work_report.item(rego.metadata.rule())
