package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"slices"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/forerunner-project/forerunner/internal/workbook"
	"github.com/spf13/cobra"
)

type convertFlags struct {
	to      string
	bundle  bundleFlags
	maxSize string
}

func newConvertCmd() *cobra.Command {
	var flags convertFlags
	cmd := &cobra.Command{
		Use:   "convert IN OUT",
		Short: "Convert evidence between YAML, JSON and a workbook / 在 YAML、JSON 与工作簿之间转换证据",
		Long: "把证据文档在 YAML、JSON 与 .xlsx 工作簿之间转换（格式由扩展名决定，或用 --to）。\n" +
			"输入先经过与 validate 相同的校验，有错误时不转换；不会覆盖已有文件。\n" +
			"工作簿的语言由 --lang 决定；往返转换得到同一证据值。\n" +
			"Convert an evidence document between YAML, JSON and an .xlsx workbook (the format\n" +
			"follows the extension, or --to). The input is validated as by validate and not\n" +
			"converted when it has errors; an existing file is never overwritten. The workbook is\n" +
			"written in the --lang language; a round trip gives back the same evidence value.",
		Example: "  forerunner convert evidence.yaml evidence.xlsx\n  forerunner convert --lang en evidence.xlsx evidence.json",
		Args:    argsBetween(2, 2, "convert IN OUT"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConvert(cmd, args[0], args[1], flags)
		},
	}
	addEnumFlag(cmd, &flags.to, "to", "", "", []string{"yaml", "json", "xlsx"}, nil,
		"(default: from OUT's extension) / 输出格式（默认按 OUT 的扩展名）")
	cmd.Flags().StringVar(&flags.maxSize, "max-size", "16MiB", "largest file accepted / 可接受的最大文件")
	addBundleFlags(cmd, &flags.bundle, true)
	return cmd
}

func runConvert(cmd *cobra.Command, in, out string, flags convertFlags) error {
	lang := language()
	format, err := outputFormat(out, flags.to)
	if err != nil {
		return err
	}
	opts, err := loadOptions(-1, flags.maxSize)
	if err != nil {
		return err
	}
	doc, diags := evidence.LoadFile(in, opts)
	if err := evidence.WriteText(cmd.ErrOrStderr(), diags, doc.Raw, lang); err != nil {
		return err
	}
	if diags.HasErrors() {
		return inputf("%s 有错误，未转换", "%s has errors and was not converted", in)
	}
	wbOpts := workbook.Options{Lang: lang}
	if format == workbook.FormatXLSX {
		if wbOpts.Clauses, err = bundleClauses(flags.bundle); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := workbook.WriteDocument(&buf, doc.Value, format, wbOpts); err != nil {
		return err
	}
	if out == "-" {
		return writeBinary(cmd.OutOrStdout(), buf.Bytes(), format == workbook.FormatXLSX)
	}
	return writeNewFile(out, buf.Bytes())
}

// outputFormat is --to, else the format OUT's extension names.
func outputFormat(out, to string) (workbook.Format, error) {
	format := workbook.Format(to)
	if to == "" {
		format = workbook.FormatOf(out)
	}
	switch format {
	case workbook.FormatYAML, workbook.FormatJSON, workbook.FormatXLSX:
		return format, nil
	}
	return "", usagef("无法判断 %q 的输出格式：请用 .yaml、.json 或 .xlsx 扩展名，或给出 --to",
		"cannot tell the output format of %q: name it .yaml, .json or .xlsx, or give --to", out)
}

// writeBinary writes data to w, refusing to send a binary format to a
// terminal, where it would only garble the screen.
func writeBinary(w io.Writer, data []byte, binary bool) error {
	if err := refuseTerminal(w, binary); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}

// refuseTerminal refuses a binary format on a terminal, where it would only
// garble the screen.
func refuseTerminal(w io.Writer, binary bool) error {
	if f, ok := w.(*os.File); ok && binary && isTerminal(f) {
		return usagef("不向终端输出二进制的 .xlsx：请给出文件名（--out）或重定向到文件",
			"will not write a binary .xlsx to a terminal: name a file (--out) or redirect the output")
	}
	return nil
}

// bundleClauses reads the clauses (items, vetoes, misconduct) the
// instructions sheet quotes, from the model of the bundle the user would
// evaluate with.
func bundleClauses(flags bundleFlags) ([]workbook.Clause, error) {
	eng, err := engine.Load(context.Background(), flags.loadOptions(), engine.Options{})
	if err != nil {
		return nil, err
	}
	return modelClauses(eng.Model()), nil
}

func modelClauses(m *model.Model) []workbook.Clause {
	var out []workbook.Clause
	for _, it := range m.Items {
		out = append(out, workbook.Clause{ID: it.ID, Title: it.Title, Text: it.Clause})
	}
	for _, v := range append(slices.Clone(m.Vetoes), m.Misconduct...) {
		c := workbook.Clause{ID: v.ID, Title: v.Title}
		if v.Rule != nil {
			c.Text = v.Rule.Clause
		}
		out = append(out, c)
	}
	return out
}

// writeTemplateWorkbook writes the empty evidence workbook for init.
func writeTemplateWorkbook(cmd *cobra.Command, path string, flags bundleFlags, lang i18n.Lang) error {
	if path == "" {
		if err := refuseTerminal(cmd.OutOrStdout(), true); err != nil {
			return err
		}
	}
	clauses, err := bundleClauses(flags)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := workbook.WriteEvidence(&buf, nil, workbook.Options{Lang: lang, Clauses: clauses}); err != nil {
		return err
	}
	if path == "" {
		return writeBinary(cmd.OutOrStdout(), buf.Bytes(), true)
	}
	return writeNewFile(path, buf.Bytes())
}
