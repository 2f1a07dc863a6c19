# METADATA
# description: 2.5.c — no listed enterprise is seriously dishonest, and each gave a complete, explained credit report.
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.enterprise_credit

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.5.c"
#   category: core
#   title:
#     zh: 入围企业未列入严重失信主体名单且信用报告完整
#     en: Listed enterprises not seriously dishonest, with a complete credit report
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.enterprise_labels, "/core/listed_enterprises", failures, noun)

noun := {"zh": "入围企业", "en": "listed enterprises"}

failures[i] := lib.why(reasons) if {
	some i, e in input.core.listed_enterprises
	reasons := [problem(name, i) | some name, check in checks; not object.get(e, check.path, false) == check.want]
	count(reasons) > 0
}

checks := {
	"dishonest": {"path": ["serious_dishonesty_listed"], "want": false, "zh": "列入严重失信主体名单", "en": "on the list of seriously dishonest entities"},
	"provided": {"path": ["credit_report", "provided"], "want": true, "zh": "未提供信用报告", "en": "no credit report provided"},
	"complete": {"path": ["credit_report", "complete"], "want": true, "zh": "信用报告不完整", "en": "credit report incomplete"},
	"explained": {"path": ["credit_report", "entries_explained"], "want": true, "zh": "信用报告中的安全、质量、环境、知识产权、处罚信息未逐项说明", "en": "credit report entries not all explained"},
}

problem(name, i) := {
	"zh": checks[name].zh,
	"en": checks[name].en,
	"at": sprintf("/core/listed_enterprises/%d/%s", [i, concat("/", checks[name].path)]),
}
