package evidence

import "github.com/forerunner-project/forerunner/internal/i18n"

// Diagnostic codes. They are stable: tools and the README rely on them. E-*
// codes are errors (the document is not scored), W-* codes are warnings.
const (
	// Reading and parsing.
	CodeRead     = "E-READ"       // the file could not be read
	CodeSize     = "E-SIZE"       // the source exceeds the size limit
	CodeEmpty    = "E-EMPTY"      // the source holds no document
	CodeUTF8     = "E-UTF8"       // the source is not valid UTF-8
	CodeYAML     = "E-PARSE-YAML" // YAML syntax error
	CodeJSON     = "E-PARSE-JSON" // JSON syntax error
	CodeTrailing = "E-TRAILING"   // content after the document
	CodeDupKey   = "E-DUPKEY"     // a key appears twice in one object
	CodeKeyType  = "E-KEY-TYPE"   // an object key is not a string
	CodeDepth    = "E-DEPTH"      // nesting deeper than MaxDepth
	CodeAlias    = "E-ALIAS"      // YAML aliases expand beyond MaxAliasExpansion
	CodeYAMLTag  = "E-YAML-TAG"   // an unsupported YAML tag or merge key
	CodeNumber   = "E-NUMBER"     // a number JSON cannot represent (.inf, .nan)

	// Workbooks (.xlsx).
	CodeXLSX           = "E-XLSX"               // not a readable workbook
	CodeXLSXSheet      = "E-XLSX-SHEET"         // a sheet the evidence workbook does not have
	CodeXLSXNoSheet    = "E-XLSX-NO-SHEET"      // a sheet of the evidence workbook is missing
	CodeXLSXColumn     = "E-XLSX-COLUMN"        // a column with an unknown or missing field name
	CodeXLSXMerged     = "E-XLSX-MERGED"        // merged cells
	CodeXLSXFormula    = "E-XLSX-FORMULA"       // a formula without a cached value
	CodeXLSXDateText   = "E-XLSX-DATE-TEXT"     // a date stored as text
	CodeXLSXNumberText = "E-XLSX-NUMBER-TEXT"   // a number stored as text
	CodeXLSXKey        = "E-XLSX-KEY"           // a child row without its parent's key
	CodeXLSXParent     = "E-XLSX-PARENT"        // a child row whose key names no parent row
	CodeXLSXAmbiguous  = "E-XLSX-KEY-AMBIGUOUS" // a child row whose key names several parent rows

	// JSON Schema.
	CodeType      = "E-SCHEMA-TYPE"     // wrong type
	CodeRequired  = "E-SCHEMA-REQUIRED" // a required field is missing
	CodeUnknown   = "E-SCHEMA-UNKNOWN"  // a field the schema does not define
	CodeEnum      = "E-SCHEMA-ENUM"     // a value outside its closed set
	CodeVersion   = "E-SCHEMA-VERSION"  // schema_version is not 1
	CodeMinimum   = "E-SCHEMA-MINIMUM"  // a number below its minimum (negative count)
	CodeMaximum   = "E-SCHEMA-MAXIMUM"  // a number above its maximum
	CodeEmptyStr  = "E-SCHEMA-EMPTY"    // an empty string where text is required
	CodePattern   = "E-SCHEMA-PATTERN"  // a string of the wrong shape (credit code)
	CodeDate      = "E-DATE"            // not a valid YYYY-MM-DD date
	CodeDateRange = "E-DATE-RANGE"      // a date whose year is outside 1900–2199
	CodeSchema    = "E-SCHEMA"          // any other schema violation

	// Rules the schema cannot express.
	CodeCycleOrder        = "E-CYCLE-ORDER"        // cycle.end before cycle.start
	CodeUnknownEnterprise = "E-UNKNOWN-ENTERPRISE" // a listed standard's enterprise is not listed
	CodeNotifiedBefore    = "E-NOTIFIED-BEFORE"    // notified_on before occurred_on

	// Reported by the bundle, which holds the holiday calendar: by the scoring
	// decision (forerunner eval, which then scores nothing) and by its validate
	// decision, never by the Go validation.
	CodeCalendarYear = "E-CALENDAR-YEAR" // a working-day count needs a year the calendar lacks

	// Warnings.
	CodeDuplicateID  = "W-DUPLICATE-ID"  // an identifier listed twice; counted once
	CodeOutsideCycle = "W-OUTSIDE-CYCLE" // dated outside the cycle; ignored where only the cycle counts
	CodeTooMany      = "W-TOO-MANY"      // more diagnostics than the cap; the rest are not shown
)

// CodeInfo documents one diagnostic code.
type CodeInfo struct {
	Code     string    `json:"code"`
	Severity Severity  `json:"severity"`
	Meaning  i18n.Text `json:"meaning"`
}

