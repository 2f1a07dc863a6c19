package policy

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// errOutside: a write would follow a symbolic link, or leave the bundle.
var errOutside = errors.New("refusing to write through a symbolic link or outside the bundle / 拒绝经由符号链接写入或写到策略包之外")

// writeInside writes data to path inside the bundle directory root. The
// file must not be a symbolic link and its directory must resolve inside
// root, so --fix never rewrites a file elsewhere through a link; the file is
// replaced by a rename in its own directory, never written through.
func writeInside(root, path string, data []byte) error {
	realRoot, err := filepath.EvalSymlinks(root)
	if err != nil {
		return err
	}
	realDir, err := filepath.EvalSymlinks(filepath.Dir(path))
	if err != nil {
		return err
	}
	if rel, err := filepath.Rel(realRoot, realDir); err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return fmt.Errorf("%s: %w", path, errOutside)
	}
	if info, err := os.Lstat(path); err == nil && info.Mode()&os.ModeSymlink != 0 {
		return fmt.Errorf("%s: %w", path, errOutside)
	}
	tmp, err := os.CreateTemp(realDir, "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(realDir, filepath.Base(path)))
}

// writeGenerated writes a generated file (file: its slash-separated path in
// the bundle) into the bundle directory dir as updateInside does, creating
// its folder; dir must be a directory (--fix works on --bundle DIR only).
func writeGenerated(dir, file string, data []byte) (string, error) {
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return "", fmt.Errorf("--fix needs --bundle DIR, a directory / --fix 需要 --bundle 指定目录")
	}
	path := filepath.Join(dir, filepath.FromSlash(file))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	return updateInside(dir, path, data)
}

// updateInside writes data to path as writeInside does, unless path is a
// regular file that already holds exactly data. It returns the path written,
// or "" when nothing changed, so --fix reports only what it changed.
func updateInside(root, path string, data []byte) (string, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode().IsRegular() {
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, data) {
			return "", nil
		}
	}
	return path, writeInside(root, path, data)
}
