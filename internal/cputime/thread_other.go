//go:build !linux

package cputime

// Thread is not measured outside Linux: callers then report wall time only.
func Thread() int64 { return 0 }
