//go:build unix

package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// repoRoot is where go.mod lives, relative to this package.
const repoRoot = "../.."

// TestStockOPADecidesAsForerunner builds upstream opa from go.mod and the
// forerunner binary, builds and signs the bundle with `forerunner policy
// build`, serves it from a local bundle server, lets `opa run --server`
// download and verify it, and compares every valid evidence example's OPA
// decision with `forerunner eval --output json` (provenance aside). Every
// invalid example gets errors and no score.
func TestStockOPADecidesAsForerunner(t *testing.T) {
	if testing.Short() {
		t.Skip("interop test builds opa and starts a server; skipped under -short")
	}
	started := time.Now()
	work := t.TempDir()
	opa := upstreamOPA(t, work)
	forerunner := goBuild(t, filepath.Join(work, "forerunner"), "./cmd/forerunner")
	private, public := rsaKeyPair(t)
	archive := filepath.Join(work, "bundle.tar.gz")
	run(t, forerunner, "policy", "build", "-o", archive, "--revision", "interop-1",
		"--signing-key", private, "--key-id", "forerunner")
	t.Logf("binaries and signed bundle ready in %s", time.Since(started).Round(time.Millisecond))

	bundleServer := serveFile(t, "/bundles/forerunner.tar.gz", archive)
	addr := freeLoopbackAddr(t)
	config := writeOPAConfig(t, work, bundleServer.URL, public)
	startProcess(t, opa, "run", "--server", "--addr", addr, "--config-file", config, "--log-level", "error")
	waitForBundle(t, "http://"+addr)
	t.Logf("opa server up with the verified bundle after %s", time.Since(started).Round(time.Millisecond))

	files := validEvidenceFiles(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			fromOPA := opaDecision(t, "http://"+addr, file)
			fromEval := evalDecision(t, forerunner, file)
			if !reflect.DeepEqual(fromOPA, fromEval) {
				t.Fatalf("decisions differ\nopa:  %s\neval: %s", mustJSON(fromOPA), mustJSON(fromEval))
			}
		})
	}
	t.Logf("%d evidence documents compared, %s in all", len(files), time.Since(started).Round(time.Millisecond))

	t.Run("invalid evidence", func(t *testing.T) { checkInvalidEvidence(t, "http://"+addr) })

	t.Run("signed archive through eval --verification-key", func(t *testing.T) {
		checkVerifiedEval(t, forerunner, archive, public, files[0])
	})
}

// checkVerifiedEval: eval accepts the signed archive with its key and decides
// as the embedded bundle does; it refuses a tampered or an unsigned archive
// with exit status 3 and a message.
func checkVerifiedEval(t *testing.T, forerunner, archive, public, evidenceFile string) {
	verify := []string{"--verification-key", public, "--key-id", "forerunner"}
	args := append([]string{"eval", "--output", "json", "--bundle", archive}, verify...)
	signed := decodeJSON(t, run(t, forerunner, append(args, evidenceFile)...)).(map[string]any)
	delete(signed, "provenance")
	delete(signed, "input")
	if embedded := evalDecision(t, forerunner, evidenceFile); !reflect.DeepEqual(signed, embedded) {
		t.Errorf("signed archive decides differently from the embedded bundle")
	}
	data, err := os.ReadFile(archive)
	if err != nil {
		t.Fatal(err)
	}
	tampered := filepath.Join(t.TempDir(), "tampered.tar.gz")
	if err := os.WriteFile(tampered, rewriteTar(t, data, "/data.json", func(s string) string {
		return strings.Replace(s, `"declared_max":30`, `"declared_max":31`, 1)
	}), 0o644); err != nil {
		t.Fatal(err)
	}
	unsigned := filepath.Join(t.TempDir(), "unsigned.tar.gz")
	run(t, forerunner, "policy", "build", "-o", unsigned)
	for name, bundlePath := range map[string]string{"tampered": tampered, "unsigned": unsigned} {
		cmd := exec.Command(forerunner, append(append([]string{"eval", "--bundle", bundlePath}, verify...), evidenceFile)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		if code := cmd.ProcessState.ExitCode(); code != 3 || stderr.Len() == 0 {
			t.Errorf("%s archive: exit %d (%v), stderr %q; want exit 3 with a message", name, code, err, &stderr)
		}
	}
}

// upstreamOPA is $FORERUNNER_OPA_BIN when CI already built opa from go.mod,
// else a fresh build of it.
func upstreamOPA(t *testing.T, work string) string {
	if bin := os.Getenv("FORERUNNER_OPA_BIN"); bin != "" {
		return bin
	}
	return goBuild(t, filepath.Join(work, "opa"), "github.com/open-policy-agent/opa")
}

// goBuild builds pkg from the module root into out. Opening the result
// makes go test's cache depend on this run's fresh binary, so the test is
// never replayed from cache after a change to code it does not link.
func goBuild(t *testing.T, out, pkg string) string {
	t.Helper()
	cmd := exec.Command("go", "build", "-o", out, pkg)
	cmd.Dir = repoRoot
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, msg)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	_ = f.Close()
	return out
}

