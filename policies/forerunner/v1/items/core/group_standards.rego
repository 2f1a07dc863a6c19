# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.group_standards

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.3"
#   category: core
#   title:
#     zh: “领跑者”团标制修订
#     en: Leader group standards drafted or revised
#   clause:
#     zh: "“领跑者”团标制修订：a)在年度评估周期内，牵头制修订“领跑者’团标3项及以上（10分）；b)在年度评估周期内，牵头制修订“领跑者’团标2项及以下（7分）；c)在年度评估周期内，未牵头制修订“领跑者’团标但参与制修订“领跑者’团标1项及以上（3分）；d)在年度评估周期内，未牵头或参与制修订“领跑者’团标（0分）。"
#     en: "Leader group standards drafted or revised in the cycle, led or taken part in."
#   interpretations: [I-11]
result := lib.tiered(rego.metadata.rule(), counts, reason, counted.evidence)

warnings := counted.warnings

counts := {"led": count(led), "participated": count(participated)}

counted := lib.counted(input.core.group_standards, "/core/group_standards", lib.counting["/core/group_standards"].key)

led := {s.id |
	some i in counted.indexes
	s := input.core.group_standards[i]
	s.role == "lead"
}

# A standard named with both roles counts once, as led (I-11).
participated := {s.id |
	some i in counted.indexes
	s := input.core.group_standards[i]
	s.role == "participant"
} - led

reason := {
	"zh": sprintf("评估周期内牵头制修订%s，参与制修订%s", [lib.listing(sort(led)).zh, lib.listing(sort(participated)).zh]),
	"en": sprintf("group standards drafted or revised in the cycle: led %s, took part in %s", [lib.listing(sort(led)).en, lib.listing(sort(participated)).en]),
}
