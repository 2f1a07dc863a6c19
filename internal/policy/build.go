package policy

import (
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/compile"
)

// BuildOptions shape the bundle archive.
type BuildOptions struct {
	Revision   string // replaces the manifest's revision when set
	SigningKey string // PEM private key, or a path to one; empty: unsigned
	KeyID      string // "kid" of the signature, matched by the verifier's key id
	Algorithm  string // signing algorithm; empty: from the key (RS256, ES256/384/512)
}

// Build writes src as an OPA bundle archive (.tar.gz) to w: tests left out,
// paths relative to the bundle root, the manifest's roots and rego_version
// kept, signed when a key is given. The bundle must compile first.
func Build(ctx context.Context, src *Source, opts BuildOptions, w io.Writer) error {
	if _, err := engine.Compile(src.Bundle, engine.CompileOptions{}); err != nil {
		return err
	}
	b := releaseBundle(src)
	c := compile.New().
		WithBundle(b).
		WithRegoVersion(ast.RegoV1).
		WithCapabilities(engine.Capabilities()).
		WithOutput(w)
	if opts.Revision != "" {
		c = c.WithRevision(opts.Revision)
	}
	if opts.SigningKey != "" {
		signing, err := signingConfig(opts)
		if err != nil {
			return err
		}
		c = c.WithBundleSigningConfig(signing).WithBundleVerificationKeyID(opts.KeyID)
	}
	return c.Build(ctx)
}

// releaseBundle copies the source bundle without its tests and old
// signatures, naming every module by its path inside the bundle (never the
// directory it was read from).
func releaseBundle(src *Source) *bundle.Bundle {
	b := *src.Bundle.Bundle
	b.Manifest = src.Manifest.Copy()
	b.Signatures = bundle.SignaturesConfig{}
	b.Modules = nil
	for _, m := range src.Bundle.Modules {
		rel := "/" + strings.TrimPrefix(m.Path, "/")
		if isTestFile(rel) {
			continue
		}
		m.URL, m.Path = rel, rel
		b.Modules = append(b.Modules, m)
	}
	return &b
}

// signingConfig reads the private key and picks the algorithm that fits it.
func signingConfig(opts BuildOptions) (*bundle.SigningConfig, error) {
	key := opts.SigningKey
	if !strings.Contains(key, "-----BEGIN") {
		data, err := os.ReadFile(key)
		if err != nil {
			return nil, fmt.Errorf("cannot read signing key / 无法读取签名私钥: %w", err)
		}
		key = string(data)
	}
	alg := opts.Algorithm
	if alg == "" {
		var err error
		if alg, err = algorithmFor(key); err != nil {
			return nil, err
		}
	}
	return bundle.NewSigningConfig(key, alg, ""), nil
}

var ecAlgorithms = map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}

// algorithmFor names the JWS algorithm for a PEM private key.
func algorithmFor(pemKey string) (string, error) {
	block, _ := pem.Decode([]byte(pemKey))
	if block == nil {
		return "", errors.New("signing key is not PEM / 签名私钥不是 PEM 格式")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	default:
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	}
	if err != nil {
		return "", fmt.Errorf("signing key unreadable / 签名私钥无法解析: %w", err)
	}
	switch k := key.(type) {
	case *rsa.PrivateKey:
		return "RS256", nil
	case *ecdsa.PrivateKey:
		if alg, ok := ecAlgorithms[k.Curve.Params().Name]; ok {
			return alg, nil
		}
	}
	return "", fmt.Errorf("unsupported signing key type %T (use RSA or ECDSA) / 不支持的私钥类型", key)
}
