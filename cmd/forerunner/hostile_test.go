package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Attack 17: `version > /dev/full` exited 0. Every command that prints
// fails with exit 1 when its output cannot be written.
func TestWriteErrorsExitOne(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full here")
	}
	defer full.Close()
	for _, args := range [][]string{
		{"version"}, {"init"}, {"policy", "inspect"}, {"completion", "bash"}, {"schema"},
		{"validate", validDir + "/example.yaml"}, {"eval", validDir + "/example.yaml"},
	} {
		cmd := exec.Command(binary(t), args...)
		cmd.Stdout = full
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != ExitInvalid {
			t.Errorf("%v > /dev/full: %v, want exit %d\n%s", args, err, ExitInvalid, stderr.String())
		}
	}
}

// Attack 8: a FIFO inside an input directory hung eval and validate forever,
// and the documents already scored were never printed. It is reported and
// skipped; the other documents are scored.
func TestFIFOInInputDirectoryIsSkipped(t *testing.T) {
	dir := t.TempDir()
	example, err := os.ReadFile(validDir + "/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "a.yaml"), example, 0o644)
	if err := syscall.Mkfifo(filepath.Join(dir, "b.yaml"), 0o644); err != nil {
		t.Skipf("no FIFOs here: %v", err)
	}
	for _, args := range [][]string{{"eval", "-o", "jsonl", dir}, {"validate", dir}} {
		done := make(chan runOutput, 1)
		go func() { done <- forerunner(t, args...) }()
		select {
		case r := <-done:
			r.expect(t, ExitInvalid)
			if !strings.Contains(r.stdout+r.stderr, "named pipe") || !strings.Contains(r.stdout, "a.yaml") && args[0] == "validate" {
				t.Errorf("%v: FIFO not reported:\n%s\n%s", args, r.stdout, r.stderr)
			}
			lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
			if args[0] == "eval" && (len(lines) != 2 || !strings.Contains(lines[0], `"total"`) || !strings.Contains(lines[1], "E-READ")) {
				t.Errorf("eval: want the regular file scored and the FIFO's entry unscored:\n%s", r.stdout)
			}
		case <-time.After(60 * time.Second):
			t.Fatalf("%v blocked on a FIFO", args)
		}
	}
}

// Attack 4: a tarball whose header claims 100 GiB crashed the process (exit 2).
// It is refused with bundle_too_large, exit 3.
func TestTarballClaiming100GiBExits3(t *testing.T) {
	var out bytes.Buffer
	gz := gzip.NewWriter(&out)
	tw := tar.NewWriter(gz)
	tw.WriteHeader(&tar.Header{Name: "forerunner/v1/big.rego", Size: 100 << 30, Mode: 0o644, Typeflag: tar.TypeReg})
	tw.Write(make([]byte, 26<<10))
	tw.Flush()
	gz.Close()
	path := filepath.Join(t.TempDir(), "bomb.tar.gz")
	os.WriteFile(path, out.Bytes(), 0o644)
	r := forerunner(t, "eval", "--bundle", path, validDir+"/example.yaml").expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "big.rego") || !strings.Contains(r.stderr, "64 MiB") {
		t.Fatalf("stderr: %s", r.stderr)
	}
}

// Attack 18: the E-SIZE hint named a --max-size flag eval lacked. eval has
// validate's loader bounds now.
func TestEvalHasTheLoaderBounds(t *testing.T) {
	r := forerunner(t, "eval", "--max-size", "1KiB", validDir+"/example.yaml").expect(t, ExitInvalid)
	if !strings.Contains(r.stderr, "E-SIZE") || !strings.Contains(r.stderr, "--max-size") {
		t.Fatalf("stderr: %s", r.stderr)
	}
	forerunner(t, "eval", "--max-size", "1MiB", "--max-errors", "5", validDir+"/example.yaml").expect(t, ExitOK)
	forerunner(t, "eval", "--max-errors", "0", validDir+"/example.yaml").expect(t, ExitUsage)
}

