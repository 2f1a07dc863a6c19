package policies_test

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The project documents its own criteria and contracts: policies/README.md
// names every clause, veto, misconduct id and interpretation of the bundle,
// and no document points at files users do not have.
func TestDocsAreSelfContained(t *testing.T) {
	readme := readDoc(t, "README.md")
	var config struct {
		Items           map[string]any `json:"items"`
		Vetoes          []struct{ ID string }
		Interpretations map[string]any `json:"interpretations"`
	}
	data, err := os.ReadFile("forerunner/v1/config/data.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &config); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for id := range config.Items {
		ids = append(ids, documentedID(id))
	}
	for _, v := range config.Vetoes {
		ids = append(ids, v.ID)
	}
	for id := range config.Interpretations {
		ids = append(ids, "**"+id+"**")
	}
	for _, id := range append(ids, "M1") {
		if !strings.Contains(readme, id) {
			t.Errorf("policies/README.md does not document %s", id)
		}
	}
	if license := readDoc(t, "../LICENSE"); !strings.Contains(license, "Apache License") ||
		!strings.Contains(license, "Version 2.0, January 2004") || !strings.Contains(license, "END OF TERMS AND CONDITIONS") {
		t.Error("LICENSE is not the full Apache License 2.0")
	}
	outside := regexp.MustCompile(`\]\(\.\./\.\./|/work/|shared/spec`)
	for _, doc := range []string{"README.md", "../schemas/README.md", "../README.md"} {
		if m := outside.FindString(readDoc(t, doc)); m != "" {
			t.Errorf("%s points outside the repository: %q", doc, m)
		}
	}
}

// documentedID is how the criteria tables name an item: "1.6.a" is in the
// row "1.6.a–e".
func documentedID(id string) string {
	if parts := strings.Split(id, "."); len(parts) == 3 {
		return parts[0] + "." + parts[1] + ".a–e"
	}
	return "| " + id + " |"
}

func readDoc(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
