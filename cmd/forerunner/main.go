// Command forerunner grades the evaluation agencies of the Enterprise Standard
// "Leader" system against their group standard, with a Rego policy bundle.
package main

import (
	"os"
	"runtime/debug"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

func main() {
	tuneGC()
	os.Exit(execute(newRootCmd(), os.Args[1:], os.Stderr))
}

// tuneGC trades memory for CPU: evaluation makes many short-lived values, and
// with the default GOGC=100 collecting them took about a quarter of the CPU.
// The soft memory limit keeps peak RSS bounded all the same. GOGC and
// GOMEMLIMIT set in the environment take precedence.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(baseMemoryLimit)
	}
}

// bufferingGCPercent is GOGC for an output format that buffers across the
// run. excelize keeps up to 16 MiB of each streamed sheet of the results
// workbook in memory, which doubles the live heap of 1,000 typical agencies
// (~22 → ~44 MB); at GOGC=400 the heap then grows to ~220 MB and peak RSS
// passed 300 MB, at 200 it stays near 180 MB for ~6 % more CPU.
const bufferingGCPercent = 200

// tuneGCForBuffering lowers GOGC for a buffering format, unless GOGC is set
// in the environment.
func tuneGCForBuffering() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(bufferingGCPercent)
	}
}

// baseMemoryLimit is the soft limit for small documents.
const baseMemoryLimit = 100 << 20

// peakPerSourceByte is the peak heap per byte of a document being loaded (a
// 15 MiB YAML file peaks near 580 MB: its node tree and value model).
const peakPerSourceByte = 40

// sizeMemoryLimit raises the soft limit to what workers documents of the
// largest accepted size need at once: under a limit below the live heap the
// GC runs back to back (a 15 MiB file took 4.8 s of CPU to validate under
// 100 MiB, 1.2 s without the limit).
func sizeMemoryLimit(opts evidence.Options, workers int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	size := opts.MaxSize
	if size <= 0 {
		size = evidence.DefaultMaxSize
	}
	debug.SetMemoryLimit(max(baseMemoryLimit, peakPerSourceByte*size*int64(max(workers, 1))))
}
