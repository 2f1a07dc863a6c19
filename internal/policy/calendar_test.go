package policy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/forerunner-project/forerunner/internal/calendar"
)

func TestEmbeddedCalendarIndexIsCurrent(t *testing.T) {
	if f := calendarFindings(mustLoad(t, "")); len(f) != 0 {
		t.Fatalf("embedded bundle: %v", f)
	}
}

// An added holiday without a rewritten index is reported; --fix's rewrite
// makes the check pass again.
func TestEditedCalendarMakesTheIndexStaleUntilFixed(t *testing.T) {
	src := mustLoad(t, "")
	year := lookupObject(src.Data, "forerunner", "v1", "calendar", "years", "2025")
	year["off"] = append(year["off"].([]any), "2025-03-12")
	f := calendarFindings(src)
	if len(f) != 1 || f[0].Code != CodeCalendarIndex || f[0].At != calendar.IndexFile {
		t.Fatalf("want one %s finding, got %v", CodeCalendarIndex, f)
	}
	dir := t.TempDir()
	path, err := UpdateCalendarIndex(dir, src)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil || path != filepath.Join(dir, filepath.FromSlash(calendar.IndexFile)) {
		t.Fatalf("%s: %v", path, err)
	}
	var stored any
	if err := json.Unmarshal(raw, &stored); err != nil {
		t.Fatal(err)
	}
	lookupObject(src.Data, "forerunner", "v1", "calendar")["index"] = stored
	if f := calendarFindings(src); len(f) != 0 {
		t.Fatalf("after the rewrite: %v", f)
	}
}

func TestUnreadableCalendarIsReported(t *testing.T) {
	src := mustLoad(t, "")
	lookupObject(src.Data, "forerunner", "v1", "calendar", "years")["24"] = map[string]any{}
	if f := calendarFindings(src); len(f) != 1 || f[0].Code != CodeCalendarIndex {
		t.Fatalf("want one %s finding, got %v", CodeCalendarIndex, f)
	}
}

// A second --fix rewrites nothing and names nothing: the index it would
// write is already there, byte for byte.
func TestUpToDateIndexIsNotRewritten(t *testing.T) {
	src, dir := mustLoad(t, ""), t.TempDir()
	first, err := UpdateCalendarIndex(dir, src)
	if err != nil || first == "" {
		t.Fatalf("first write: %q, %v", first, err)
	}
	before, err := os.Stat(first)
	if err != nil {
		t.Fatal(err)
	}
	second, err := UpdateCalendarIndex(dir, src)
	if err != nil || second != "" {
		t.Fatalf("an up-to-date index was rewritten: %q, %v", second, err)
	}
	if after, err := os.Stat(first); err != nil || !after.ModTime().Equal(before.ModTime()) || !os.SameFile(before, after) {
		t.Fatalf("the file was replaced: %v", err)
	}
}
