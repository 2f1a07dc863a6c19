package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOutRefusesToOverwriteAnInput(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "agency.yaml")
	if err := os.WriteFile(input, []byte("evidence"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := createOut(filepath.Join(dir, ".", "agency.yaml"), []string{"-", input})
	var usage *usageError
	if !errors.As(err, &usage) || !strings.Contains(usage.Text().ZH, "输入文件") {
		t.Fatalf("err = %v, want a refusal naming the input", err)
	}
	if data, _ := os.ReadFile(input); string(data) != "evidence" {
		t.Error("the input changed")
	}
	if _, err := createOut(dir, nil); !errors.As(err, &usage) {
		t.Errorf("a directory as --out: err = %v", err)
	}
}

func TestOutReplacesOnlyWhenDone(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	failed, err := createOut(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	failed.Write([]byte("half a pa"))
	failed.discard()
	if data, _ := os.ReadFile(path); string(data) != "old" {
		t.Errorf("a failed run changed the file: %q", data)
	}
	done, err := createOut(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	done.Write([]byte("new"))
	if err := done.commit(); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(path); string(data) != "new" {
		t.Errorf("file = %q, want new", data)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", info.Mode().Perm())
	}
}
