package main

import (
	"runtime/debug"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// Attack 9: under the fixed 100 MiB soft limit the GC ran back to back on a
// 15 MiB document. The limit follows --max-size × workers (never below the
// base), and GOMEMLIMIT set by the user wins.
func TestMemoryLimitFollowsMaxSizeAndWorkers(t *testing.T) {
	before := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(before)
	t.Setenv("GOMEMLIMIT", "")
	cases := []struct {
		maxSize int64
		workers int
		want    int64
	}{
		{1 << 20, 1, baseMemoryLimit},                       // small documents: the base
		{0, 1, peakPerSourceByte * evidence.DefaultMaxSize}, // the default --max-size
		{16 << 20, 2, peakPerSourceByte * (16 << 20) * 2},   // two 16 MiB documents at once
		{16 << 20, 0, peakPerSourceByte * (16 << 20)},       // workers 0 counts as one
		{64 << 20, 4, peakPerSourceByte * (64 << 20) * 4},   // a raised --max-size
	}
	for _, c := range cases {
		sizeMemoryLimit(evidence.Options{MaxSize: c.maxSize}, c.workers)
		if got := debug.SetMemoryLimit(-1); got != c.want {
			t.Errorf("max size %d, %d workers: limit %d, want %d", c.maxSize, c.workers, got, c.want)
		}
	}
	debug.SetMemoryLimit(123 << 20)
	t.Setenv("GOMEMLIMIT", "123MiB")
	sizeMemoryLimit(evidence.Options{MaxSize: 64 << 20}, 4)
	if got := debug.SetMemoryLimit(-1); got != 123<<20 {
		t.Errorf("GOMEMLIMIT set: limit changed to %d", got)
	}
}