func run(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(bin), strings.Join(args, " "), err, &stderr)
	}
	return stdout.Bytes()
}

// serveFile serves one file at urlPath from a test server on 127.0.0.1.
func serveFile(t *testing.T, urlPath, file string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != urlPath {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, file)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func freeLoopbackAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return addr
}

// writeOPAConfig is the configuration the README documents: one bundle
// service, one bundle that must be signed with the "forerunner" key.
func writeOPAConfig(t *testing.T, dir, serviceURL, publicKeyPath string) string {
	t.Helper()
	pub, err := os.ReadFile(publicKeyPath)
	if err != nil {
		t.Fatal(err)
	}
	indented := "      " + strings.ReplaceAll(strings.TrimSpace(string(pub)), "\n", "\n      ")
	config := fmt.Sprintf(`services:
  bundles:
    url: %s
bundles:
  forerunner:
    service: bundles
    resource: /bundles/forerunner.tar.gz
    signing:
      keyid: forerunner
keys:
  forerunner:
    algorithm: RS256
    key: |
%s
`, serviceURL, indented)
	path := filepath.Join(dir, "opa-config.yaml")
	if err := os.WriteFile(path, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// startProcess starts bin in its own process group and kills the group at
// cleanup, so nothing it spawned outlives the test.
func startProcess(t *testing.T, bin string, args ...string) {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("%s output:\n%s", filepath.Base(bin), &stderr)
		}
	})
}

// waitForBundle polls /health?bundles until OPA reports the bundle activated.
func waitForBundle(t *testing.T, base string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get(base + "/health?bundles")
		if err == nil {
			_ = resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatal("opa did not activate the bundle within 60s")
}

func validEvidenceFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pattern := range []string{"*.yaml", "*.yml"} {
		matches, err := filepath.Glob(filepath.Join(repoRoot, "testdata", "evidence", "valid", pattern))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, matches...)
	}
	if len(files) == 0 {
		t.Fatal("no valid evidence examples found")
	}
	return files
}

// opaDecision posts the evidence, decoded as forerunner decodes it, to the
// decision path of the OPA server.
func opaDecision(t *testing.T, base, file string) any {
	t.Helper()
	doc, diags := evidence.LoadFile(file, evidence.Options{})
	if diags.HasErrors() {
		t.Fatalf("%s is not valid evidence: %v", file, diags)
	}
	status, result := postDecision(t, base+"/v1/data/forerunner/v1/result", inputBody(t, doc.Value))
	if status != http.StatusOK {
		t.Fatalf("opa answered %d: %v", status, result)
	}
	return result
}

// evalDecision runs `forerunner eval --output json` with the embedded bundle
// and drops the provenance and the input, which only the host adds.
func evalDecision(t *testing.T, forerunner, file string) any {
	t.Helper()
	result, ok := decodeJSON(t, run(t, forerunner, "eval", "--output", "json", file)).(map[string]any)
	if !ok {
		t.Fatal("eval output is not a JSON object")
	}
	if _, has := result["provenance"]; !has {
		t.Fatal("eval output has no provenance: not a result document?")
	}
	delete(result, "provenance")
	delete(result, "input")
	return result
}

func decodeJSON(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	return v
}

func mustJSON(v any) string {
	bs, _ := json.Marshal(v)
	return string(bs)
}
