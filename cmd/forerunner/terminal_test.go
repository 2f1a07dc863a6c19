//go:build unix

package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// openPTY opens the master side of a new pseudo-terminal, which the terminal
// driver answers for as it does for a real one.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	f, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal can be opened here (%v): the terminal case is untested", err)
	}
	t.Cleanup(func() { _ = f.Close() })
	return f
}

// /dev/null, a regular file and a pipe are no terminals (though /dev/null is
// a character device); a pseudo-terminal is one.
func TestIsTerminalTellsTerminalsFromOtherFiles(t *testing.T) {
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	regular, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer regular.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, f := range map[string]*os.File{"/dev/null": null, "a regular file": regular, "a pipe": w} {
		if isTerminal(f) {
			t.Errorf("%s is taken for a terminal", name)
		}
	}
	if !isTerminal(openPTY(t)) {
		t.Error("a pseudo-terminal is not taken for a terminal")
	}
}

// A binary workbook may go to /dev/null (a character device) but never to a
// terminal; the real binary is run with each as its standard output.
func TestBinaryOutputToDevNullButNotToATerminal(t *testing.T) {
	evidence := validDir + "/level1.yaml"
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if code, stderr := runWithStdout(t, null, "eval", "-o", "xlsx", evidence); code != ExitOK {
		t.Errorf("eval -o xlsx > /dev/null: exit %d, want %d:\n%s", code, ExitOK, stderr)
	}
	code, stderr := runWithStdout(t, openPTY(t), "eval", "--lang", "en", "-o", "xlsx", evidence)
	if code != ExitUsage || !strings.Contains(stderr, "will not write a binary .xlsx to a terminal") {
		t.Errorf("eval -o xlsx on a terminal: exit %d, want %d and a refusal:\n%s", code, ExitUsage, stderr)
	}
}

// runWithStdout runs the built binary with stdout as its standard output and
// returns its exit code and standard error.
func runWithStdout(t *testing.T, stdout *os.File, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = testEnv()
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	var exit *exec.ExitError
	if err := cmd.Run(); errors.As(err, &exit) {
		return exit.ExitCode(), stderr.String()
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, stderr.String()
}
