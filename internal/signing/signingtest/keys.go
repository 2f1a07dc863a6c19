// Package signingtest makes the keys the signing tests use, with openssl as
// a user would.
package signingtest

import (
	"os/exec"
	"path/filepath"
	"testing"
)

// KeyPair is a private key and its public key, written by openssl, with the
// algorithm the key itself implies.
type KeyPair struct {
	Name, Private, Public, Alg string
}

// OpenSSLKeys writes one key pair of every supported kind and encoding with
// `openssl genpkey` (and `openssl pkey/rsa/ec` for the other encodings), as
// a user would. Without openssl the test cannot make its keys and skips.
func OpenSSLKeys(t testing.TB) []KeyPair {
	t.Helper()
	if _, err := exec.LookPath("openssl"); err != nil {
		t.Skip("openssl not found on PATH: the keys of this test are written by openssl genpkey")
	}
	dir := t.TempDir()
	ssl := func(args ...string) {
		t.Helper()
		if out, err := exec.Command("openssl", args...).CombinedOutput(); err != nil {
			t.Fatalf("openssl %v: %v\n%s", args, err, out)
		}
	}
	p := func(name string) string { return filepath.Join(dir, name) }
	ssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", p("rsa.pem"))
	ssl("rsa", "-in", p("rsa.pem"), "-traditional", "-out", p("rsa-pkcs1.pem"))
	ssl("pkey", "-in", p("rsa.pem"), "-pubout", "-out", p("rsa.pub"))
	ssl("rsa", "-in", p("rsa.pem"), "-RSAPublicKey_out", "-out", p("rsa-pkcs1.pub"))
	ssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", p("ec256.pem"))
	ssl("ec", "-in", p("ec256.pem"), "-out", p("ec256-sec1.pem"))
	ssl("pkey", "-in", p("ec256.pem"), "-pubout", "-out", p("ec256.pub"))
	ssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", p("ec384.pem"))
	ssl("pkey", "-in", p("ec384.pem"), "-pubout", "-out", p("ec384.pub"))
	ssl("genpkey", "-algorithm", "ED25519", "-out", p("ed25519.pem"))
	ssl("pkey", "-in", p("ed25519.pem"), "-pubout", "-out", p("ed25519.pub"))
	return []KeyPair{
		{"RSA PKCS#8 / PKIX", p("rsa.pem"), p("rsa.pub"), "RS256"},
		{"RSA PKCS#1 / PKCS#1", p("rsa-pkcs1.pem"), p("rsa-pkcs1.pub"), "RS256"},
		{"ECDSA P-256 PKCS#8 / PKIX", p("ec256.pem"), p("ec256.pub"), "ES256"},
		{"ECDSA P-256 SEC1 / PKIX", p("ec256-sec1.pem"), p("ec256.pub"), "ES256"},
		{"ECDSA P-384 PKCS#8 / PKIX", p("ec384.pem"), p("ec384.pub"), "ES384"},
		{"Ed25519 PKCS#8 / PKIX", p("ed25519.pem"), p("ed25519.pub"), "EdDSA"},
	}
}
