package engine

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/bundle"
)

// signedTarball signs the mini bundle with a fresh RSA key and writes it as a
// tarball; tamper changes a data value after signing.
func signedTarball(t *testing.T, tamper bool) (path, publicPEM string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	private := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	public, err := x509.MarshalPKIXPublicKey(&key.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadBundle(LoadOptions{Path: "testdata/mini"})
	if err != nil {
		t.Fatal(err)
	}
	if err := b.GenerateSignature(bundle.NewSigningConfig(string(private), "RS256", ""), "default", false); err != nil {
		t.Fatal(err)
	}
	if tamper {
		b.Data["forerunner"].(map[string]any)["v1"].(map[string]any)["config"].(map[string]any)["level3"] = 1
	}
	path = filepath.Join(t.TempDir(), "signed.tar.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := bundle.NewWriter(f).Write(*b.Bundle); err != nil {
		t.Fatal(err)
	}
	return path, string(pem.EncodeToMemory(&pem.Block{Type: "PUBLIC KEY", Bytes: public}))
}

func TestSignedBundleVerifies(t *testing.T) {
	path, key := signedTarball(t, false)
	keyFile := filepath.Join(t.TempDir(), "key.pem")
	if err := os.WriteFile(keyFile, []byte(key), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(context.Background(), LoadOptions{Path: path, VerificationKey: keyFile}, Options{}); err != nil {
		t.Fatalf("signed bundle refused: %v", err)
	}
}

func TestTamperedBundleRefused(t *testing.T) {
	path, key := signedTarball(t, true)
	_, err := LoadBundle(LoadOptions{Path: path, VerificationKey: key})
	assertVerifyError(t, err, "在签名后被修改")
}

func TestWrongKeyRefused(t *testing.T) {
	path, _ := signedTarball(t, false)
	_, otherKey := signedTarball(t, false)
	_, err := LoadBundle(LoadOptions{Path: path, VerificationKey: otherKey})
	assertVerifyError(t, err, "签名与验证公钥不符")
}

func TestOtherKeyIDRefused(t *testing.T) {
	path, key := signedTarball(t, false)
	_, err := LoadBundle(LoadOptions{Path: path, VerificationKey: key, KeyID: "other"})
	assertVerifyError(t, err, "密钥编号")
}

func TestUnsignedBundleRefusedWhenKeyGiven(t *testing.T) {
	_, key := signedTarball(t, false)
	_, err := LoadBundle(LoadOptions{Path: "testdata/mini", VerificationKey: key})
	assertVerifyError(t, err, "未签名")
}

func assertVerifyError(t *testing.T, err error, zh string) {
	t.Helper()
	var ee *Error
	if !errors.As(err, &ee) || ee.Code != CodeBundleVerify || !ee.IsBundleError() {
		t.Fatalf("want %s, got %v", CodeBundleVerify, err)
	}
	if !strings.Contains(ee.Render("zh"), zh) || !strings.Contains(ee.Render("en"), "refused") {
		t.Fatalf("unclear message: %s / %s", ee.Render("zh"), ee.Render("en"))
	}
}
