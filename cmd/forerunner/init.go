package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/workbook"
	"github.com/spf13/cobra"
)

func init() { register(newInitCmd) }

func newInitCmd() *cobra.Command {
	var format string
	var bundle bundleFlags
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented evidence template / 生成带注释的证据模板",
		Long: "生成带注释的 YAML 证据模板，或（--format xlsx 或 FILE 为 *.xlsx 时）证据工作簿；\n" +
			"语言由 --lang 或环境决定；未给出 FILE 时输出到标准输出（工作簿不输出到终端）。\n" +
			"不会覆盖已有文件。模板中的 YYYY-MM-DD、YYYY 和 \"\" 填写后即可通过 validate。\n" +
			"Write a commented YAML evidence template, or (--format xlsx, or a FILE named *.xlsx)\n" +
			"an evidence workbook, in the chosen language (--lang or the environment), to FILE or\n" +
			"standard output (a workbook never to a terminal). An existing file is never overwritten.\n" +
			"Once its YYYY-MM-DD, YYYY and \"\" placeholders are filled in, it validates.",
		Example: "  forerunner init --lang zh evidence.yaml\n  forerunner init > evidence.yaml\n  forerunner init --lang zh evidence.xlsx",
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			lang, err := language()
			if err != nil {
				return err
			}
			if isWorkbook(format, args) {
				return writeTemplateWorkbook(cmd, firstArg(args), bundle, lang)
			}
			template := evidence.Template(lang)
			if len(args) == 0 {
				_, err = cmd.OutOrStdout().Write(template)
				return err
			}
			return writeNewFile(args[0], template)
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "yaml or xlsx (default: from FILE's extension, else yaml) / 模板格式 yaml 或 xlsx")
	bundle.add(cmd)
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

// writeNewFile creates path with data, refusing to replace an existing file.
func writeNewFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return exitWith(ExitUsage, fmt.Errorf("%s already exists; not overwritten / %s 已存在，未覆盖", path, path))
	}
	if err != nil {
		return exitWith(ExitInvalid, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return exitWith(ExitInvalid, err)
	}
	return f.Close()
}
