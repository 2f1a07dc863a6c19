// Package engine is the only part of forerunner that evaluates Rego: it loads
// the policy bundle (embedded, directory or tarball), verifies its signature
// when asked, compiles it once with deterministic built-ins only, and scores
// evidence documents into result documents.
package engine

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/signing"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/loader/filter"
)

// EmbeddedSource names the bundle compiled into the binary.
const EmbeddedSource = "embedded"

// LoadOptions says where the bundle comes from and how to verify it.
type LoadOptions struct {
	// Path is a bundle directory or a .tar.gz file; empty means the embedded bundle.
	Path string
	// VerificationKey is a PEM public key (or a path to one). When set, the
	// bundle must carry a valid .signatures.json covering every file.
	VerificationKey string
	// KeyID, when set, is the key id the signature must name; empty accepts
	// the id the signature names.
	KeyID string
	// Algorithm of the signature (upstream OPA's names); empty: the key's own.
	Algorithm string
	// WithoutTests leaves *_test.rego files unparsed (they still count in the
	// digest): evaluation never compiles them. Ignored when verifying, as the
	// signature covers them.
	WithoutTests bool
}

// Bundle is a loaded policy bundle together with what identifies it.
type Bundle struct {
	*bundle.Bundle
	// Source is "embedded", the directory or the tarball path.
	Source string
	// Digest is "sha256:<hex>" over the bundle's files (paths and contents,
	// sorted), the same whether the bundle is embedded, a directory or a tarball.
	Digest string
	// Files maps each bundle file path (slash separated, no leading "/") to its content.
	Files map[string][]byte
	// Overrides are the --set changes applied to the data after loading
	// (ApplySettings); Files and Digest still describe the bundle as read.
	Overrides []Override
	// DataDigest is the digest of the data after the overrides; empty without them.
	DataDigest string
}

// Revision is the manifest's revision string.
func (b *Bundle) Revision() string { return b.Manifest.Revision }

// LoadBundle reads, verifies and parses the bundle named by opts.
func LoadBundle(opts LoadOptions) (*Bundle, error) {
	loader, source, closeFn, err := openLoader(opts.Path)
	if err != nil {
		return nil, err
	}
	defer closeFn()
	hashing := &recordingLoader{inner: loader, files: map[string][]byte{}, source: source,
		skipTests: opts.WithoutTests && opts.VerificationKey == ""}
	reader := bundle.NewCustomReader(hashing).
		WithProcessAnnotations(true).
		WithCapabilities(Capabilities()).
		WithSizeLimitBytes(bundleLimits.file)
	verify, err := verificationConfig(opts)
	if err != nil {
		return nil, err
	}
	if verify == nil {
		reader = reader.WithSkipBundleVerification(true)
	} else {
		reader = reader.WithBundleVerificationConfig(verify)
	}
	b, err := reader.Read()
	if err != nil {
		return nil, bundleReadError(source, verify != nil, err)
	}
	return &Bundle{Bundle: &b, Source: source, Digest: digestFiles(hashing.files), Files: hashing.files}, nil
}

// openLoader picks the OPA directory loader for the embedded FS, a directory or a tarball.
func openLoader(p string) (bundle.DirectoryLoader, string, func(), error) {
	noop := func() {}
	if p == "" {
		return bundle.NewFSLoaderWithRoot(policies.FS, "."), EmbeddedSource, noop, nil
	}
	info, err := os.Stat(p)
	if err != nil {
		return nil, p, noop, &Error{Code: CodeBundleLoad, Err: err,
			Msg: i18n.Tf("无法读取策略包 %s", "cannot read bundle %s", p)}
	}
	if info.IsDir() {
		return bundle.NewDirectoryLoader(p).WithFilter(skipNonBundleFiles), p, noop, nil
	}
	data, err := readTarball(p, bundleLimits)
	if err != nil {
		return nil, p, noop, err
	}
	return bundle.NewTarballLoaderWithBaseURL(bytes.NewReader(data), p), p, noop, nil
}

// skipNonBundleFiles keeps a directory bundle to the files OPA reads, so that
// editor backups, Go files or READMEs beside the policies do not matter.
func skipNonBundleFiles(abspath string, info fs.FileInfo, _ int) bool {
	return !info.IsDir() && !isBundleFile(abspath)
}

