package evidence

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// fillTemplate replaces the template's placeholders as a user would.
func fillTemplate(tpl []byte) []byte {
	filled := bytes.ReplaceAll(tpl, []byte("YYYY-MM-DD"), []byte("2024-06-30"))
	filled = bytes.ReplaceAll(filled, []byte("year: YYYY"), []byte("year: 2024"))
	return bytes.ReplaceAll(filled, []byte(`""`), []byte(`"甲机构 AG-1"`))
}

func TestTemplateValidatesOnceFilled(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		tpl := Template(lang)
		_, unfilled := Load("template.yaml", tpl, Options{})
		if !unfilled.HasErrors() {
			t.Errorf("%s: the unfilled template validates; it must not be scorable", lang)
		}
		for _, d := range unfilled {
			if d.Code != CodeDate && d.Code != CodeEmptyStr && d.Code != CodeType {
				t.Errorf("%s: unexpected %s at %s in the unfilled template", lang, d.Code, d.Pointer)
			}
		}
		if _, diags := Load("filled.yaml", fillTemplate(tpl), Options{}); len(diags) != 0 {
			t.Errorf("%s: filled template: %+v", lang, diags)
		}
	}
	if bytes.Equal(Template(i18n.ZH), Template(i18n.EN)) {
		t.Fatal("templates must differ by language")
	}
}

// Each commented example entry, uncommented, must fit the schema too.
func TestTemplateExampleEntriesAreValid(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		tpl, uncommented := uncommentEntries(fillTemplate(Template(lang)))
		if uncommented < 10 {
			t.Fatalf("%s: only %d example entries found", lang, uncommented)
		}
		if _, diags := Load("entries.yaml", tpl, Options{}); diags.HasErrors() {
			t.Fatalf("%s: %+v", lang, diags)
		}
	}
}

var emptyListRE = regexp.MustCompile(`^(\s*)(\w+): \[\](\s+#.*)?$`)

// uncommentEntries turns "name: []" followed by commented example lines into
// the list holding that example.
func uncommentEntries(tpl []byte) ([]byte, int) {
	lines := strings.Split(string(tpl), "\n")
	count := 0
	for i := 0; i+1 < len(lines); i++ {
		m := emptyListRE.FindStringSubmatch(lines[i])
		if m == nil || !strings.HasPrefix(lines[i+1], m[1]+"# - ") {
			continue
		}
		lines[i] = m[1] + m[2] + ":"
		count++
		for j := i + 1; j < len(lines) && strings.HasPrefix(lines[j], m[1]+"#"); j++ {
			lines[j] = m[1] + strings.TrimPrefix(strings.TrimPrefix(lines[j], m[1]+"#"), " ")
		}
	}
	return []byte(strings.Join(lines, "\n")), count
}

// The JSON template holds the YAML template's fields in the same order and,
// once filled in the same way, validates.
func TestJSONTemplateMatchesTheYAMLOne(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.ZH, i18n.EN} {
		tpl, err := TemplateJSON(lang)
		if err != nil {
			t.Fatal(err)
		}
		doc, diags := Load("t.json", tpl, Options{})
		if doc == nil || doc.Format != FormatJSON {
			t.Fatalf("%s: not loaded as JSON: %+v", lang, diags)
		}
		if !diags.HasErrors() {
			t.Fatalf("%s: the unfilled JSON template must not validate", lang)
		}
		yamlDoc, _ := Load("t.yaml", Template(lang), Options{})
		if !reflect.DeepEqual(doc.Value, yamlDoc.Value) {
			t.Fatalf("%s: JSON and YAML templates differ", lang)
		}
		filled := strings.NewReplacer(`"YYYY-MM-DD"`, `"2024-06-01"`, `"YYYY"`, `2024`, `""`, `"x"`).Replace(string(tpl))
		if _, diags := Load("f.json", []byte(filled), Options{}); diags.HasErrors() {
			t.Fatalf("%s: filled JSON template: %+v", lang, diags)
		}
	}
}
