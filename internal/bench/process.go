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
	wall, cpu time.Duration
	maxRSS    int64 // bytes
}

// childFlag makes the bench binary a small launcher (see runChild).
const childFlag = "-exec-child"

// runProcess runs name args to completion, stdout to out (discarded when
// nil), and fails unless it exits 0. It goes through the launcher: Go starts
// children with CLONE_VM, and Linux then carries the parent's peak RSS into
// the child's (exec_mmap keeps the old mm's high-water mark), so a child of
// this large process would report this process's RSS as its own.
func runProcess(ctx context.Context, out io.Writer, name string, args ...string) (procRun, error) {
	return runProcessEnv(ctx, out, nil, nil, name, args...)
}

// runProcessEnv is runProcess with env added to the child's environment and
// its stderr also copied to errOut (when not nil).
func runProcessEnv(ctx context.Context, out, errOut io.Writer, env []string, name string, args ...string) (procRun, error) {
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
	if errOut != nil {
		cmd.Stderr = io.MultiWriter(&stderr, errOut)
	}
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
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
	var v childReport
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	r.wall, r.cpu, r.maxRSS = time.Duration(v.WallNS), time.Duration(v.CPUNS), v.MaxRSS
	return nil
}

// childReport is what the launcher tells about its child.
type childReport struct{ WallNS, CPUNS, MaxRSS int64 }

// runChild is the launcher: it runs args[0] args[1:] with this process's
// stdio, times it, and writes a childReport to fd 3. Being
// small, its own high-water mark does not mask the child's.
func runChild(args []string) int {
	report := os.NewFile(3, "report")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	var cpu time.Duration
	if cmd.ProcessState != nil {
		cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	json.NewEncoder(report).Encode(childReport{int64(wall), int64(cpu), childMaxRSS(cmd)})
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

// selfCPU is the user + system CPU time this process has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// procCPU is the user + system CPU time a running process has used
// (/proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s).
func procCPU(pid int) time.Duration {
	stat := readFile(fmt.Sprintf("/proc/%d/stat", pid))
	// Fields after the command name, which is in parentheses and may hold spaces.
	fields := strings.Fields(stat[strings.LastIndexByte(stat, ')')+1:])
	if len(fields) < 13 {
		return 0
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	if err1 != nil || err2 != nil {
		return 0
	}
	return time.Duration(utime+stime) * (time.Second / clockTicks)
}

// clockTicks is USER_HZ, 100 on every Linux platform Go supports.
const clockTicks = 100

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

// median of durations or ratios (the mean of the middle two for an even count).
func median[T ~int64 | ~float64](xs []T) T {
	s := append([]T(nil), xs...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s) == 0 {
		return 0
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
