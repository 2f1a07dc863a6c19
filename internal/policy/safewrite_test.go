package policy

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// Attack 10: policy check --fix rewrote a file outside the bundle through a
// symbolic link. A linked file is refused and left as it was.
func TestFixNeverWritesThroughASymlink(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "elsewhere.rego")
	unformatted := []byte("package x\nallow if {   true   }\n")
	os.WriteFile(outside, unformatted, 0o644)
	bundle := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(bundle, "linked.rego")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	_, err := FormatDir(bundle)
	if !errors.Is(err, errOutside) {
		t.Fatalf("FormatDir: %v, want a refusal", err)
	}
	if got, _ := os.ReadFile(outside); string(got) != string(unformatted) {
		t.Fatalf("the file outside the bundle was rewritten:\n%s", got)
	}
}

// A directory linked out of the bundle is refused the same way.
func TestWriteInsideRefusesALinkedDirectory(t *testing.T) {
	outside := t.TempDir()
	bundle := t.TempDir()
	if err := os.Symlink(outside, filepath.Join(bundle, "sources")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	err := writeInside(bundle, filepath.Join(bundle, "sources", "data.json"), []byte("{}"))
	if !errors.Is(err, errOutside) {
		t.Fatalf("got %v", err)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 0 {
		t.Fatalf("wrote outside: %v", entries)
	}
	if err := writeInside(bundle, filepath.Join(bundle, "data.json"), []byte("{}")); err != nil {
		t.Fatalf("a plain file inside: %v", err)
	}
}
