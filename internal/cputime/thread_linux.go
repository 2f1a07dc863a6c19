// Package cputime reads the CPU time of the calling OS thread, for benchmarks
// that compare two evaluations side by side on a loaded machine
// (BenchmarkPlans, the bench command's plans phase).
package cputime

import (
	"syscall"
	"unsafe"
)

// Thread is the CPU time the calling OS thread has used, in nanoseconds
// (CLOCK_THREAD_CPUTIME_ID): unlike wall time, it does not grow while the thread
// waits for a core on a loaded machine. The caller locks itself to its thread.
func Thread() int64 {
	const clockThreadCPUTimeID = 3
	var ts syscall.Timespec
	if _, _, errno := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTimeID, uintptr(unsafe.Pointer(&ts)), 0); errno != 0 {
		return 0
	}
	return ts.Nano()
}
