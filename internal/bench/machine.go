package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
)

// machine is what the figures were measured on.
type machine struct {
	cpu, kernel, memory, goVersion, opaVersion, commit, loadBefore string
	cores                                                          int
}

func describeMachine(ctx context.Context, root string) machine {
	return machine{
		cpu:        procField("/proc/cpuinfo", "model name"),
		cores:      runtime.NumCPU(),
		kernel:     strings.TrimSpace(readFile("/proc/sys/kernel/osrelease")),
		memory:     procField("/proc/meminfo", "MemTotal"),
		goVersion:  runtime.Version(),
		opaVersion: engine.OPAVersion(),
		commit:     gitCommit(ctx, root),
		loadBefore: loadAverage(),
	}
}

func readFile(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "unknown"
	}
	return string(b)
}

// procField returns the value of the first "key: value" line of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return "unknown"
}

// loadAverage is the 1/5/15-minute load: other work on the machine shows here.
func loadAverage() string {
	fields := strings.Fields(readFile("/proc/loadavg"))
	if len(fields) < 3 {
		return "unknown"
	}
	return strings.Join(fields[:3], " ")
}

func gitCommit(ctx context.Context, root string) string {
	out, err := exec.CommandContext(ctx, "git", "-C", root, "rev-parse", "--short", "HEAD").Output()
	if err != nil {
		return "unknown"
	}
	commit := strings.TrimSpace(string(out))
	if status, err := exec.CommandContext(ctx, "git", "-C", root, "status", "--porcelain", "--untracked-files=no").Output(); err == nil && len(status) > 0 {
		commit += " (with local changes)"
	}
	return commit
}

func (m machine) String() string {
	return fmt.Sprintf("%s, %d cores, %s RAM, Linux %s, %s, OPA %s", m.cpu, m.cores, m.memory, m.kernel, m.goVersion, m.opaVersion)
}
