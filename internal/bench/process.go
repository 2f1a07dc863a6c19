package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// procRun is one finished child process.
type procRun struct {
	wall   time.Duration
	maxRSS int64 // bytes
}

// childFlag makes the bench binary a small launcher (see runChild).
const childFlag = "-exec-child"

// runProcess runs name args to completion, stdout to out (discarded when
// nil), and fails unless it exits 0. It goes through the launcher: Go starts
// children with CLONE_VM, and Linux then carries the parent's peak RSS into
// the child's (exec_mmap keeps the old mm's high-water mark), so a child of
// this large process would report this process's RSS as its own.
func runProcess(ctx context.Context, out io.Writer, name string, args ...string) (procRun, error) {
	self, err := os.Executable()
	if err != nil {
		return procRun{}, err
	}
	report, reportW, err := os.Pipe()
	if err != nil {
		return procRun{}, err
	}
	defer report.Close()
	cmd := exec.CommandContext(ctx, self, append([]string{childFlag, name}, args...)...)
	if out == nil {
		out = io.Discard
	}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr, cmd.ExtraFiles = out, &stderr, []*os.File{reportW}
	startErr := cmd.Start()
	reportW.Close()
	if startErr != nil {
		return procRun{}, startErr
	}
	var run procRun
	decodeErr := json.NewDecoder(report).Decode(&run)
	if err := cmd.Wait(); err != nil {
		return run, fmt.Errorf("%s %v: %w\n%s", name, args, err, tail(stderr.Bytes(), 2000))
	}
	return run, decodeErr
}

// UnmarshalJSON reads the launcher's report.
func (r *procRun) UnmarshalJSON(b []byte) error {
	var v struct{ WallNS, MaxRSS int64 }
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	r.wall, r.maxRSS = time.Duration(v.WallNS), v.MaxRSS
	return nil
}

// runChild is the launcher: it runs args[0] args[1:] with this process's
// stdio, times it, and writes {WallNS, MaxRSS} of the child to fd 3. Being
// small, its own high-water mark does not mask the child's.
func runChild(args []string) int {
	report := os.NewFile(3, "report")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	json.NewEncoder(report).Encode(struct{ WallNS, MaxRSS int64 }{int64(wall), childMaxRSS(cmd)})
	if err != nil {
		if exit, ok := err.(*exec.ExitError); ok {
			return exit.ExitCode()
		}
		fmt.Fprintln(os.Stderr, err)
		return 127
	}
	return 0
}

// childMaxRSS is the peak resident set of a finished child (getrusage).
func childMaxRSS(cmd *exec.Cmd) int64 {
	if cmd.ProcessState == nil {
		return 0
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss * 1024 // kilobytes on Linux
	}
	return 0
}

// liveMaxRSS is the peak resident set of a running process (VmHWM): a
// long-lived server has its own mm since exec, so this is its own figure.
func liveMaxRSS(pid int) int64 {
	kb, err := strconv.ParseInt(strings.TrimSuffix(procField(fmt.Sprintf("/proc/%d/status", pid), "VmHWM"), " kB"), 10, 64)
	if err != nil {
		return 0
	}
	return kb * 1024
}

// selfMaxRSS is this process's peak resident set.
func selfMaxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
