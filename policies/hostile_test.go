package policies_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/open-policy-agent/opa/v1/ast"
)

var examplePath = filepath.Join("..", "testdata", "evidence", "valid", "example.yaml")

// decideSource validates src as the host does and evaluates it.
func decideSource(t *testing.T, name string, src []byte) map[string]any {
	t.Helper()
	doc, diags := evidence.Load(name, src, evidence.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s: invalid evidence: %+v", name, diags.Errors())
	}
	v, err := ast.InterfaceToValue(doc.Value)
	if err != nil {
		t.Fatal(err)
	}
	return decide(t, prepare(t, readBundle(t)), v)
}

func itemReason(t *testing.T, d map[string]any, id string) string {
	t.Helper()
	for _, it := range d["items"].([]any) {
		item := it.(map[string]any)
		if item["id"] == id {
			return item["reason"].(map[string]any)["en"].(string)
		}
	}
	t.Fatalf("no item %s", id)
	return ""
}

// Attack 7: retention_years: 3.0 scored with the reason "%!d(float64=3)" and
// year: 2024.0 passed validate then failed eval. An integer written as a
// decimal is now that integer in what the policy sees, YAML and JSON alike.
func TestIntegralDecimalsScoreAsIntegers(t *testing.T) {
	example, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, written := range []string{"3.0", "3e0", "30e-1"} {
		src := strings.Replace(string(example), "retention_years: 3", "retention_years: "+written, 1)
		src = strings.Replace(src, "year: 2024", "year: 2024.0", 1)
		yamlDecision := decideSource(t, "x.yaml", []byte(src))
		doc, _ := evidence.Load("x.yaml", []byte(src), evidence.Options{})
		asJSON, _ := json.Marshal(doc.Value)
		for format, d := range map[string]map[string]any{"yaml": yamlDecision, "json": decideSource(t, "x.json", asJSON)} {
			reason := itemReason(t, d, "1.4")
			if strings.Contains(reason, "%!") || !strings.Contains(reason, "retention 3 years") {
				t.Errorf("%s %s: reason %q", format, written, reason)
			}
			if year := d["cycle"].(map[string]any)["year"]; year != float64(2024) {
				t.Errorf("%s: cycle.year %v", format, year)
			}
		}
	}
}

var isoDate = regexp.MustCompile(`\b\d{4}-\d{2}-\d{2}\b`)

// Attacks 6 and 14: the schema bounds dates to the years the rules compute
// with; both ends of that range evaluate without a raw OPA error (a
// time.parse_ns range error or a 5-digit year from add_months would fail
// decide).
func TestEveryAcceptedYearIsComputable(t *testing.T) {
	example, err := os.ReadFile(examplePath)
	if err != nil {
		t.Fatal(err)
	}
	for _, date := range []string{"1900-01-01", "2199-12-31"} {
		src := isoDate.ReplaceAll(example, []byte(date))
		d := decideSource(t, date+".yaml", src)
		for _, e := range asList(d["errors"]) {
			if code := e.(map[string]any)["code"]; code != "E-CALENDAR-YEAR" {
				t.Errorf("%s: unexpected policy error %v", date, e)
			}
		}
	}
}

func asList(v any) []any {
	list, _ := v.([]any)
	return list
}
