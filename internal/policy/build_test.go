package policy

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
)

func buildFixture(t *testing.T, opts BuildOptions) []byte {
	t.Helper()
	var out bytes.Buffer
	if err := Build(context.Background(), mustLoad(t, fixtureDir), opts, &out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestBuiltBundleHasManifestNoTestsAndRelativePaths(t *testing.T) {
	entries := tarEntries(t, buildFixture(t, BuildOptions{Revision: "2025.1"}))
	var manifest struct {
		Revision    string   `json:"revision"`
		Roots       []string `json:"roots"`
		RegoVersion int      `json:"rego_version"`
	}
	if err := json.Unmarshal([]byte(entries["/.manifest"]), &manifest); err != nil {
		t.Fatalf("manifest: %v (entries %v)", err, keys(entries))
	}
	if manifest.Revision != "2025.1" || strings.Join(manifest.Roots, ",") != "forerunner" || manifest.RegoVersion != 1 {
		t.Errorf("manifest %+v", manifest)
	}
	abs, _ := filepath.Abs(fixtureDir)
	for name := range entries {
		if strings.HasSuffix(name, "_test.rego") || strings.Contains(name, abs) || strings.Contains(name, "testdata") {
			t.Errorf("entry %q: tests and host paths must stay out", name)
		}
	}
	if _, ok := entries["/forerunner/v1/items/extra/training.rego"]; !ok {
		t.Errorf("rule missing; entries %v", keys(entries))
	}
}

func keys(m map[string]string) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// rsaKeyPair writes a fresh RSA key pair as PEM files and returns their paths.
func rsaKeyPair(t *testing.T) (private, public string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	private, public = filepath.Join(dir, "key.pem"), filepath.Join(dir, "pub.pem")
	writePEM(t, private, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	writePEM(t, public, "PUBLIC KEY", pub)
	return private, public
}

func writePEM(t *testing.T, path, kind string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: kind, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestSignedBundleVerifiesAndTamperingIsRefused(t *testing.T) {
	private, public := rsaKeyPair(t)
	signed := buildFixture(t, BuildOptions{SigningKey: private, KeyID: "staff"})
	dir := t.TempDir()
	load := func(name string, data []byte) error {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := engine.LoadBundle(engine.LoadOptions{Path: path, VerificationKey: public, KeyID: "staff"})
		return err
	}
	if err := load("signed.tar.gz", signed); err != nil {
		t.Fatalf("signed bundle refused: %v", err)
	}
	tampered := rewriteTar(t, signed, "/data.json", func(s string) string {
		return strings.Replace(s, `"max":5`, `"max":50`, 1)
	})
	if err := load("tampered.tar.gz", tampered); err == nil {
		t.Error("tampered bundle accepted")
	}
	if err := load("unsigned.tar.gz", buildFixture(t, BuildOptions{})); err == nil {
		t.Error("unsigned bundle accepted with a verification key")
	}
}

// rewriteTar returns the archive with one entry's content changed by edit.
func rewriteTar(t *testing.T, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	entries := tarEntries(t, data)
	before := entries[name]
	entries[name] = edit(before)
	if entries[name] == before {
		t.Fatalf("edit changed nothing in %s: %s", name, before)
	}
	var out bytes.Buffer
	gz := gzip.NewWriter(&out)
	tw := tar.NewWriter(gz)
	for n, content := range entries {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(content))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(content)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestBuildRefusesABundleThatDoesNotCompile(t *testing.T) {
	dir := copyFixture(t, map[string]string{"forerunner/v1/broken.rego": "package forerunner.v1.broken\nx := y\n"})
	var out bytes.Buffer
	if err := Build(context.Background(), mustLoad(t, dir), BuildOptions{}, &out); err == nil {
		t.Fatal("built a bundle that does not compile")
	}
}
