//go:build !linux

package policies_test

// threadCPU is not measured outside Linux: the benchmark then reports wall time only.
func threadCPU() int64 { return 0 }
