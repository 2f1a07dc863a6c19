package evidence

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

var (
	hanRE   = regexp.MustCompile(`\p{Han}`)
	latinRE = regexp.MustCompile(`[A-Za-z]{2}`)
)

// TestSchemaShape checks the conventions of the schema: every property has a
// "中文 / English" description and every object schema is closed.
func TestSchemaShape(t *testing.T) {
	var schema map[string]any
	if err := json.Unmarshal(SchemaJSON(), &schema); err != nil {
		t.Fatal(err)
	}
	if schema["$schema"] != "https://json-schema.org/draft/2020-12/schema" || schema["$id"] == "" {
		t.Fatalf("draft or $id missing")
	}
	walkSchema(t, "#", schema)
	if _, err := Schema(); err != nil {
		t.Fatal(err)
	}
}

func walkSchema(t *testing.T, at string, node map[string]any) {
	if props, ok := node["properties"].(map[string]any); ok {
		if node["additionalProperties"] != false {
			t.Errorf("%s: object not closed", at)
		}
		for name, p := range props {
			prop := p.(map[string]any)
			desc, _ := prop["description"].(string)
			zh, en, found := strings.Cut(desc, " / ")
			if !found || !hanRE.MatchString(zh) || !latinRE.MatchString(en) {
				t.Errorf("%s/%s: description %q is not \"中文 / English\"", at, name, desc)
			}
			walkSchema(t, at+"/"+name, prop)
		}
	}
	for _, key := range []string{"items", "$defs"} {
		switch child := node[key].(type) {
		case map[string]any:
			if key == "$defs" {
				for name, def := range child {
					walkSchema(t, at+"/$defs/"+name, def.(map[string]any))
				}
			} else {
				walkSchema(t, at+"/items", child)
			}
		}
	}
}

func TestCodesAreUniqueAndDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range Codes {
		if seen[c.Code] {
			t.Errorf("duplicate code %s", c.Code)
		}
		seen[c.Code] = true
		if c.Meaning.ZH == "" || c.Meaning.EN == "" || severityOf(c.Code) != c.Severity {
			t.Errorf("%s: incomplete entry %+v", c.Code, c)
		}
	}
}
