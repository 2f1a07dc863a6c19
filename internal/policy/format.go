package policy

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
)

// CodeFormat: a Rego file is not laid out as `opa fmt` lays it out. Building
// formats it, which would move rules away from the lines the sources data
// (and so every explanation) names.
const CodeFormat = "rego_format"

// formatRego returns src as `opa fmt` writes it (Rego v1).
func formatRego(name string, src []byte) ([]byte, error) {
	return format.SourceWithOpts(name, src, format.Opts{RegoVersion: ast.RegoV1})
}

// formatFindings names every module of src whose text differs from its
// formatted form.
func formatFindings(src *Source) []Finding {
	var out []Finding
	for _, m := range src.Bundle.Modules {
		formatted, err := formatRego(m.Path, m.Raw)
		if err != nil || bytes.Equal(formatted, m.Raw) {
			continue // parse errors are reported by the compile
		}
		out = append(out, errorf(CodeFormat, strings.TrimPrefix(m.Path, "/"),
			"文件未按 opa fmt 格式排版，构建时会被重排（运行 forerunner policy check --fix --bundle 目录）",
			"not laid out as opa fmt would; building reformats it (run forerunner policy check --fix --bundle DIR)"))
	}
	return out
}

// FormatDir rewrites every .rego file under dir that `opa fmt` would change
// and returns their paths.
func FormatDir(dir string) ([]string, error) {
	var changed []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(path) != ".rego" {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		formatted, err := formatRego(path, src)
		if err != nil || bytes.Equal(formatted, src) {
			return err
		}
		changed = append(changed, path)
		return writeInside(dir, path, formatted)
	})
	return changed, err
}
