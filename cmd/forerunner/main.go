// Command forerunner grades the evaluation agencies of the Enterprise Standard
// "Leader" system against their group standard, with a Rego policy bundle.
package main

import (
	"os"
	"runtime/debug"
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
		debug.SetMemoryLimit(100 << 20)
	}
}
