package engine

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

var embeddedEngine = sync.OnceValues(func() (*Engine, error) {
	return Load(context.Background(), LoadOptions{}, Options{})
})

// FuzzEvalPipeline mutates the valid examples and runs what eval runs on
// each: load and validate, then score what is valid. Nothing panics; a
// failure is a coded engine error; a scored result passed CheckResult and
// keeps every item within 0..max.
func FuzzEvalPipeline(f *testing.F) {
	files, _ := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	for _, file := range files {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := embeddedEngine()
		if err != nil {
			t.Fatal(err)
		}
		doc, diags := evidence.Load("fuzz.yaml", data, evidence.Options{Counting: e.Model().Counting})
		if diags.HasErrors() {
			return
		}
		r, err := e.Eval(context.Background(), doc.Value, "sha256:"+doc.SHA256)
		var engineErr *Error
		if err != nil {
			if !errors.As(err, &engineErr) || engineErr.Code == "" || engineErr.Msg.ZH == "" || engineErr.Msg.EN == "" {
				t.Fatalf("uncoded failure: %v", err)
			}
			return
		}
		for _, it := range r.Items {
			if it.Points < 0 || it.Points > it.Max {
				t.Fatalf("item %s: %d of %d", it.ID, it.Points, it.Max)
			}
		}
	})
}

// FuzzBundleTarball reads mutated bundle tarballs: nothing panics or
// allocates what a header claims, and every refusal is a coded bundle error
// (exit 3).
func FuzzBundleTarball(f *testing.F) {
	mini, err := tarballOf("testdata/mini")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(mini)
	f.Add([]byte{0x1f, 0x8b, 0x08, 0x00})
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.tar.gz")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := LoadBundle(LoadOptions{Path: path})
		var engineErr *Error
		if err != nil && (!errors.As(err, &engineErr) || !engineErr.IsBundleError()) {
			t.Fatalf("not a bundle error: %v", err)
		}
	})
}

// tarballOf gzips a tar of every file under dir.
func tarballOf(dir string) ([]byte, error) {
	var out bytes.Buffer
	gz := gzip.NewWriter(&out)
	tw := tar.NewWriter(gz)
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if err := tw.WriteHeader(&tar.Header{Name: "/" + filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data))}); err != nil {
			return err
		}
		_, err = tw.Write(data)
		return err
	})
	if err != nil {
		return nil, err
	}
	tw.Close()
	gz.Close()
	return out.Bytes(), nil
}
