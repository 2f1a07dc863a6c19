package signing_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	. "github.com/forerunner-project/forerunner/internal/signing"
	"github.com/forerunner-project/forerunner/internal/signing/signingtest"
)

func TestEveryKeyKindSettlesItsAlgorithm(t *testing.T) {
	for _, k := range signingtest.OpenSSLKeys(t) {
		private, err := PrivateKey(k.Private, "")
		if err != nil || private.Algorithm != k.Alg {
			t.Errorf("%s: private key algorithm %q (%v), want %s", k.Name, private.Algorithm, err, k.Alg)
		}
		public, err := PublicKey(k.Public, "")
		if err != nil || public.Algorithm != k.Alg {
			t.Errorf("%s: public key algorithm %q (%v), want %s", k.Name, public.Algorithm, err, k.Alg)
		}
		pem, _ := os.ReadFile(k.Public)
		if inline, err := PublicKey(string(pem), ""); err != nil || inline.Algorithm != k.Alg {
			t.Errorf("%s: the PEM text itself: %q (%v)", k.Name, inline.Algorithm, err)
		}
	}
}

func TestExplicitAlgorithmMustFitTheKey(t *testing.T) {
	keys := signingtest.OpenSSLKeys(t)
	rsaKey, ecKey := keys[0], keys[2]
	if k, err := PrivateKey(rsaKey.Private, "PS384"); err != nil || k.Algorithm != "PS384" {
		t.Errorf("RSA with PS384: %q %v", k.Algorithm, err)
	}
	refused := []struct {
		read     func(string, string) (Key, error)
		key, alg string
	}{
		{PrivateKey, rsaKey.Private, "ES256"},
		{PrivateKey, ecKey.Private, "RS256"},
		{PublicKey, ecKey.Public, "ES384"}, // a P-256 key signs ES256 only
		{PublicKey, rsaKey.Public, "HS256"},
		{PublicKey, rsaKey.Public, "rs256"},
	}
	for _, c := range refused {
		if _, err := c.read(c.key, c.alg); err == nil {
			t.Errorf("%s accepted for %s", c.alg, filepath.Base(c.key))
		}
	}
}

func TestUnreadableKeysAreNamed(t *testing.T) {
	if _, err := PublicKey("no/such/key.pem", ""); err == nil || !strings.Contains(err.Error(), "no/such/key.pem") {
		t.Errorf("missing file: %v", err)
	}
	dir := t.TempDir()
	notPEM := filepath.Join(dir, "key.txt")
	if err := os.WriteFile(notPEM, []byte("not a key"), 0o600); err != nil {
		t.Fatal(err)
	}
	var e *Error
	if _, err := PrivateKey(notPEM, ""); err == nil || !errors.As(err, &e) || e.Text().ZH == "" {
		t.Errorf("not PEM: %v", err)
	}
}
