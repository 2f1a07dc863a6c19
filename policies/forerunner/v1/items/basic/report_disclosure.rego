# METADATA
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
#   clause:
#     zh: "按要求向提交工作报告，并配合工作机构开展评估工作的评价。工作报告的内容应包括但不限于以下内容：a)本产品或服务类别所属领域的企业标准公开情况。"
#     en: >-
#       The submitted work report contains section a) enterprise-standard disclosure
#       status in the field.
result := work_report.item(rego.metadata.rule())
