package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// CodeBundleTooLarge: a bundle file, or the whole bundle, is larger than the
// host reads (exit 3, like any bundle that cannot be loaded).
const CodeBundleTooLarge = "bundle_too_large"

// sizeLimits bound what a bundle may inflate to.
type sizeLimits struct {
	file  int64 // one file, inflated
	total int64 // every file together, inflated; also the compressed tarball
}

// bundleLimits are the bounds of every bundle read: a shipped bundle is a few
// hundred kilobytes, a data file of many years' calendars a few megabytes.
var bundleLimits = sizeLimits{file: 64 << 20, total: 256 << 20}

// readTarball reads a bundle tarball into memory and checks, by inflating it
// once within the bounds (never trusting the sizes its headers claim), that
// neither a file nor the whole exceeds them; OPA then reads the checked
// bytes, so a gzip bomb costs at most limits.total of inflation and no
// memory. A malformed archive is left for OPA's reader to report.
func readTarball(path string, limits sizeLimits) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Code: CodeBundleLoad, Err: err, Msg: i18n.Tf("无法打开策略包 %s", "cannot open bundle %s", path)}
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limits.total+1))
	if err != nil {
		return nil, &Error{Code: CodeBundleLoad, Err: err, Msg: i18n.Tf("无法读取策略包 %s", "cannot read bundle %s", path)}
	}
	if int64(len(data)) > limits.total {
		return nil, bundleTooLarge(path, "", limits.total)
	}
	return data, checkTarball(path, data, limits)
}

func checkTarball(source string, data []byte, limits sizeLimits) error {
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil
	}
	inflated := &boundedReader{r: gz, left: limits.total}
	tr := tar.NewReader(inflated)
	for {
		h, err := tr.Next()
		if err == nil && h.Size > limits.file {
			return bundleTooLarge(source, h.Name, limits.file)
		}
		if err == nil && slices.Contains(strings.Split(h.Name, "/"), "..") {
			return &Error{Code: CodeBundleLoad, Msg: i18n.Tf(
				"策略包 %s 含有指向包外的条目 %q（路径含 ..），拒绝读取",
				"bundle %s has an entry pointing outside it (%q, a path with ..); refused", source, h.Name)}
		}
		if err == nil {
			_, err = io.Copy(io.Discard, tr)
		}
		switch {
		case errors.Is(err, errInflatedTooMuch):
			return bundleTooLarge(source, "", limits.total)
		case err != nil:
			return nil // the end, or a fault OPA reports in its words
		}
	}
}

var errInflatedTooMuch = errors.New("inflated past the bound")

// boundedReader fails once more than left bytes were read through it.
type boundedReader struct {
	r    io.Reader
	left int64
}

func (b *boundedReader) Read(p []byte) (int, error) {
	if b.left < 0 {
		return 0, errInflatedTooMuch
	}
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.r.Read(p)
	if b.left -= int64(n); b.left < 0 {
		return n, errInflatedTooMuch
	}
	return n, err
}

// bundleTooLarge names the file (or the bundle, when file is empty) and the
// bound it passed.
func bundleTooLarge(source, file string, limit int64) error {
	mib := limit >> 20
	if file == "" {
		return &Error{Code: CodeBundleTooLarge, Msg: i18n.Tf(
			"策略包 %s 超过 %d MiB（解压后），拒绝读取", "bundle %s is larger than %d MiB (inflated); it is refused",
			source, mib)}
	}
	return &Error{Code: CodeBundleTooLarge, Msg: i18n.Tf(
		"策略包 %s 中的文件 %s 超过 %d MiB，拒绝读取（不会截断）", "bundle %s: file %s is larger than %d MiB; it is refused, not cut",
		source, file, mib)}
}
