package evidence

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/schemas"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// SchemaFile is the name of the evidence schema inside schemas.FS.
const SchemaFile = "evidence.schema.json"

// SchemaJSON returns the embedded evidence JSON Schema.
func SchemaJSON() []byte {
	data, err := schemas.FS.ReadFile(SchemaFile)
	if err != nil {
		panic("evidence schema not embedded: " + err.Error())
	}
	return data
}

var compiled = sync.OnceValues(compileSchema)

func compileSchema() (*jsonschema.Schema, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(SchemaJSON()))
	if err != nil {
		return nil, err
	}
	id, _ := doc.(map[string]any)["$id"].(string)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource(id, doc); err != nil {
		return nil, err
	}
	return c.Compile(id)
}

// Schema returns the compiled evidence schema (compiled once).
func Schema() (*jsonschema.Schema, error) { return compiled() }

func validateSchema(doc *Document, c *collector) {
	sch, err := compiled()
	if err != nil {
		panic("embedded evidence schema does not compile: " + err.Error())
	}
	err = sch.Validate(doc.Value)
	if err == nil {
		return
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		c.addValue(CodeSchema, "", i18n.Tf("无法校验：%v", "cannot validate: %v", err))
		return
	}
	for _, leaf := range leaves(verr) {
		reportViolation(doc, c, leaf)
	}
}

// leaves returns the innermost errors: those that name the actual keyword.
func leaves(e *jsonschema.ValidationError) []*jsonschema.ValidationError {
	if len(e.Causes) == 0 {
		return []*jsonschema.ValidationError{e}
	}
	var out []*jsonschema.ValidationError
	for _, cause := range e.Causes {
		out = append(out, leaves(cause)...)
	}
	return out
}

func instancePointer(tokens []string) string {
	p := ""
	for _, t := range tokens {
		p = pointerAppend(p, t)
	}
	return p
}

func reportViolation(doc *Document, c *collector, e *jsonschema.ValidationError) {
	at := instancePointer(e.InstanceLocation)
	switch k := e.ErrorKind.(type) {
	case *kind.Required:
		for _, name := range k.Missing {
			reportMissing(c, at, name)
		}
	case *kind.AdditionalProperties:
		for _, name := range k.Properties {
			member := pointerAppend(at, name)
			c.addKey(CodeUnknown, member, i18n.Tf("未定义的字段 %s（拼写错误？）", "unknown field %s (misspelt?)", shortQuote(name)))
		}
	case *kind.Type:
		hint := i18n.Text{}
		if slices.Contains(k.Want, "string") && k.Got != "object" && k.Got != "array" {
			hint = i18n.T("；如需文本请加引号", "; quote it if it is text")
		}
		c.addValue(CodeType, at, i18n.Text{
			ZH: fmt.Sprintf("类型错误：应为%s，实为%s%s", typeNames(k.Want, i18n.ZH), typeName(k.Got, i18n.ZH), hint.ZH),
			EN: fmt.Sprintf("wrong type: expected %s, got %s%s", typeNames(k.Want, i18n.EN), typeName(k.Got, i18n.EN), hint.EN)})
	case *kind.Enum:
		c.addValue(CodeEnum, at, i18n.Tf("取值 %s 不在允许范围内：%s", "value %s is not one of: %s",
			quoteValue(k.Got), enumList(k.Want)))
	case *kind.Const:
		code := CodeSchema
		if at == "/schema_version" {
			code = CodeVersion
		}
		c.addValue(code, at, i18n.Tf("取值必须为 %v，实为 %v（本工具只支持证据文档版本 1）",
			"value must be %v, got %v (this tool reads evidence version 1 only)", k.Want, k.Got))
	case *kind.Format:
		c.addValue(CodeDate, at, i18n.Tf("%s 不是有效日期，应为 YYYY-MM-DD 格式的真实日期", "%s is not a valid date: expected a real date as YYYY-MM-DD", quoteValue(k.Got)))
	case *kind.Minimum:
		c.addValue(CodeMinimum, at, i18n.Tf("数值 %s 小于下限 %s", "%s is below the minimum %s",
			k.Got.RatString(), k.Want.RatString()))
	case *kind.Maximum:
		c.addValue(CodeMaximum, at, i18n.Tf("数值 %s 大于上限 %s", "%s is above the maximum %s",
			k.Got.RatString(), k.Want.RatString()))
	case *kind.MinLength:
		c.addValue(CodeEmptyStr, at, i18n.T("文本不能为空", "text must not be empty"))
	case *kind.Pattern:
		if isDateSchema(e.SchemaURL) {
			c.addValue(CodeDateRange, at, i18n.Tf("日期 %s 超出规则可计算的范围：年份须在 1900 至 2199 之间",
				"date %s is outside what the rules compute with: the year must be 1900 to 2199", shortQuote(k.Got)))
			return
		}
		c.addValue(CodePattern, at, i18n.Tf("%s 格式不符（统一社会信用代码为 18 位数字或大写字母）",
			"%s has the wrong shape (a credit code is 18 digits or capital letters)", shortQuote(k.Got)))
	default:
		detail := e.ErrorKind.LocalizedString(message.NewPrinter(language.English))
		c.addValue(CodeSchema, at, i18n.Tf("不符合模式：%s", "schema violation: %s", detail))
	}
}

// isDateSchema tells the date definitions' pattern (the year range) from
// the credit code's.
func isDateSchema(schemaURL string) bool {
	return strings.HasSuffix(schemaURL, "#/$defs/date") || strings.HasSuffix(schemaURL, "#/$defs/optionalDate")
}

// reportMissing locates a missing member at the key of its parent object (the
// line a reader would add it under), or the parent value for the root.
func reportMissing(c *collector, parent, name string) {
	if c.covers(pointerAppend(parent, name)) || !c.room(CodeRequired) {
		return
	}
	c.keepPlacedLater(CodeRequired, pointerAppend(parent, name), i18n.Tf("缺少必填字段 %q（列表和布尔值即使为空也必须填写）",
		"missing required field %q (lists and booleans are required even when empty)", name), parent, true)
}

var typeNamesZH = map[string]string{
	"object": "对象", "array": "列表", "string": "字符串", "integer": "整数", "number": "数值", "boolean": "布尔值", "null": "空值 null",
}

func typeName(t string, lang i18n.Lang) string {
	if lang == i18n.ZH {
		if zh, ok := typeNamesZH[t]; ok {
			return zh
		}
	}
	return t
}

func typeNames(ts []string, lang i18n.Lang) string {
	names := make([]string, len(ts))
	for i, t := range ts {
		names[i] = typeName(t, lang)
	}
	sep := " or "
	if lang == i18n.ZH {
		sep = "或"
	}
	return strings.Join(names, sep)
}

func enumList(want []any) string {
	parts := make([]string, len(want))
	for i, w := range want {
		parts[i] = fmt.Sprint(w)
	}
	return strings.Join(parts, ", ")
}

// quoteValue shows a string value in quotes, so blanks and look-alikes are
// visible, and any other value as is.
func quoteValue(v any) string {
	if s, ok := v.(string); ok {
		return shortQuote(s)
	}
	return fmt.Sprint(v)
}
