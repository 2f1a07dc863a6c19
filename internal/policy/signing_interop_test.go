//go:build unix

package policy

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/signing/signingtest"
)

// TestEveryKeyKindSignsAndVerifies: for RSA, ECDSA P-256/P-384 and Ed25519
// keys written by openssl, `policy build` signs, `eval --verification-key`
// verifies with the public key openssl wrote (the algorithm from the key),
// upstream `opa build` verifies the same archive, and a tampered archive is
// refused with exit 3 and a message naming the changed file. --key-id is
// honoured: the signature's key id must match it.
func TestEveryKeyKindSignsAndVerifies(t *testing.T) {
	if testing.Short() {
		t.Skip("builds opa and forerunner; skipped under -short")
	}
	keys := signingtest.OpenSSLKeys(t)
	work := t.TempDir()
	opa := upstreamOPA(t, work)
	forerunner := goBuild(t, filepath.Join(work, "forerunner"), "./cmd/forerunner")
	example := filepath.Join(repoRoot, "testdata", "evidence", "valid", "example.yaml")
	for i, k := range keys {
		t.Run(k.Name, func(t *testing.T) {
			archive := filepath.Join(work, strings.Repeat("k", i+1)+".tar.gz")
			run(t, forerunner, "policy", "build", "-o", archive, "--signing-key", k.Private, "--key-id", "k1")
			run(t, forerunner, "eval", "--bundle", archive, "--verification-key", k.Public, example)
			run(t, forerunner, "eval", "--bundle", archive, "--verification-key", k.Public, "--key-id", "k1", example)
			run(t, opa, "build", "-b", archive, "--verification-key", k.Public, "--verification-key-id", "k1",
				"--signing-alg", k.Alg, "-o", filepath.Join(work, "opa-"+filepath.Base(archive)))

			stderr := refused(t, forerunner, "eval", "--bundle", archive, "--verification-key", k.Public, "--key-id", "k2", example)
			if !strings.Contains(stderr, "signed with key id k1") {
				t.Errorf("wrong key id: %s", stderr)
			}
			tampered := filepath.Join(work, "tampered-"+filepath.Base(archive))
			data, err := os.ReadFile(archive)
			if err != nil {
				t.Fatal(err)
			}
			edited := rewriteTar(t, data, "/forerunner/v1/levels.rego", func(s string) string { return s + "\n# edited after signing\n" })
			if err := os.WriteFile(tampered, edited, 0o644); err != nil {
				t.Fatal(err)
			}
			stderr = refused(t, forerunner, "eval", "--bundle", tampered, "--verification-key", k.Public, example)
			if !strings.Contains(stderr, "file forerunner/v1/levels.rego changed after signing") {
				t.Errorf("tampered: %s", stderr)
			}
			zh := refused(t, forerunner, "eval", "--lang", "zh", "--bundle", tampered, "--verification-key", k.Public, example)
			if !strings.Contains(zh, "文件 forerunner/v1/levels.rego 在签名后被修改") {
				t.Errorf("tampered, zh: %s", zh)
			}
		})
	}
}

// refused runs bin expecting exit status 3 and returns its stderr.
func refused(t *testing.T, bin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	_ = cmd.Run()
	if code := cmd.ProcessState.ExitCode(); code != 3 {
		t.Errorf("%s: exit %d, want 3\n%s", strings.Join(args, " "), code, &stderr)
	}
	return stderr.String()
}
