# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.publications

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.4"
#   category: core
#   title:
#     zh: 排行榜和“领跑者”榜单发布
#     en: Rankings and leader lists published
#   clause:
#     zh: "排行榜和“领跑者”榜单发布：a)评估机构在年度内发布排行榜2次及以上并发布“领跑者”榜单次数一次（10分）；b)评估机构在年度内发布排行榜1次并发布“领跑者”榜单次数一次（7分）；c)评估机构在年度内发布“领跑者”榜单一次但未发布排行榜（3分）；d)评估机构在年度内未发布排行榜和“领跑者”榜单（0分）。"
#     en: "Rankings and leader lists published in the cycle."
#   interpretations: [I-3, I-11]
result := lib.tiered(rego.metadata.rule(), counts, reason, counted.evidence)

warnings := counted.warnings

# counts are also read by veto V2.
counts := {
	"rankings": count([k | some k in counted.keys; k[0] == "ranking"]),
	"leader_lists": count([k | some k in counted.keys; k[0] == "leader_list"]),
}

counted := lib.counted(input.core.publications, "/core/publications", lib.counting["/core/publications"].key)

reason := {
	"zh": sprintf("评估周期内发布排行榜%d项、“领跑者”榜单%d项", [counts.rankings, counts.leader_lists]),
	"en": sprintf("published in the cycle: rankings %d, leader lists %d", [counts.rankings, counts.leader_lists]),
}
