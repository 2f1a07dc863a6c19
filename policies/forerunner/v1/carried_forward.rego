package forerunner.v1

import data.forerunner.v1.items.core.publications

# METADATA
# title: What a document tells the evaluation of the agency's next cycle
# description: |
#   A batch holding the same agency's documents for two consecutive cycles evaluates
#   this for the earlier one and sets each of its fields on the later one's input, in
#   place of a declaration there (a declaration that disagrees is an error naming both
#   files). Veto V2 reads previous_cycle (I-3). The host knows no field of it.
carried_forward := {"previous_cycle": {
	"rankings": publications.counts.rankings,
	"leader_lists": publications.counts.leader_lists,
}}
