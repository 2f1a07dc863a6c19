package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeKeyPair writes a fresh RSA key pair as PEM files into dir.
func writeKeyPair(t *testing.T, dir string) (private, public string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	private, public = filepath.Join(dir, "private.pem"), filepath.Join(dir, "public.pem")
	writeFile(t, private, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	writeFile(t, public, pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: pub}))
	return private, public
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// tamperTarball rewrites the archive with a comment added to its first
// policy file, as someone editing a signed bundle would. (A whitespace change
// in data.json would not count: OPA hashes JSON files by their value.)
func tamperTarball(t *testing.T, in, out string) {
	t.Helper()
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	tr := tar.NewReader(gz)
	tampered := false
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		if !tampered && strings.HasSuffix(h.Name, ".rego") {
			data, tampered = append(data, []byte("\n# edited after signing\n")...), true
			h.Size = int64(len(data))
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if !tampered {
		t.Fatal("no .rego file in the archive")
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	writeFile(t, out, buf.Bytes())
}

func TestSignedBundleVerifiedTamperedAndUnsignedRefused(t *testing.T) {
	dir := t.TempDir()
	private, public := writeKeyPair(t, dir)
	signed, unsigned, tampered := filepath.Join(dir, "signed.tar.gz"), filepath.Join(dir, "unsigned.tar.gz"), filepath.Join(dir, "tampered.tar.gz")
	forerunner(t, "policy", "build", "-o", signed, "--signing-key", private).expect(t, ExitOK)
	forerunner(t, "policy", "build", "-o", unsigned).expect(t, ExitOK)
	tamperTarball(t, signed, tampered)
	example := validDir + "/example.yaml"

	forerunner(t, "eval", "--bundle", signed, "--verification-key", public, example).expect(t, ExitOK)
	r := forerunner(t, "eval", "--bundle", tampered, "--verification-key", public, example).expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "failed signature verification") {
		t.Fatalf("unclear tamper message:\n%s", r.stderr)
	}
	r = forerunner(t, "eval", "--lang", "zh", "--bundle", unsigned, "--verification-key", public, example).expect(t, ExitBundle)
	if !strings.Contains(r.stderr, "未签名") {
		t.Fatalf("unclear unsigned message:\n%s", r.stderr)
	}
}
