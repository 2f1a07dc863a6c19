// Command forerunner grades the evaluation agencies of the Enterprise Standard
// "Leader" system against their group standard, with a Rego policy bundle.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"
)

func main() {
	tuneGC()
	os.Exit(run(os.Args[1:]))
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

// run executes the command line and maps its outcome to an exit status.
func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return ExitOK
	}
	var exit *exitError
	if errors.As(err, &exit) {
		if exit.err != nil {
			fmt.Fprintln(os.Stderr, exit.err)
		}
		return exit.code
	}
	// cobra's own errors (unknown flag or command, a missing flag value) are usage errors.
	fmt.Fprintln(os.Stderr, usageMessage(err, args))
	return ExitUsage
}
