# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.encouraging.brand_evaluations

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "3.5"
#   category: encouraging
#   title:
#     zh: 领跑企业或领跑品牌评价
#     en: Leader-enterprise or leader-brand evaluation
#   clause:
#     zh: "领跑企业或领跑品牌评价：a)以入围的标准、达标的“领跑者”产品或服务为基础，推进2类及以上产品或服务的领跑企业或领跑品牌评价，并形成评估方案及推进计划，联合工作机构完成试点实施（5分）；b)以入围的标准、达标的“领跑者”产品或服务为基础，推进1类产品或服务的领跑企业或领跑品牌评价，并形成评估方案及推进计划，联合工作机构完成试点实施（3分）；c)未推进任何产品或服务的领跑企业或领跑品牌评价（0分）。"
#     en: >-
#       Product/service categories for which leader-enterprise or leader-brand
#       evaluation has a plan and a pilot completed with the working body; each category
#       counts once.
#   interpretations: [I-11]
result := lib.tiered(rego.metadata.rule(), counts, reason, evidence)

base := "/encouraging/brand_evaluations"

evaluations := input.encouraging.brand_evaluations

complete := [i | some i, e in evaluations; e.plan; e.pilot_completed]

categories := {evaluations[i].category | some i in complete}

# Categories with an entry but no complete one: named in the reason.
unfinished := {e.category | some e in evaluations} - categories

counts := {"categories": count(categories)}

evidence := lib.pointers(base, complete) if count(complete) > 0

evidence := [base] if count(complete) == 0

reason := {
	"zh": sprintf("形成评估方案并完成试点的品类%s%s", [lib.listing(sort(categories)).zh, pending.zh]),
	"en": sprintf("categories with a plan and a completed pilot: %s%s", [lib.listing(sort(categories)).en, pending.en]),
}

pending := {"zh": "", "en": ""} if count(unfinished) == 0

pending := {
	"zh": sprintf("；缺方案或试点未完成的品类%s", [lib.listing(sort(unfinished)).zh]),
	"en": sprintf("; without a plan or a completed pilot: %s", [lib.listing(sort(unfinished)).en]),
} if {
	count(unfinished) > 0
}
