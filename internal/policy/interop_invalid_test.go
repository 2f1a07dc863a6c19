//go:build unix

package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// checkInvalidEvidence sends every invalid example to the stock OPA server:
// each gets errors and no score. A document whose value forerunner can read
// gets the codes and pointers `forerunner validate` reports. A file-level
// problem (syntax, encoding, YAML features, limits) has no such value; what a
// platform could send instead is tried: the file's text as a string (never
// read as JSON), and a JSON file's bytes as the input member, which OPA either
// refuses or decodes into something the bundle rejects. Only a duplicate key
// survives that decoding unseen (OPA keeps the last value), as the README says.
func checkInvalidEvidence(t *testing.T, base string) {
	files, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "evidence", "invalid", "*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no invalid examples: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			doc, diags := evidence.LoadFile(file, evidence.Options{MaxErrors: -1})
			if !diags.HasErrors() {
				t.Fatal("forerunner accepts an example of invalid evidence")
			}
			codes := validateCodes(diags)
			if !fileLevelOnly(diags) {
				expectRejected(t, base, inputBody(t, doc.Value), codes)
				return
			}
			expectRejected(t, base, inputBody(t, string(doc.Raw)), []string{evidence.CodeType + " "})
			if strings.HasSuffix(file, ".json") {
				checkRawJSON(t, base, doc.Raw, codes)
			}
		})
	}
}

// checkRawJSON posts a JSON file's bytes as they are.
func checkRawJSON(t *testing.T, base string, raw []byte, codes []string) {
	body := slices.Concat([]byte(`{"input": `), raw, []byte("}"))
	status, result := postDecision(t, base+"/v1/data/forerunner/v1/result", body)
	switch {
	case status == http.StatusBadRequest:
		t.Logf("OPA refuses the body: %v", result)
	case slices.Equal(codes, []string{evidence.CodeDupKey + " " + duplicatePointer(codes)}):
		t.Logf("duplicate key: OPA decodes the last value and the bundle cannot see the duplicate (documented)")
	default:
		expectNoScore(t, result)
	}
}

func duplicatePointer(codes []string) string {
	return strings.TrimPrefix(codes[0], evidence.CodeDupKey+" ")
}

// expectRejected posts body to the result and validate decisions: errors
// with the codes and pointers want (the bundle's own E-… codes), no score.
func expectRejected(t *testing.T, base string, body []byte, want []string) {
	t.Helper()
	status, result := postDecision(t, base+"/v1/data/forerunner/v1/result", body)
	if status != http.StatusOK {
		t.Fatalf("opa answered %d: %v", status, result)
	}
	expectNoScore(t, result)
	if got := decisionCodes(result); !slices.Equal(got, want) {
		t.Fatalf("opa reports %q, forerunner validate %q", got, want)
	}
	status, verdict := postDecision(t, base+"/v1/data/forerunner/v1/validate", body)
	if status != http.StatusOK || verdict["valid"] != false || !slices.Equal(decisionCodes(verdict), want) {
		t.Fatalf("validate answered %d: %v", status, verdict)
	}
}

func expectNoScore(t *testing.T, result map[string]any) {
	t.Helper()
	if len(decisionCodes(result)) == 0 {
		t.Fatalf("no errors in %v", result)
	}
	for _, scored := range []string{"items", "categories", "total", "vetoes", "level", "next_level"} {
		if _, ok := result[scored]; ok {
			t.Fatalf("invalid evidence got %q: %v", scored, result[scored])
		}
	}
}

// fileLevelOnly: every error is about the file, none about a value in it.
func fileLevelOnly(diags evidence.Diagnostics) bool {
	for _, d := range diags.Errors() {
		if strings.HasPrefix(d.Code, "E-SCHEMA") || strings.HasPrefix(d.Code, "E-DATE") || d.Code == evidence.CodeCycleOrder ||
			d.Code == evidence.CodeUnknownEnterprise || d.Code == evidence.CodeNotifiedBefore {
			return false
		}
	}
	return true
}

// validateCodes are forerunner's errors as "code pointer", sorted.
func validateCodes(diags evidence.Diagnostics) []string {
	var out []string
	for _, d := range diags.Errors() {
		out = append(out, d.Code+" "+d.Pointer)
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// decisionCodes are a decision's errors as "code pointer", sorted.
func decisionCodes(decision map[string]any) []string {
	list, _ := decision["errors"].([]any)
	var out []string
	for _, e := range list {
		m, _ := e.(map[string]any)
		out = append(out, fmt.Sprintf("%v %v", m["code"], m["at"]))
	}
	sort.Strings(out)
	return out
}

func inputBody(t *testing.T, input any) []byte {
	t.Helper()
	body, err := json.Marshal(map[string]any{"input": input})
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// postDecision posts body to a decision URL and returns the status and the
// decision (or, for an error status, OPA's error document).
func postDecision(t *testing.T, url string, body []byte) (int, map[string]any) {
	t.Helper()
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	answer, _ := decodeJSON(t, raw).(map[string]any)
	if resp.StatusCode != http.StatusOK {
		return resp.StatusCode, answer
	}
	result, ok := answer["result"].(map[string]any)
	if !ok {
		t.Fatalf("opa returned no result object: %s", raw)
	}
	return resp.StatusCode, result
}
