# Evidence validation against the JSON Schema the bundle carries.
#
# Checks the input with json.match_schema against data.forerunner.v1.schemas.evidence,
# unless the patterns derived from it accept the input (plainly_valid); the schema is
# a generated copy of schemas/evidence.schema.json (forerunner policy check --fix
# rewrites it; policy check and the bundle's tests refuse a stale copy). Each schema
# violation becomes a diagnostic {code, at, zh, en} with the E-… code and the JSON
# Pointer that `forerunner validate` reports for it.
package forerunner.v1.validation

# schema: the schema as JSON text (or, in a bundle that carries it so, as an object).
schema := data.forerunner.v1.schemas.evidence

# schema_document: the schema as an object, for the few rules that read it.
schema_document := json.unmarshal(schema) if {
	is_string(schema)
} else := schema

# present: the request carries an input document (false, null and [] included).
present if {
	_ := input
}

schema_errors contains missing if not present

# A string input is never handed to json.match_schema: the built-in would parse it as
# JSON text instead of seeing a string.
schema_errors contains diagnostic({"type": "invalid_type"}, "", {
	"zh": sprintf("类型错误：应为对象，实为%s", [type_zh(type_name(input))]),
	"en": sprintf("wrong type: expected object, got %s", [type_name(input)]),
}) if {
	present
	not is_object(input)
}

schema_errors contains d if {
	some d in violations
	not superseded(d)
}

# superseded: what is no date has no year range to be outside of.
superseded(d) if {
	d.code == "E-DATE-RANGE"
	some other in violations
	other.at == d.at
	other.code == "E-DATE"
}

violations contains diagnostic(e, at, message(e, name, value)) if {
	is_object(input)
	not plainly_valid
	some e in json.match_schema(input, schema)[1]
	[at, path, name] := location(e)
	value := object.get(input, path, null)
}

# plainly_valid: the Rego text of each member of the document matches an expression
# derived from the schema (data.forerunner.v1.schemas.plain_evidence), which accepts only
# what the schema accepts: one scan of the text instead of json.match_schema, which
# converts its input to Go values, to JSON text and back, about a microsecond per value.
# A document they refuse, or a bundle without them, gets json.match_schema and its errors.
plainly_valid if {
	not schema_edited # the expressions are the schema's own
	data.forerunner.v1.schemas.plain_evidence
}

# schema_edited: the schema differs from the one the expressions were derived from: a
# comparison of two strings. (Written as !=, a comparison in Go; "not ==" would be a
# unification, which for two objects walks them by continuations.)
schema_edited if schema != data.forerunner.v1.schemas.pattern_source

schema_edited if not data.forerunner.v1.schemas.pattern_source

# A bundle without its schema copy rejects every document rather than pass it unchecked.
schema_errors contains {
	"code": "E-SCHEMA",
	"at": "",
	"zh": "策略包缺少证据模式 data.forerunner.v1.schemas.evidence，无法校验（运行 forerunner policy check --fix）",
	"en": "the bundle lacks the evidence schema data.forerunner.v1.schemas.evidence and cannot validate (run forerunner policy check --fix)",
} if {
	present
	not schema
}

missing := {
	"code": "E-EMPTY",
	"at": "",
	"zh": "没有证据文档：请求中没有 input",
	"en": "no evidence document: the request has no input",
}

# codes maps json.match_schema's error types to forerunner's diagnostic codes.
codes := {
	"required": "E-SCHEMA-REQUIRED",
	"additional_property_not_allowed": "E-SCHEMA-UNKNOWN",
	"invalid_type": "E-SCHEMA-TYPE",
	"enum": "E-SCHEMA-ENUM",
	"format": "E-DATE",
	"number_gte": "E-SCHEMA-MINIMUM",
	"number_lte": "E-SCHEMA-MAXIMUM",
	"string_gte": "E-SCHEMA-EMPTY",
	"pattern": "E-SCHEMA-PATTERN",
}

diagnostic(e, at, message) := object.union(message, {"code": code(e, at), "at": at})

# code: a const violation at /schema_version is the version check; the dates'
# pattern is their year range.
code(e, at) := "E-SCHEMA-VERSION" if {
	e.type == "const"
	at == "/schema_version"
} else := "E-DATE-RANGE" if {
	date_range(e)
} else := object.get(codes, e.type, "E-SCHEMA")

date_range(e) if {
	e.type == "pattern"
	e.desc == sprintf("Does not match pattern '%s'", [schema_document["$defs"].date.pattern])
}

# location: [JSON Pointer, path for object.get, member name] of an error. "field" is
# the dotted path of the value (or "(Root)"); a missing or unknown member is named in
# the description and lies one level below it. The schema closes every object, so the
# dotted path holds only schema-defined names and array indices.
location(e) := [concat("", [pointer(path), "/", escape(name)]), array.concat(path, [name]), name] if {
	name := member(e)
	path := segments(e.field)
} else := [pointer(path), path, ""] if {
	path := segments(e.field)
}

member(e) := trim_suffix(e.desc, " is required") if e.type == "required"

member(e) := trim_suffix(trim_prefix(e.desc, "Additional property "), " is not allowed") if {
	e.type == "additional_property_not_allowed"
}

segments("(Root)") := []

segments(field) := [index_or_name(s) | some s in split(field, ".")] if field != "(Root)"

