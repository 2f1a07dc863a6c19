# METADATA
# title: Evidence validation inside the bundle
# description: |
#   A stock OPA gets no validation from a host: the decisions validate their input
#   themselves. input_errors are the schema violations and the broken rules that
#   `forerunner validate` reports, with the same E-… codes and JSON Pointers (it adds
#   line:column). data.forerunner.v1.result answers `rejected` for invalid input,
#   before any item is evaluated; data.forerunner.v1.validate answers only the check.
package forerunner.v1.validation

input_errors := schema_errors | semantic_errors

valid := count(input_errors) == 0

# rejected: the result contract's error form. agency and cycle appear where the schema
# found nothing wrong in them; nothing is scored, so there are no items, totals, level
# or warnings.
rejected := object.union(readable, {
	"schema_version": 1,
	"errors": sort(input_errors),
	"warnings": [],
})

readable[name] := input[name] if {
	some name in {"agency", "cycle"}
	is_object(input[name])
	not flawed(name)
}

flawed(name) if {
	some at in flagged
	prefix := concat("", ["/", name])
	at == prefix
}

flawed(name) if {
	some at in flagged
	startswith(at, concat("", ["/", name, "/"]))
}
