# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.vetoes.no_publication

import data.forerunner.v1.items.core.publications
import data.forerunner.v1.lib

# METADATA
# custom:
#   id: V2
#   clause:
#     zh: "连续两年没有发布企业标准排行榜和“领跑者”名单的。"
#     en: >-
#       Fires when neither a ranking nor a leader list was published in this cycle and
#       neither in the previous cycle (I-3); when the previous cycle is unknown, V2 does
#       not fire and a warning says so.
#   interpretations: [I-3]
result := lib.veto(rego.metadata.rule(), fired, why)

default fired := false

fired if {
	none_this_cycle
	previous.rankings + previous.leader_lists == 0
}

# why it fired: given only when it did.
why contains {
	"reason": {
		"zh": sprintf("本周期（%v）与上一周期均未发布排行榜和“领跑者”名单（本周期排行榜%d项、名单%d项；上一周期排行榜%d项、名单%d项）", [input.cycle.year, this.rankings, this.leader_lists, previous.rankings, previous.leader_lists]),
		"en": sprintf("no ranking and no leader list published in this cycle (%v) nor in the previous one (this cycle: %d rankings, %d leader lists; previous: %d rankings, %d leader lists)", [input.cycle.year, this.rankings, this.leader_lists, previous.rankings, previous.leader_lists]),
	},
	"evidence": ["/core/publications", "/previous_cycle"],
} if fired

this := publications.counts

previous := input.previous_cycle

none_this_cycle if this.rankings + this.leader_lists == 0

warnings contains {
	"zh": "本周期未发布排行榜和“领跑者”名单，但证据未给出上一周期（previous_cycle）的发布情况，否决项V2无法判定，按未触发处理（I-3）",
	"en": "nothing was published in this cycle, but the evidence lacks previous_cycle: veto V2 cannot be decided and is taken as not fired (I-3)",
	"at": "/previous_cycle",
} if {
	none_this_cycle
	not input.previous_cycle
}
