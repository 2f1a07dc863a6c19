package workbook

import (
	"encoding/json"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// A change of the evidence schema shows up in the workbook with no Go
// change: a new field is a new column, a new list a new sheet, a list in a
// list's items a child sheet linked by the parent's key.
func TestSchemaChangeFlowsThrough(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(evidence.SchemaJSON(), &schema); err != nil {
		t.Fatal(err)
	}
	core := schema["properties"].(map[string]any)["core"].(map[string]any)["properties"].(map[string]any)
	groupItem := core["group_standards"].(map[string]any)["items"].(map[string]any)
	groupItem["properties"].(map[string]any)["pages"] = map[string]any{
		"description": "页数 / Number of pages", "type": "integer", "minimum": 1}
	groupItem["x-key"] = "id"
	groupItem["properties"].(map[string]any)["drafters"] = map[string]any{
		"title": "起草人 / Drafters", "description": "起草人 / Drafters", "type": "array",
		"items": map[string]any{"type": "object", "properties": map[string]any{
			"name": map[string]any{"title": "姓名 / Name", "description": "姓名 / Name", "type": "string"}}}}
	core["audits"] = map[string]any{"title": "审核 / Audits", "description": "2.9 审核 / 2.9 audits", "type": "array",
		"items": map[string]any{"type": "object", "properties": map[string]any{
			"date": map[string]any{"description": "审核日期 / Audit date", "$ref": "#/$defs/date"}}}}
	changed, _ := json.Marshal(schema)
	l, err := NewLayout(changed)
	if err != nil {
		t.Fatal(err)
	}
	group := l.Sheet("团体标准")
	if c := group.column("pages"); c == nil || c.kind != kindInteger || c.Header.EN != "Number of pages" {
		t.Errorf("the new field is not an integer column: %+v", c)
	}
	drafters := l.Sheet("Drafters")
	if drafters == nil || drafters.Parent != group || !drafters.Columns[0].link || drafters.Columns[0].Field != "group_standards.id" {
		t.Fatalf("the nested list is not a child sheet linked by the standard's id: %+v", drafters)
	}
	audits := l.Sheet("审核")
	if audits == nil || audits.column("date").kind != kindDate || !feeds(audits.clauses, "2.9") {
		t.Errorf("the new list is not a sheet of dates feeding 2.9: %+v", audits)
	}
}
