# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.encouraging.trainings

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "3.1"
#   category: encouraging
#   title:
#     zh: “领跑者”宣贯培训
#     en: Leader trainings for enterprises
#   clause:
#     zh: "“领跑者”宣贯培训：a)在年度评估周期内，面向相关行业内企业的培训次数3次及以上（5分）；b)在年度评估周期内，面向相关行业内企业的培训次数2次及以下（3分）；c)在年度评估周期内，未开展面向相关行业内企业的培训（0分）。"
#     en: >-
#       Leader trainings for enterprises of the field held in the cycle. Only trainings
#       dated in the cycle count, each (date, title) once (I-11).
#   interpretations: [I-11]
result := lib.tiered(rego.metadata.rule(), counts, reason, counted.evidence)

warnings := counted.warnings

counted := lib.counted(input.encouraging.trainings, "/encouraging/trainings", lib.counting["/encouraging/trainings"].key)

counts := {"trainings": count(counted.keys)}

# Each distinct training as "date title", in date order.
held := [sprintf("%s %s", [k[0], k[1]]) | some k in sort(counted.keys)]

reason := {
	"zh": sprintf("评估周期内宣贯培训%d次%s", [count(held), quoted.zh]),
	"en": sprintf("trainings in the cycle: %d%s", [count(held), quoted.en]),
}

quoted := {"zh": "", "en": ""} if count(held) == 0

quoted := {"zh": sprintf("（%s）", [n.zh]), "en": sprintf(" (%s)", [n.en])} if {
	count(held) > 0
	n := lib.names(held)
}
