# METADATA
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
#   clause:
#     zh: "入围企业未列入国家信用信息严重失信主体相关名录。入围企业应向工作机构提供在信用中国（https://www.creditchina.gov.cn/）或国家企业信用信息公示平台（http://sd.gsxt.gov.cn/）下载的完整版企业信用报告（含企业信用记录、市场监督、环境监察情况），报告中涉及的安全、质量、环境、产权、行政处罚情况需明确标注，并提供材料予以解释说明。"
#     en: >-
#       No listed enterprise is seriously dishonest, and each gave a complete, explained
#       credit report.
#   interpretations: [I-4]
result := lib.all_listed(rego.metadata.rule(), lib.listed_enterprises, failures, noun)

noun := {
	"zh": "入围企业",
	"en": "listed enterprises",
	"criterion": {
		"zh": "未列入严重失信主体名单，信用报告完整且逐项说明",
		"en": "not seriously dishonest; complete credit report with every entry explained",
	},
}

failures[i] := lib.why(reasons) if {
	some i, e in input.core.listed_enterprises
	not object.subset(e, all_clear)
	reasons := [problem(name, i) | some name in problems(e)]
	count(reasons) > 0
}

# problems names the checks of texts that e fails: the field at path must have the value.
problems(e) := {name |
	some name, t in texts
	not object.get(e, split(t.path, "/"), null) == t.value
}

texts := {
	"dishonest": {"zh": "列入严重失信主体名单", "en": "on the list of seriously dishonest entities", "path": "serious_dishonesty_listed", "value": false},
	"provided": {"zh": "未提供信用报告", "en": "no credit report provided", "path": "credit_report/provided", "value": true},
	"complete": {"zh": "信用报告不完整", "en": "credit report incomplete", "path": "credit_report/complete", "value": true},
	"explained": {"zh": "信用报告中的安全、质量、环境、知识产权、处罚信息未逐项说明", "en": "credit report entries not all explained", "path": "credit_report/entries_explained", "value": true},
}

# all_clear: every check of texts met (an enterprise meeting them needs no check by check).
all_clear := lib.expected([{"path": split(t.path, "/"), "value": t.value} | some t in texts])

problem(name, i) := {
	"zh": texts[name].zh,
	"en": texts[name].en,
	"at": sprintf("/core/listed_enterprises/%d/%s", [i, texts[name].path]),
}
