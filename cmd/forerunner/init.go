package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/workbook"
	"github.com/spf13/cobra"
)

func newInitCmd() *cobra.Command {
	var format string
	var bundle bundleFlags
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented evidence template / 生成带注释的证据模板",
		Long: "生成带注释的 YAML 证据模板（语言由 --lang 或环境决定）；未给出 FILE 时输出到标准输出；\n" +
			"FILE 以 .json 结尾时写 JSON（无注释），以 .xlsx 结尾（或 --format xlsx）时写证据工作簿\n" +
			"（工作簿不输出到终端），其他扩展名（.yaml/.yml 除外）拒绝。\n" +
			"不会覆盖已有文件。模板中的 YYYY-MM-DD、YYYY 和 \"\" 填写后即可通过 validate。\n" +
			"Write a commented YAML evidence template in the chosen language (--lang or the\n" +
			"environment), to FILE or standard output. A FILE named *.json gets the same template\n" +
			"as JSON (without comments), a FILE named *.xlsx (or --format xlsx) the evidence\n" +
			"workbook (never written to a terminal); other extensions than .yaml/.yml are refused.\n" +
			"An existing file is never overwritten.\n" +
			"Once its YYYY-MM-DD, YYYY and \"\" placeholders are filled in, it validates.",
		Example: "  forerunner init --lang zh evidence.yaml\n  forerunner init > evidence.yaml\n  forerunner init --lang zh evidence.xlsx",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang := language()
			if isWorkbook(format, args) {
				return writeTemplateWorkbook(cmd, firstArg(args), bundle, lang)
			}
			if len(args) == 0 {
				_, err := cmd.OutOrStdout().Write(evidence.Template(lang))
				return err
			}
			template, err := templateFor(args[0], lang)
			if err != nil {
				return err
			}
			return writeNewFile(args[0], template)
		},
	}
	addEnumFlag(cmd, &format, "format", "", "", []string{"yaml", "xlsx"}, nil,
		"(default: from FILE's extension, else yaml) / 模板格式（默认按 FILE 的扩展名，否则 yaml）")
	addBundleFlags(cmd, &bundle, true)
	return cmd
}

// isWorkbook tells whether init writes the evidence workbook: --format
// xlsx, or a FILE named *.xlsx.
func isWorkbook(format string, args []string) bool {
	return format == "xlsx" || format == "" && len(args) == 1 && workbook.FormatOf(args[0]) == workbook.FormatXLSX
}

func firstArg(args []string) string {
	if len(args) == 0 {
		return ""
	}
	return args[0]
}

// templateFor is the template in the format FILE's name asks for: JSON for
// .json, YAML for .yaml, .yml or no extension; any other name is refused.
func templateFor(path string, lang i18n.Lang) ([]byte, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".json":
		return evidence.TemplateJSON(lang)
	case ".yaml", ".yml", "":
		return evidence.Template(lang), nil
	case ".xlsx": // with --format yaml: the name and the format disagree
		return nil, usagef("%s：--format yaml 与扩展名 .xlsx 不符", "%s: --format yaml does not fit the .xlsx name", path)
	default:
		return nil, usagef("%s：无法按扩展名 %s 写模板；请用 .yaml、.yml、.json 或 .xlsx",
			"%s: cannot write a template as %s; name the file .yaml, .yml, .json or .xlsx", path, ext)
	}
}

// writeNewFile creates path with data, refusing to replace an existing file.
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return usagef("%s 已存在，未覆盖", "%s already exists; not overwritten", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