// Codes lists every diagnostic code with its meaning, in documentation order.
var Codes = []CodeInfo{
	{CodeRead, SeverityError, i18n.T("无法读取文件", "the file could not be read")},
	{CodeSize, SeverityError, i18n.T("文件超过大小上限（默认 16 MiB，可用 --max-size 调整），未解析", "the file exceeds the size limit (16 MiB by default, see --max-size) and is not parsed")},
	{CodeEmpty, SeverityError, i18n.T("文件中没有文档", "the file holds no document")},
	{CodeUTF8, SeverityError, i18n.T("文件不是有效的 UTF-8 编码", "the file is not valid UTF-8")},
	{CodeYAML, SeverityError, i18n.T("YAML 语法错误", "YAML syntax error")},
	{CodeJSON, SeverityError, i18n.T("JSON 语法错误", "JSON syntax error")},
	{CodeTrailing, SeverityError, i18n.T("文档之后还有内容（JSON 尾部多余内容或多个 YAML 文档）", "content after the document (trailing JSON data or a second YAML document)")},
	{CodeDupKey, SeverityError, i18n.T("同一对象中的键重复", "a key appears twice in the same object")},
	{CodeKeyType, SeverityError, i18n.T("对象的键不是字符串", "an object key is not a string")},
	{CodeDepth, SeverityError, i18n.T("嵌套层数超过上限", "nesting deeper than the limit")},
	{CodeAlias, SeverityError, i18n.T("YAML 别名展开过多（别名炸弹）", "YAML aliases expand too much (alias bomb)")},
	{CodeYAMLTag, SeverityError, i18n.T("不支持的 YAML 标签或合并键（<<）", "unsupported YAML tag or merge key (<<)")},
	{CodeNumber, SeverityError, i18n.T("数值无法用 JSON 表示（如 .inf、.nan）", "a number JSON cannot represent (such as .inf, .nan)")},
	{CodeXLSX, SeverityError, i18n.T("不是可读取的 .xlsx 工作簿", "not a readable .xlsx workbook")},
	{CodeXLSXSheet, SeverityError, i18n.T("工作簿中有证据工作簿没有的工作表（新增或改名）", "a sheet the evidence workbook does not have (added or renamed)")},
	{CodeXLSXNoSheet, SeverityError, i18n.T("缺少证据工作簿的某张工作表", "a sheet of the evidence workbook is missing")},
	{CodeXLSXColumn, SeverityError, i18n.T("列的字段名（隐藏的第 2 行）未知或缺失", "a column whose field name (hidden row 2) is unknown or missing")},
	{CodeXLSXMerged, SeverityError, i18n.T("合并了单元格", "merged cells")},
	{CodeXLSXFormula, SeverityError, i18n.T("公式没有缓存值（请在电子表格软件中计算并保存）", "a formula without a cached value (calculate and save it in a spreadsheet program)")},
	{CodeXLSXDateText, SeverityError, i18n.T("日期以文本形式保存", "a date stored as text")},
	{CodeXLSXNumberText, SeverityError, i18n.T("数字以文本形式保存", "a number stored as text")},
	{CodeXLSXKey, SeverityError, i18n.T("子表的行缺少上级表的键", "a child row without its parent's key")},
	{CodeXLSXParent, SeverityError, i18n.T("子表的行链接到不存在的上级行", "a child row linked to a parent row that does not exist")},
	{CodeXLSXAmbiguous, SeverityError, i18n.T("子表的行链接到多个键相同的上级行", "a child row whose key is shared by several parent rows")},
	{CodeType, SeverityError, i18n.T("类型错误", "wrong type")},
	{CodeRequired, SeverityError, i18n.T("缺少必填字段（列表和布尔值即使为空也必须填写）", "a required field is missing (lists and booleans are required even when empty)")},
	{CodeUnknown, SeverityError, i18n.T("未定义的字段（可能拼写错误）", "a field the schema does not define (perhaps misspelt)")},
	{CodeEnum, SeverityError, i18n.T("取值不在允许的范围内", "a value outside its allowed set")},
	{CodeVersion, SeverityError, i18n.T("schema_version 必须为 1", "schema_version must be 1")},
	{CodeMinimum, SeverityError, i18n.T("数值小于下限（如计数为负）", "a number below its minimum (such as a negative count)")},
	{CodeMaximum, SeverityError, i18n.T("数值大于上限", "a number above its maximum")},
	{CodeEmptyStr, SeverityError, i18n.T("文本不能为空", "text must not be empty")},
	{CodePattern, SeverityError, i18n.T("格式不符（如统一社会信用代码不是 18 位）", "a string of the wrong shape (such as a credit code that is not 18 characters)")},
	{CodeDate, SeverityError, i18n.T("不是有效的 YYYY-MM-DD 日期", "not a valid YYYY-MM-DD date")},
	{CodeDateRange, SeverityError, i18n.T("日期的年份不在 1900–2199（规则可计算的范围）", "a date whose year is outside 1900–2199 (the range the rules compute with)")},
	{CodeSchema, SeverityError, i18n.T("其他不符合模式的情况", "another schema violation")},
	{CodeCycleOrder, SeverityError, i18n.T("cycle.end 早于 cycle.start", "cycle.end is before cycle.start")},
	{CodeUnknownEnterprise, SeverityError, i18n.T("入围标准的 enterprise 不是任何入围企业的 credit_code", "a listed standard's enterprise is not the credit_code of a listed enterprise")},
	{CodeNotifiedBefore, SeverityError, i18n.T("notified_on 早于 occurred_on", "notified_on is before occurred_on")},
	{CodeCalendarYear, SeverityError, i18n.T("计算工作日需要节假日日历缺少的年份（I-6）：由策略包报告（eval 不予评分；validate 决策），forerunner validate 不检查", "a working-day count needs a year the holiday calendar lacks (I-6): reported by the bundle (eval scores nothing; the validate decision), not by forerunner validate")},
	{CodeDuplicateID, SeverityWarning, i18n.T("标识重复，只计一次", "an identifier is listed twice; it counts once")},
	{CodeOutsideCycle, SeverityWarning, i18n.T("日期不在评估周期内，该条不计入", "dated outside the cycle; the entry does not count")},
	{CodeTooMany, SeverityWarning, i18n.T("问题数量超过上限（--max-errors），其余未显示", "more problems than the cap (--max-errors); the rest are not shown")},
}
