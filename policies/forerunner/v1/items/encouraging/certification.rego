# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.encouraging.certification

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "3.3"
#   category: encouraging
#   title:
#     zh: “领跑者”认证
#     en: Leader certification
#   clause:
#     zh: "“领跑者”认证：a)在国家级认证认可工作主管机构及领跑者管理信息平台注册备案，牵头开展3类及以上产品或服务的“领跑者”自愿性认证项目（5分）；b)在国家级认证认可工作主管机构及领跑者管理信息平台注册备案，牵头开展2类产品或服务并配合开展至少1类产品或服务的“领跑者”自愿性认证项目（3分）；c)在国家级认证认可工作主管机构及领跑者管理信息平台注册备案，牵头开展1类产品或服务并配合开展1类产品或服务的“领跑者”自愿性认证项目（2分）；d)未牵头或配合开展产品或服务得“领跑者”自愿性认证项目（0分）。"
#     en: >-
#       Voluntary leader certification: registered with the national certification and
#       accreditation authority and the leader management platform, then by the
#       product/service categories led and cooperated in. I-7: a led category may stand
#       in for a cooperated one; cooperation alone earns nothing; a category both led
#       and cooperated counts once, as led.
#   interpretations: [I-7, I-11]
result := lib.tiered(rego.metadata.rule(), counts, reason, evidence)

base := "/encouraging/certification"

certification := input.encouraging.certification

led := {c | some c in certification.led_categories}

named_cooperated := {c | some c in certification.cooperated_categories}

cooperated := named_cooperated - led

# Tiers in data require registered = 1, so an unregistered agency falls to the last tier.
counts := {
	"registered": registered,
	"led": count(led),
	"led_and_cooperated": count(led) + count(cooperated),
}

registered := 1 if certification.registered

registered := 0 if not certification.registered

# Unregistered, the registration alone decided; registered, the categories did too.
evidence := [sprintf("%s/registered", [base])] if not certification.registered

evidence := array.concat(
	[sprintf("%s/registered", [base])],
	array.concat(
		[sprintf("%s/led_categories/%d", [base, i]) | some i, _ in certification.led_categories],
		[sprintf("%s/cooperated_categories/%d", [base, i]) | some i, c in certification.cooperated_categories; c in cooperated],
	),
) if {
	certification.registered
}

registration := {"zh": "已在国家级认证认可主管机构及领跑者管理信息平台注册备案", "en": "registered with the certification authority and the leader platform"} if {
	certification.registered
}

registration := {"zh": "未在国家级认证认可主管机构及领跑者管理信息平台注册备案", "en": "not registered with the certification authority and the leader platform"} if {
	not certification.registered
}

both := led & named_cooperated

# I-7 is named in the reason when a category was listed both ways.
overlap := {"zh": "", "en": ""} if count(both) == 0

overlap := {
	"zh": sprintf("；%s同时列为牵头和配合，按牵头计（I-7）", [lib.names(sort(both)).zh]),
	"en": sprintf("; %s listed as both led and cooperated, counted as led (I-7)", [lib.names(sort(both)).en]),
} if {
	count(both) > 0
}

reason := {
	"zh": sprintf("%s；牵头%s，配合%s%s", [registration.zh, kinds(led).zh, kinds(cooperated).zh, overlap.zh]),
	"en": sprintf("%s; categories led: %s, cooperated in: %s%s", [registration.en, kinds(led).en, kinds(cooperated).en, overlap.en]),
}

# kinds gives "2类（电冰箱、洗衣机）" / "2 (…)", or just the count when empty.
kinds(set) := {"zh": sprintf("%d类", [count(set)]), "en": sprintf("%d", [count(set)])} if count(set) == 0

kinds(set) := {"zh": sprintf("%d类（%s）", [count(set), n.zh]), "en": sprintf("%d (%s)", [count(set), n.en])} if {
	count(set) > 0
	n := lib.names(sort(set))
}
