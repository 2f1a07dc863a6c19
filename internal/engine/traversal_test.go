package engine

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A tarball entry whose path climbs out with ".." is refused, naming it, in
// zh and en (exit 3 in the CLI: a bundle error). Nothing of an archive is ever
// written to the file system: it is read in memory.
func TestTarballEntriesCannotEscapeTheBundle(t *testing.T) {
	manifest := []byte(`{"revision": "t", "roots": ["forerunner"], "rego_version": 1}`)
	module := []byte("package forerunner.v1\n\nx := 1\n")
	for _, name := range []string{"../../escaped.rego", "forerunner/../../escaped.rego", "/forerunner/../escaped.rego"} {
		archive := writeFile(t, craftTarball(t,
			tarEntry{name: ".manifest", size: int64(len(manifest)), data: manifest},
			tarEntry{name: name, size: int64(len(module)), data: module}))
		_, err := LoadBundle(LoadOptions{Path: archive})
		var e *Error
		if !errors.As(err, &e) || !e.IsBundleError() || !strings.Contains(e.Msg.EN, name) || !strings.Contains(e.Msg.ZH, "包外") {
			t.Errorf("%s: got %v, want a bundle error naming the entry", name, err)
		}
		dir := filepath.Dir(archive)
		for _, escaped := range []string{filepath.Join(dir, "escaped.rego"), filepath.Join(filepath.Dir(dir), "escaped.rego")} {
			if _, statErr := os.Stat(escaped); statErr == nil {
				t.Fatalf("%s: %s was written", name, escaped)
			}
		}
	}
}
