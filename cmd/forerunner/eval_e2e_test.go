package main

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// End-to-end tests: build the binary once, run it on the shipped testdata.

var update = flag.Bool("update", false, "rewrite testdata/golden from the current output")

const (
	validDir   = "../../testdata/evidence/valid"
	invalidDir = "../../testdata/evidence/invalid"
	goldenDir  = "../../testdata/golden"
	miniBundle = "../../internal/engine/testdata/mini"
	httpBundle = "../../internal/engine/testdata/httpsend"
)

var (
	buildOnce sync.Once
	binDir    string
	binPath   string
	buildErr  error
)

// TestMain removes the binary built by the end-to-end tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		_ = os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// binary builds cmd/forerunner into a temporary directory once per test run.
func binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "forerunner-e2e")
		if err != nil {
			buildErr = err
			return
		}
		binDir, binPath = dir, filepath.Join(dir, "forerunner")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = errors.New(string(out))
		}
	})
	if buildErr != nil {
		t.Fatalf("build: %v", buildErr)
	}
	return binPath
}

// testEnv is the environment every run of the binary gets: the language
// and colour decided by flags only, not by the machine's settings.
func testEnv(extra ...string) []string {
	return append(append(os.Environ(), "LC_ALL=", "LC_MESSAGES=", "LANG=C", "NO_COLOR=1"), extra...)
}

type runOutput struct {
	stdout, stderr string
	code           int
}

// forerunner runs the binary with a clean, English-by-default environment.
func forerunner(t *testing.T, args ...string) runOutput {
	t.Helper()
	return forerunnerWithInput(t, nil, args...)
}

// forerunnerWithInput is forerunner with stdin read from input.
func forerunnerWithInput(t *testing.T, input []byte, args ...string) runOutput {
	t.Helper()
	return forerunnerIn(t, "", input, args...)
}

// forerunnerIn runs the built binary in dir ("": the test's own) with stdin
// read from input (nil: none).
func forerunnerIn(t *testing.T, dir string, input []byte, args ...string) runOutput {
	t.Helper()
	cmd := exec.Command(binary(t), args...)
	cmd.Dir = dir
	if input != nil {
		cmd.Stdin = bytes.NewReader(input)
	}
	cmd.Env = testEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return runOutput{stdout: stdout.String(), stderr: stderr.String(), code: code}
}

func (r runOutput) expect(t *testing.T, code int) runOutput {
	t.Helper()
	if r.code != code {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, code, r.stdout, r.stderr)
	}
	return r
}

// bundleDigest matches the bundle digest in every output format (json,
// jsonl, yaml, text, markdown). Golden files hold a placeholder: any edit of the bundle, a comment included,
// changes the digest, and other tests check it.
var bundleDigest = regexp.MustCompile("(bundle_digest\"?: ?\"?|(?:bundle|策略包) \\S+ [(`])sha256:[0-9a-f]{64}")

// dataDigest matches the digest of the data changed by --set, which any
// edit of the bundle's data changes too.
var dataDigest = regexp.MustCompile("(data_digest\"?: ?\"?|(?:data|数据) )sha256:[0-9a-f]{64}")

// golden compares got with testdata/golden/name, or rewrites it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	got = bundleDigest.ReplaceAllString(got, "${1}sha256:<bundle digest>")
	got = dataDigest.ReplaceAllString(got, "${1}sha256:<data digest>")
	path := filepath.Join(goldenDir, name)
	if *update {
		if err := os.MkdirAll(goldenDir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./cmd/forerunner -run %s -update, then review the file)", err, t.Name())
	}
	if string(want) != got {
		t.Fatalf("output differs from %s (rerun with -update and review the diff):\n%s", path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
