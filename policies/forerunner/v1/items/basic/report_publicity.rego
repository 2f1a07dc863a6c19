# METADATA
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
#   clause:
#     zh: "按要求向提交工作报告，并配合工作机构开展评估工作的评价。工作报告的内容应包括但不限于以下内容：e)本机构已发布的企业标准排行和“领跑者”名单的宣传报道及被采信或应用的情况。"
#     en: >-
#       The submitted work report contains section e) publicity and uptake of the
#       published lists.
result := work_report.item(rego.metadata.rule())
