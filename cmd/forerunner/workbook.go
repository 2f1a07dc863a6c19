package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/workbook"
	"github.com/spf13/cobra"
)

func init() { register(newConvertCmd) }

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
	cmd.Flags().StringVar(&flags.to, "to", "", "output format yaml|json|xlsx (default: from OUT's extension) / 输出格式")
	cmd.Flags().StringVar(&flags.maxSize, "max-size", "16MiB", "largest file accepted / 可接受的最大文件")
	flags.bundle.add(cmd)
	return cmd
}

func runConvert(cmd *cobra.Command, in, out string, flags convertFlags) error {
	lang, err := language()
	if err != nil {
		return err
	}
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
		return exitWith(ExitInvalid, err)
	}
	if diags.HasErrors() {
		return exitWith(ExitInvalid, errors.New(i18n.Tf("%s 有错误，未转换", "%s has errors and was not converted", in).In(lang)))
	}
	wbOpts := workbook.Options{Lang: lang}
	if format == workbook.FormatXLSX {
		if wbOpts.Clauses, err = bundleClauses(flags.bundle, lang); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := workbook.WriteDocument(&buf, doc.Value, format, wbOpts); err != nil {
		return exitWith(ExitInvalid, err)
	}
	if out == "-" {
		return writeBinary(cmd.OutOrStdout(), buf.Bytes(), format == workbook.FormatXLSX, lang)
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
	case "yml":
		return workbook.FormatYAML, nil
	}
	return "", exitWith(ExitUsage, fmt.Errorf("cannot tell the output format of %q: name it .yaml, .json or .xlsx, or give --to / "+
		"无法判断 %q 的输出格式：请用 .yaml、.json 或 .xlsx 扩展名，或给出 --to", out, out))
}

// writeBinary writes data to w, refusing to send a binary format to a
// terminal, where it would only garble the screen.
func writeBinary(w io.Writer, data []byte, binary bool, lang i18n.Lang) error {
	if f, ok := w.(*os.File); ok && binary && isTerminal(f) {
		return exitWith(ExitUsage, errors.New(i18n.T("不向终端输出二进制的 .xlsx：请给出文件名或重定向到文件",
			"will not write a binary .xlsx to a terminal: name a file or redirect the output").In(lang)))
	}
	_, err := w.Write(data)
	return err
}

// bundleClauses reads the clauses (items, then vetoes) the instructions
// sheet quotes, from the bundle the user would evaluate with.
func bundleClauses(flags bundleFlags, lang i18n.Lang) ([]workbook.Clause, error) {
	eng, err := engine.Load(context.Background(), flags.options(), engine.Options{})
	if err != nil {
		return nil, exitWith(ExitBundle, errors.New(renderEngineError(err, lang)))
	}
	return catalogClauses(eng.Catalog()), nil
}

func catalogClauses(cat *engine.Catalog) []workbook.Clause {
	var out []workbook.Clause
	add := func(doc engine.ItemDoc) {
		c := workbook.Clause{ID: doc.ID, Title: doc.Title}
		if doc.Clause != nil {
			c.Text = *doc.Clause
		}
		out = append(out, c)
	}
	for _, id := range cat.ItemIDs() {
		add(cat.Items[id])
	}
	vetoes := make([]string, 0, len(cat.Vetoes))
	for id := range cat.Vetoes {
		vetoes = append(vetoes, id)
	}
	sort.Strings(vetoes)
	for _, id := range vetoes {
		add(cat.Vetoes[id])
	}
	return out
}

// writeTemplateWorkbook writes the empty evidence workbook for init.
func writeTemplateWorkbook(cmd *cobra.Command, path string, flags bundleFlags, lang i18n.Lang) error {
	clauses, err := bundleClauses(flags, lang)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := workbook.WriteEvidence(&buf, nil, workbook.Options{Lang: lang, Clauses: clauses}); err != nil {
		return exitWith(ExitInvalid, err)
	}
	if path == "" {
		return writeBinary(cmd.OutOrStdout(), buf.Bytes(), true, lang)
	}
	return writeNewFile(path, buf.Bytes())
}
