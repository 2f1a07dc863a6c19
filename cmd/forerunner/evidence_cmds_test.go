package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// run runs the command line in process and returns what it printed
// (stdout and stderr) and its exit status.
func run(t *testing.T, args ...string) (string, int) {
	t.Helper()
	globals = globalFlags{}
	root := newRootCmd()
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&out)
	code := execute(root, args, &out)
	return out.String(), code
}

func TestValidateAcceptsEveryValidExample(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	out, code := run(t, append([]string{"validate", "--lang", "en"}, files...)...)
	if code != ExitOK || strings.Count(out, ": valid") != len(files) {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestValidateRejectsEveryInvalidFile(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/evidence/invalid/*")
	for _, file := range files {
		out, code := run(t, "validate", "--lang", "en", file)
		if code != ExitInvalid || !strings.Contains(out, ": invalid") {
			t.Errorf("%s: exit %d:\n%s", file, code, out)
		}
	}
}

func TestValidateShowsLineAndCaret(t *testing.T) {
	out, code := run(t, "validate", "--lang", "zh", "../../testdata/evidence/invalid/bad-date.yaml")
	want := "../../testdata/evidence/invalid/bad-date.yaml:9:8: 错误 E-DATE: \"2024-02-30\" 不是有效日期"
	if code != ExitInvalid || !strings.Contains(out, want) ||
		!strings.Contains(out, "    9 |   end: 2024-02-30\n      |        ^\n") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

func TestValidateJSONOutput(t *testing.T) {
	out, code := run(t, "validate", "--output", "json", "../../testdata/evidence/valid/example.yaml",
		"../../testdata/evidence/invalid/wrong-enum.yaml")
	var report evidence.ValidationReport
	if err := json.Unmarshal([]byte(out), &report); err != nil {
		t.Fatalf("%v:\n%s", err, out)
	}
	if code != ExitInvalid || report.Valid || len(report.Documents) != 2 || !report.Documents[0].Valid {
		t.Fatalf("exit %d: %+v", code, report)
	}
	d := report.Documents[1].Diagnostics[0]
	if d.Code != evidence.CodeEnum || d.Pointer != "/core/group_standards/0/role" || d.Line != 28 || d.Message.ZH == "" {
		t.Fatalf("diagnostic %+v", d)
	}
}

func TestValidateFlags(t *testing.T) {
	out, code := run(t, "validate", "--lang", "en", "--max-size", "1KiB", "../../testdata/evidence/valid/example.yaml")
	if code != ExitInvalid || !strings.Contains(out, "E-SIZE") {
		t.Fatalf("--max-size: exit %d:\n%s", code, out)
	}
	if _, code := run(t, "validate", "--output", "xml", "x.yaml"); code != ExitUsage {
		t.Fatalf("--output xml: exit %d", code)
	}
	if _, code := run(t, "validate", "--max-size", "lots", "x.yaml"); code != ExitUsage {
		t.Fatalf("--max-size lots: exit %d", code)
	}
	out, code = run(t, "validate", "--lang", "en", "--max-errors", "1", "../../testdata/evidence/invalid/json-errors.json")
	if code != ExitInvalid || strings.Count(out, "error E-") != 1 || !strings.Contains(out, "W-TOO-MANY") {
		t.Fatalf("--max-errors 1: exit %d:\n%s", code, out)
	}
}

func TestSchemaPrintsTheEmbeddedSchema(t *testing.T) {
	out, code := run(t, "schema")
	if code != ExitOK || out != string(evidence.SchemaJSON()) {
		t.Fatalf("exit %d, %d bytes", code, len(out))
	}
}

func TestInitWritesTemplateAndNeverOverwrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "evidence.yaml")
	if _, code := run(t, "init", "--lang", "zh", path); code != ExitOK {
		t.Fatalf("init: exit %d", code)
	}
	written, _ := os.ReadFile(path)
	if !strings.Contains(string(written), "评估机构年度评价证据") {
		t.Fatalf("not the zh template:\n%s", written)
	}
	os.WriteFile(path, []byte("mine\n"), 0o644)
	if out, code := run(t, "init", "--lang", "en", path); code != ExitUsage || !strings.Contains(out, "already exists") {
		t.Fatalf("second init: exit %d: %s", code, out)
	}
	if kept, _ := os.ReadFile(path); string(kept) != "mine\n" {
		t.Fatal("init overwrote an existing file")
	}
	out, code := run(t, "init", "--lang", "en")
	if code != ExitOK || !strings.HasPrefix(out, "# Evidence of one evaluation agency") {
		t.Fatalf("init to stdout: exit %d", code)
	}
}

// init writes the format the file name asks for, or refuses the name.
func TestInitWritesJSONForJSONNamesAndRefusesOthers(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "x.json")
	if out, code := run(t, "init", path); code != ExitOK {
		t.Fatalf("init x.json: exit %d: %s", code, out)
	}
	written, _ := os.ReadFile(path)
	var v map[string]any
	if err := json.Unmarshal(written, &v); err != nil || v["schema_version"] == nil {
		t.Fatalf("x.json is not the JSON template (%v):\n%s", err, written)
	}
	for lang, want := range map[string]string{"en": "name the file .yaml, .yml, .json or .xlsx", "zh": "请用 .yaml、.yml、.json 或 .xlsx"} {
		other := filepath.Join(dir, "x-"+lang+".txt")
		out, code := run(t, "init", "--lang", lang, other)
		if code != ExitUsage || !strings.Contains(out, want) {
			t.Fatalf("init %s: exit %d: %s", other, code, out)
		}
		if _, err := os.Stat(other); err == nil {
			t.Fatalf("%s written although refused", other)
		}
	}
}
