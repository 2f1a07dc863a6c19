# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.enterprise_systems

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.5.b"
#   category: core
#   title:
#     zh: 入围企业建立并运行质量、环境、职业健康安全管理体系
#     en: Listed enterprises operate quality, environmental and OHS management systems
#   clause:
#     zh: "入围企业根据GB/T 19001 、GB/T 24001、 GB/T 45001建立并运行相应质量、环境和职业健康安全管理体系。"
#     en: "Every listed enterprise operates all required management systems."
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_enterprises, failures, noun)

noun := {
	"zh": "入围企业",
	"en": "listed enterprises",
	"criterion": {
		"zh": sprintf("%s均已建立并运行", [concat("、", required)]),
		"en": sprintf("%s all established and operating", [concat(", ", required)]),
	},
}

required := lib.config.items["2.5.b"].systems

# required_set: an enterprise operating all of them is found by one built-in call.
required_set := {s | some s in required}

failures[i] := {
	"zh": sprintf("缺少%s", [concat("、", missing)]),
	"en": sprintf("lacks %s", [concat(", ", missing)]),
	"at": [sprintf("/core/listed_enterprises/%d/management_systems", [i])],
} if {
	some i, e in input.core.listed_enterprises
	not object.subset(e.management_systems, required_set)
	operated := {s | some s in e.management_systems}
	missing := [s | some s in required; not s in operated]
	count(missing) > 0
}