// isBundleFile reports whether OPA's bundle reader uses a file of this name.
func isBundleFile(p string) bool {
	base := path.Base(strings.ReplaceAll(p, "\\", "/"))
	switch base {
	case ".manifest", ".signatures.json", "data.json", "data.yaml", "data.yml":
		return true
	}
	return strings.HasSuffix(base, ".rego")
}

var _ filter.LoaderFilter = skipNonBundleFiles

// recordingLoader keeps every file OPA's reader is given, to digest the
// bundle and to let explain quote the sources.
type recordingLoader struct {
	inner     bundle.DirectoryLoader
	files     map[string][]byte
	source    string
	total     int64
	skipTests bool
}

func (r *recordingLoader) NextFile() (*bundle.Descriptor, error) {
	for {
		d, err := r.inner.NextFile()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		_, readErr := d.Read(&buf, bundleLimits.file+1)
		_ = d.Close()
		if readErr != nil && !errors.Is(readErr, io.EOF) {
			return nil, readErr
		}
		name := strings.TrimPrefix(path.Clean("/"+d.Path()), "/")
		if !isBundleFile(name) {
			continue
		}
		if err := r.count(name, buf.Len()); err != nil {
			return nil, err
		}
		r.files[name] = buf.Bytes()
		if r.skipTests && strings.HasSuffix(name, "_test.rego") {
			continue
		}
		return bundle.NewDescriptor(d.URL(), d.Path(), bytes.NewBuffer(buf.Bytes())), nil
	}
}

// count refuses a file over the per-file bound (it was read one byte past
// it, never cut to it) and a bundle over the total.
func (r *recordingLoader) count(name string, size int) error {
	if int64(size) > bundleLimits.file {
		return bundleTooLarge(r.source, name, bundleLimits.file)
	}
	if r.total += int64(size); r.total > bundleLimits.total {
		return bundleTooLarge(r.source, "", bundleLimits.total)
	}
	return nil
}

func (r *recordingLoader) WithFilter(f filter.LoaderFilter) bundle.DirectoryLoader {
	r.inner = r.inner.WithFilter(f)
	return r
}

func (r *recordingLoader) WithPathFormat(f bundle.PathFormat) bundle.DirectoryLoader {
	r.inner = r.inner.WithPathFormat(f)
	return r
}

func (r *recordingLoader) WithSizeLimitBytes(n int64) bundle.DirectoryLoader {
	r.inner = r.inner.WithSizeLimitBytes(n)
	return r
}

func (r *recordingLoader) WithFollowSymlinks(yes bool) bundle.DirectoryLoader {
	r.inner = r.inner.WithFollowSymlinks(yes)
	return r
}

// digestFiles hashes the sorted list of (path, sha256(content)); the signature
// file is left out, as it signs the content rather than being part of it.
func digestFiles(files map[string][]byte) string {
	names := make([]string, 0, len(files))
	for name := range files {
		if name != ".signatures.json" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		sum := sha256.Sum256(files[name])
		fmt.Fprintf(h, "%s\x00%s\n", name, hex.EncodeToString(sum[:]))
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// verificationConfig builds OPA's signature check from the options, or nil
// when no key was given.
func verificationConfig(opts LoadOptions) (*bundle.VerificationConfig, error) {
	if opts.VerificationKey == "" {
		return nil, nil
	}
	key, err := signing.PublicKey(opts.VerificationKey, opts.Algorithm)
	if err != nil {
		return nil, verifyError(err)
	}
	return signing.VerificationConfig(key, opts.KeyID), nil
}

// verifyError is a key or signature problem as an engine error (exit 3).
func verifyError(err error) error {
	var signErr *signing.Error
	if errors.As(err, &signErr) {
		return &Error{Code: CodeBundleVerify, Msg: signErr.Msg, Err: signErr.Err}
	}
	return &Error{Code: CodeBundleVerify, Msg: i18n.T("签名校验失败", "signature verification failed"), Err: err}
}

// bundleReadError explains a failed read; with a key, a failure about the
// signature names the changed file or the key id.
func bundleReadError(source string, verifying bool, err error) error {
	var own *Error
	if errors.As(err, &own) {
		return own
	}
	if verifying {
		if explained, ok := signing.Explain(source, err); ok {
			return verifyError(explained)
		}
	}
	return &Error{Code: CodeBundleLoad, Err: err, Msg: i18n.Tf(
		"无法加载策略包 %s", "cannot load bundle %s", source)}
}
