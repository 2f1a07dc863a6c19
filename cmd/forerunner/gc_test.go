package main

import (
	"runtime/debug"
	"testing"

	"github.com/forerunner-project/forerunner/internal/report"
)

// The results workbook buffers its sheets, so eval lowers GOGC for it
// (keeping peak RSS under 300 MB for 1,000 agencies: see the bench phase
// xlsx); GOGC set by the user is left alone, and jsonl keeps the default.
func TestBufferingFormatLowersGOGC(t *testing.T) {
	prev := debug.SetGCPercent(400)
	defer debug.SetGCPercent(prev)
	if f, _ := report.Lookup("xlsx"); !f.Buffering {
		t.Fatal("the xlsx format is not marked as buffering")
	}
	if f, _ := report.Lookup("jsonl"); f.Buffering {
		t.Fatal("jsonl is marked as buffering")
	}
	t.Setenv("GOGC", "")
	tuneGCForBuffering()
	if got := debug.SetGCPercent(400); got != bufferingGCPercent {
		t.Errorf("GOGC = %d, want %d", got, bufferingGCPercent)
	}
	t.Setenv("GOGC", "300")
	tuneGCForBuffering()
	if got := debug.SetGCPercent(400); got != 400 {
		t.Errorf("GOGC set by the user was changed to %d", got)
	}
}
