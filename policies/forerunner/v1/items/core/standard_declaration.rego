# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.core.standard_declaration

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "2.6.b"
#   category: core
#   title:
#     zh: 入围标准提前一个月在企业标准信息公共服务平台自我声明公开
#     en: Listed standards publicly declared a month before listing
#   clause:
#     zh: "入围标准在企业标准信息公共服务平台（https://www.qybz.org.cn）上声明公开并且自我公开声明时间距离入围领跑者名单时间应不得少于1个月。"
#     en: >-
#       Every listed standard was publicly declared at least one calendar month before
#       it was listed.
#   interpretations: [I-4, I-5]
result := lib.all_listed(rego.metadata.rule(), lib.listed_standards, failures, noun)

noun := {
	"zh": "入围标准",
	"en": "listed standards",
	"criterion": {
		"zh": sprintf("列入榜单前至少%d个日历月自我声明公开（I-5）", [lead_months]),
		"en": sprintf("declared at least %d calendar month(s) before listing (I-5)", [lead_months]),
	},
}

lead_months := lib.config.items["2.6.b"].lead_months

failures[i] := {
	"zh": "未自我声明公开",
	"en": "never publicly declared",
	"at": [sprintf("/core/listed_standards/%d/declared_on", [i])],
} if {
	some i, s in input.core.listed_standards
	not is_string(s.declared_on)
}

failures[i] := {
	"zh": sprintf("%s声明、%s列入榜单，间隔不足%d个月（%s起方可列入，I-5）", [s.declared_on, s.listed_on, lead_months, earliest]),
	"en": sprintf("declared %s, listed %s: less than %d calendar month(s) apart (listable from %s, I-5)", [s.declared_on, s.listed_on, lead_months, earliest]),
	"at": [sprintf("/core/listed_standards/%d/declared_on", [i]), sprintf("/core/listed_standards/%d/listed_on", [i])],
} if {
	some i, s in input.core.listed_standards
	is_string(s.declared_on)
	earliest := lib.add_months(s.declared_on, lead_months)
	earliest > s.listed_on
}