index_or_name(s) := to_number(s) if regex.match(`^[0-9]+$`, s)

index_or_name(s) := s if not regex.match(`^[0-9]+$`, s)

pointer(path) := concat("", [concat("", ["/", escape(format_int_or_string(s))]) | some s in path])

format_int_or_string(s) := sprintf("%d", [s]) if is_number(s)

format_int_or_string(s) := s if is_string(s)

escape(s) := strings.replace_n({"~": "~0", "/": "~1"}, s)

# message: the violation in words, or OPA's own description when no wording of ours
# fits: a violation is never dropped for want of a message.
message(e, name, value) := m if {
	m := violation_message(e, name, value)
} else := {
	"zh": sprintf("不符合模式：%s", [e.desc]),
	"en": sprintf("schema violation: %s", [e.desc]),
}

violation_message(e, name, _) := {
	"zh": sprintf("缺少必填字段 %s（列表和布尔值即使为空也必须填写）", [json.marshal(name)]),
	"en": sprintf("missing required field %s (lists and booleans are required even when empty)", [json.marshal(name)]),
} if e.type == "required"

violation_message(e, name, _) := {
	"zh": sprintf("未定义的字段 %s（拼写错误？）", [json.marshal(name)]),
	"en": sprintf("unknown field %s (misspelt?)", [json.marshal(name)]),
} if e.type == "additional_property_not_allowed"

violation_message(e, _, value) := {
	"zh": sprintf("类型错误：应为%s，实为%s%s", [concat("或", [type_zh(t) | some t in want]), type_zh(type_name(value)), hint.zh]),
	"en": sprintf("wrong type: expected %s, got %s%s", [concat(" or ", want), type_name(value), hint.en]),
} if {
	e.type == "invalid_type"
	want := regex.split(`[,/]`, regex.find_all_string_submatch_n(`Expected: \[?([a-z,/]+)\]?, given`, e.desc, 1)[0][1])
	hint := quote_hint(want, value)
}

violation_message(e, _, value) := {
	"zh": sprintf("取值 %s 不在允许范围内：%s", [json.marshal(value), allowed(e.desc)]),
	"en": sprintf("value %s is not one of: %s", [json.marshal(value), allowed(e.desc)]),
} if e.type == "enum"

violation_message(e, _, value) := {
	"zh": sprintf("取值必须为 %s，实为 %s（本工具只支持证据文档版本 1）", [allowed(e.desc), json.marshal(value)]),
	"en": sprintf("value must be %s, got %s (this tool reads evidence version 1 only)", [allowed(e.desc), json.marshal(value)]),
} if e.type == "const"

violation_message(e, _, value) := {
	"zh": sprintf("%s 不是有效日期，应为 YYYY-MM-DD 格式的真实日期", [json.marshal(value)]),
	"en": sprintf("%s is not a valid date: expected a real date as YYYY-MM-DD", [json.marshal(value)]),
} if e.type == "format"

violation_message(e, _, value) := {
	"zh": sprintf("数值 %s 小于下限 %s", [json.marshal(value), bound(e.desc)]),
	"en": sprintf("%s is below the minimum %s", [json.marshal(value), bound(e.desc)]),
} if e.type == "number_gte"

violation_message(e, _, value) := {
	"zh": sprintf("数值 %s 大于上限 %s", [json.marshal(value), bound(e.desc)]),
	"en": sprintf("%s is above the maximum %s", [json.marshal(value), bound(e.desc)]),
} if e.type == "number_lte"

violation_message(e, _, _) := {"zh": "文本不能为空", "en": "text must not be empty"} if e.type == "string_gte"

violation_message(e, _, value) := {
	"zh": sprintf("日期 %s 超出规则可计算的范围：年份须在 1900 至 2199 之间", [json.marshal(value)]),
	"en": sprintf("date %s is outside what the rules compute with: the year must be 1900 to 2199", [json.marshal(value)]),
} if date_range(e)

violation_message(e, _, value) := {
	"zh": sprintf("%s 格式不符（统一社会信用代码为 18 位数字或大写字母）", [json.marshal(value)]),
	"en": sprintf("%s has the wrong shape (a credit code is 18 digits or capital letters)", [json.marshal(value)]),
} if {
	e.type == "pattern"
	not date_range(e)
}

# allowed: the values listed after the last ": " of an enum or const description.
allowed(desc) := replace(parts[count(parts) - 1], `"`, "") if {
	parts := split(desc, ": ")
}

# bound: the number that ends a minimum or maximum description.
bound(desc) := parts[count(parts) - 1] if {
	parts := split(desc, " ")
}

quote_hint(want, value) := {"zh": "；如需文本请加引号", "en": "; quote it if it is text"} if {
	"string" in want
	not type_name(value) in {"object", "array"}
} else := {"zh": "", "en": ""}

type_name(v) := "integer" if {
	is_number(v)
	v == floor(v)
} else := "number" if {
	is_number(v)
} else := "string" if {
	is_string(v)
} else := "boolean" if {
	is_boolean(v)
} else := "array" if {
	is_array(v)
} else := "object" if {
	is_object(v)
} else := "null"

type_zh(t) := object.get(
	{"object": "对象", "array": "列表", "string": "字符串", "integer": "整数", "number": "数值", "boolean": "布尔值", "null": "空值 null"},
	t, t,
)
