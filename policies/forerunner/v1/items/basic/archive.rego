# METADATA
# schemas:
#   - input: schema.evidence
package forerunner.v1.items.basic.archive

import data.forerunner.v1.lib

# METADATA
# custom:
#   id: "1.4"
#   category: basic
#   title:
#     zh: 及时归档，保管期限不少于3年
#     en: Files archived and kept at least 3 years
#   clause:
#     zh: "评估机构及时归档并妥善保管评估工作相关的文件材料，保管期限应不少于3年。"
#     en: >-
#       Evaluation files archived, with a retention period of at least the configured
#       years.
result := lib.binary(rego.metadata.rule(), passed, reason, ["/basic/archive"])

archive := input.basic.archive

least := lib.config.items["1.4"].retention_years

default passed := false

passed if {
	archive.archived
	archive.retention_years >= least
}

reason := {
	"zh": sprintf("已归档，保管期限%d年（不少于%d年）", [archive.retention_years, least]),
	"en": sprintf("archived, retention %d years (at least %d required)", [archive.retention_years, least]),
} if {
	passed
}

reason := {
	"zh": sprintf("未及时归档（保管期限%d年）", [archive.retention_years]),
	"en": sprintf("files not archived in time (retention %d years)", [archive.retention_years]),
} if {
	not archive.archived
}

reason := {
	"zh": sprintf("已归档，但保管期限%d年，少于%d年", [archive.retention_years, least]),
	"en": sprintf("archived, but retention %d years is less than %d", [archive.retention_years, least]),
} if {
	archive.archived
	archive.retention_years < least
}
