package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var (
	htmlSection = regexp.MustCompile(`<section class="agency" id="r(\d+)"`)
	htmlTotal   = regexp.MustCompile(`<strong class="total-points">(\d+)</strong>`)
)

// TestEvalHTMLOut writes the shipped directory's page with --out, and finds
// in it, in input order, every agency with the total that -o json gives.
func TestEvalHTMLOut(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.html")
	run := forerunner(t, "--lang", "zh", "eval", "-o", "html", "--out", out, validDir).expect(t, 0)
	if run.stdout != "" {
		t.Errorf("stdout not empty with --out: %.200q", run.stdout)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), `<html lang="zh-CN">`) {
		t.Error("the page does not declare zh-CN")
	}
	var results []struct {
		Total struct{ Points int }
	}
	if err := json.Unmarshal([]byte(forerunner(t, "eval", "-o", "json", validDir).expect(t, 0).stdout), &results); err != nil {
		t.Fatal(err)
	}
	sections := htmlSection.FindAllStringSubmatch(string(page), -1)
	totals := htmlTotal.FindAllStringSubmatch(string(page), -1)
	if len(sections) != len(results) || len(totals) != len(results) {
		t.Fatalf("%d sections and %d totals for %d results", len(sections), len(totals), len(results))
	}
	for i, r := range results {
		if sections[i][1] != strconv.Itoa(i+1) || totals[i][1] != strconv.Itoa(r.Total.Points) {
			t.Errorf("section %d: r%s total %s, want r%d total %d", i, sections[i][1], totals[i][1], i+1, r.Total.Points)
		}
	}
	piped := forerunner(t, "--lang", "zh", "eval", "-o", "html", validDir).expect(t, 0)
	if piped.stdout != string(page) {
		t.Error("the page on a redirected stdout differs from the --out file")
	}
}

func TestEvalHTMLRefusals(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "example.yaml")
	data, err := os.ReadFile(filepath.Join(validDir, "example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(input, data, 0o644); err != nil {
		t.Fatal(err)
	}
	run := forerunner(t, "eval", "-o", "html", "--out", input, input).expect(t, 2)
	if !strings.Contains(run.stderr, "not overwritten") {
		t.Errorf("stderr = %q", run.stderr)
	}
	if after, _ := os.ReadFile(input); string(after) != string(data) {
		t.Error("the input was overwritten")
	}
	forerunner(t, "eval", "-o", "html", "--item", "2.3", input).expect(t, 2)
}

// TestEvalHTMLWithAnInvalidInput: the page is written with the valid input
// scored and the invalid one listed as not scored with its diagnostics (as
// every format keeps one entry per input); stderr names it; exit status 1.
func TestEvalHTMLWithAnInvalidInput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.html")
	run := forerunner(t, "eval", "-o", "html", "--out", out, filepath.Join(validDir, "level1.yaml"),
		filepath.Join(invalidDir, "bad-date.yaml")).expect(t, 1)
	if !strings.Contains(run.stderr, "bad-date.yaml") {
		t.Errorf("stderr does not name the invalid file: %q", run.stderr)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("no page written: %v", err)
	}
	if n := len(htmlSection.FindAllString(string(page), -1)); n != 2 {
		t.Errorf("%d sections, want one per input", n)
	}
	for _, want := range []string{"1 scored, 1 not scored", "bad-date.yaml", "E-DATE", "/cycle/end 9:8"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("page lacks %q", want)
		}
	}
}