// Attack 15: SIGINT and SIGTERM left a cut last JSONL line and an unclosed
// JSON array. The run stops between documents, closes its output and exits
// 128 + the signal.
func TestSignalsStopCleanly(t *testing.T) {
	example, err := os.ReadFile(validDir + "/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir() // 400 agencies: one batch must not hold one agency twice
	for i := range 400 {
		doc := strings.Replace(string(example), "id: AG-0042", fmt.Sprintf("id: AG-%04d", i), 1)
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%04d.yaml", i)), []byte(doc), 0o644)
	}
	args := []string{"eval", "--workers", "1", dir}
	for _, c := range []struct {
		sig    syscall.Signal
		format string
		code   int
	}{{syscall.SIGINT, "jsonl", 130}, {syscall.SIGTERM, "json", 143}} {
		stdout, stderr := interrupt(t, c.sig, c.code, append(args, "-o", c.format)...)
		if !strings.Contains(stderr, "interrupted by") {
			t.Errorf("%v: stderr %s", c.sig, stderr)
		}
		checkWholeOutput(t, c.format, stdout)
	}
}

// interrupt runs forerunner args, sends sig once its first output is out
// (the handler is set and scoring runs, however loaded the machine), and
// checks that it exits with code; it returns what was written.
func interrupt(t *testing.T, sig syscall.Signal, code int, args ...string) (stdout []byte, stderr string) {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Env = append(os.Environ(), "LANG=C")
	var errOut bytes.Buffer
	cmd.Stderr = &errOut
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	out, started, read := readStarted(pipe)
	select {
	case <-started:
	case <-time.After(2 * time.Minute):
		t.Fatalf("%v: no output after 2 minutes", sig)
	}
	cmd.Process.Signal(sig)
	<-read
	var exit *exec.ExitError
	if err := cmd.Wait(); !errors.As(err, &exit) || exit.ExitCode() != code {
		t.Fatalf("%v: %v, want exit %d\n%s", sig, err, code, errOut.String())
	}
	return out.Bytes(), errOut.String()
}

// readStarted copies r into a buffer, closing started at the first bytes and
// read at the end.
func readStarted(r io.Reader) (out *bytes.Buffer, started, read chan struct{}) {
	out, started, read = &bytes.Buffer{}, make(chan struct{}), make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 32<<10)
		for first := true; ; {
			n, err := r.Read(buf)
			out.Write(buf[:n])
			if n > 0 && first {
				first = false
				close(started)
			}
			if err != nil {
				if first {
					close(started)
				}
				return
			}
		}
	}()
	return out, started, read
}

// checkWholeOutput asserts every JSONL line, or the JSON array, parses.
func checkWholeOutput(t *testing.T, format string, out []byte) {
	t.Helper()
	if format == "json" {
		var all []any
		if err := json.Unmarshal(out, &all); err != nil {
			t.Fatalf("JSON output does not parse (%v): ...%s", err, tail(out))
		}
		return
	}
	for i, line := range bytes.Split(bytes.TrimSuffix(out, []byte("\n")), []byte("\n")) {
		if len(line) > 0 && !json.Valid(line) {
			t.Fatalf("JSONL line %d is cut: ...%s", i+1, tail(line))
		}
	}
}

func tail(b []byte) []byte { return b[max(0, len(b)-80):] }

// Attack 10: policy export followed an existing symbolic link in DIR and
// wrote elsewhere, and accepted a non-empty DIR although the README says it
// refuses. Any entry in DIR is refused now (exit 2), a link included.
func TestPolicyExportRefusesANonEmptyDirectory(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
	r := forerunner(t, "policy", "export", dir).expect(t, ExitUsage)
	if !strings.Contains(r.stderr, "not empty") {
		t.Errorf("stderr: %s", r.stderr)
	}
	linked := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(linked, "forerunner")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	forerunner(t, "policy", "export", linked).expect(t, ExitUsage)
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("export wrote through the link: %v", entries)
	}
	forerunner(t, "policy", "export", filepath.Join(t.TempDir(), "new")).expect(t, ExitOK)
}
