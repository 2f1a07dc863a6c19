package policy

import (
	"context"
	"io"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/signing"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/compile"
)

// BuildOptions shape the bundle archive.
type BuildOptions struct {
	Revision   string // replaces the manifest's revision when set
	SigningKey string // PEM private key, or a path to one; empty: unsigned
	KeyID      string // "kid" of the signature, matched by the verifier's key id; empty: "default"
	Algorithm  string // signing algorithm (upstream OPA's names); empty: from the key
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
		key, err := signing.PrivateKey(opts.SigningKey, opts.Algorithm)
		if err != nil {
			return err
		}
		keyID := opts.KeyID
		if keyID == "" {
			keyID = signing.DefaultKeyID
		}
		c = c.WithBundleSigningConfig(signing.SigningConfig(key)).WithBundleVerificationKeyID(keyID)
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
