# METADATA
# title: The validation decision (data.forerunner.v1.validate)
# description: |
#   Only the check, for a platform that validates evidence before it stores or scores
#   it: {"valid": bool, "errors": [{code, at, zh, en}]}. errors are the evidence's
#   violations (schema and rules, E-… codes as `forerunner validate` reports them);
#   for valid evidence, the reasons the policy could not score it (a working-day count
#   needs a year the holiday calendar lacks, I-6). No item is scored.
package forerunner.v1.validate

import data.forerunner.v1.validation

errors := sort(validation.input_errors) if {
	not validation.valid
} else := data.forerunner.v1.errors

valid := count(errors) == 0
