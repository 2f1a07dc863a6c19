# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.plan_elements

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.1"
#   category: core
#   title:
#     zh: 评估方案内容完整
#     en: Evaluation plan complete
#   clause:
#     zh: "评估方案包括但不限于评估目的、产品或服务范围、评估指标、指标选取的科学性以及水平设置合理性、评估方法及周期、企业相关信息、企业标准排行榜形成机制、企业标准“领跑者”确定机制和实施目标等内容。"
#     en: "The evaluation plan contains every required element (all or nothing)."
#   interpretations: [I-2]
result := lib.binary(rego.metadata.rule(), count(missing) == 0, reason, ["/core/evaluation_plan/elements"])

settings := lib.config.items["2.1"]

provided := {e | some e in input.core.evaluation_plan.elements}

missing := [e | some e in settings.elements; not e in provided]

title(e) := object.get(settings.element_titles, e, {"zh": e, "en": e})

reason := {
	"zh": sprintf("评估方案包含全部%d项要素", [count(settings.elements)]),
	"en": sprintf("the evaluation plan contains all %d elements", [count(settings.elements)]),
} if {
	count(missing) == 0
}

reason := {
	"zh": sprintf("评估方案缺少%d项要素（%s），全有才得分（I-2）", [count(missing), concat("、", [title(e).zh | some e in missing])]),
	"en": sprintf("the evaluation plan lacks %d elements (%s); all are required (I-2)", [count(missing), concat(", ", [title(e).en | some e in missing])]),
} if {
	count(missing) > 0
}
