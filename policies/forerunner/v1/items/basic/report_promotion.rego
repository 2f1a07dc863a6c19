# METADATA
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
#   clause:
#     zh: "按要求向提交工作报告，并配合工作机构开展评估工作的评价。工作报告的内容应包括但不限于以下内容：d)本产品或服务类别所属领域的领跑标准、领跑产品或服务、领跑企业、领跑品牌推广情况。"
#     en: >-
#       The submitted work report contains section d) promotion of leader standards,
#       products, enterprises and brands.
result := work_report.item(rego.metadata.rule())
