# METADATA
# description: 1.6.d — the submitted work report contains section d) promotion of leader standards, products, enterprises and brands.
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.report_promotion

import data.forerunner.v1.items.basic.work_report

# METADATA
# custom:
#   id: "1.6.d"
#   category: basic
#   title:
#     zh: 工作报告：领跑标准、产品、企业、品牌推广情况
#     en: "Work report: promotion of leader standards, products, enterprises and brands"
result := work_report.item(rego.metadata.rule())
