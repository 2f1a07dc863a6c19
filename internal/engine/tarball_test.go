package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tarEntry is one file of a crafted tarball: size is what its header
// claims, data what follows (a lying header gives less).
type tarEntry struct {
	name string
	size int64
	data []byte
}

// craftTarball gzips a tar of entries, without closing the tar when a header
// claims more than follows (the writer would refuse).
func craftTarball(t *testing.T, entries ...tarEntry) []byte {
	t.Helper()
	var out bytes.Buffer
	gz, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	honest := true
	for _, e := range entries {
		if err := tw.WriteHeader(&tar.Header{Name: e.name, Size: e.size, Mode: 0o644, Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(e.data)
		honest = honest && int64(len(e.data)) == e.size
	}
	if honest {
		tw.Close()
	} else {
		tw.Flush()
	}
	gz.Close()
	return out.Bytes()
}

func writeFile(t *testing.T, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bundle.tar.gz")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func wantTooLarge(t *testing.T, err error, mentions string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeBundleTooLarge || !e.IsBundleError() {
		t.Fatalf("got %v, want %s", err, CodeBundleTooLarge)
	}
	if !strings.Contains(e.Msg.EN, mentions) || !strings.Contains(e.Msg.ZH, mentions) || !strings.Contains(e.Msg.ZH, "MiB") {
		t.Fatalf("message %+v does not name %q", e.Msg, mentions)
	}
}

// Attack 4: a 26 KB tarball whose header claims 100 GiB crashed the process
// (OPA allocates what the header claims). It is refused, naming the file.
func TestTarballHeaderClaiming100GiBIsRefused(t *testing.T) {
	path := writeFile(t, craftTarball(t, tarEntry{"forerunner/v1/big.rego", 100 << 30, make([]byte, 26<<10)}))
	_, err := LoadBundle(LoadOptions{Path: path})
	wantTooLarge(t, err, "forerunner/v1/big.rego")
}

// Attack 4: a gzip bomb (a few MB inflating to gigabytes) used 2.4 GB and
// 15 s. Inflation stops at the total bound, whatever the headers say; a file
// over the per-file bound is refused even when its header is honest.
func TestGzipBombStopsAtTheBound(t *testing.T) {
	limits := sizeLimits{file: 1 << 20, total: 4 << 20}
	var many []tarEntry
	for i := range 8 {
		many = append(many, tarEntry{"f" + string(rune('a'+i)) + ".json", 1 << 20, make([]byte, 1<<20)})
	}
	bomb := craftTarball(t, many...)
	if len(bomb) > 100<<10 {
		t.Fatalf("the bomb is %d bytes", len(bomb))
	}
	_, err := readTarball(writeFile(t, bomb), limits)
	wantTooLarge(t, err, "bundle.tar.gz")
	big := craftTarball(t, tarEntry{"data.json", 2 << 20, make([]byte, 2<<20)})
	_, err = readTarball(writeFile(t, big), limits)
	wantTooLarge(t, err, "data.json")
	fits := craftTarball(t, tarEntry{"a.json", 1 << 20, make([]byte, 1<<20)}, tarEntry{"b.json", 1 << 20, make([]byte, 1<<20)})
	if _, err := readTarball(writeFile(t, fits), limits); err != nil {
		t.Fatalf("a bundle within the bounds: %v", err)
	}
}

// Attack 5: a bundle file over 64 MiB was cut to 64 MiB, and the cut bundle
// scored (the digest describing the cut content). It is refused instead.
func TestOversizeBundleFileIsRefusedNotCut(t *testing.T) {
	dir := copyDir(t, "testdata/mini")
	big := filepath.Join(dir, "forerunner", "v1", "padding.rego")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("package forerunner.v1.padding\n\n# ")
	f.Write(bytes.Repeat([]byte("x"), int(bundleLimits.file)))
	f.WriteString("\n")
	f.Close()
	_, err = LoadBundle(LoadOptions{Path: dir})
	wantTooLarge(t, err, "forerunner/v1/padding.rego")
}
