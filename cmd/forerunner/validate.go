package main

import (
	"io/fs"
	"path"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/spf13/cobra"
)

type validateFlags struct {
	output    string
	maxErrors int
	maxSize   string
}

func newValidateCmd() *cobra.Command {
	var flags validateFlags
	cmd := &cobra.Command{
		Use:   "validate FILE|DIR|-...",
		Short: "Check evidence documents against schema v1 / 校验证据文档",
		Long: "校验证据文档（YAML 或 JSON；目录表示其中的 *.yaml、*.yml、*.json；- 表示标准输入），\n" +
			"逐条报告错误的位置、规则和说明；任一文档无效时退出码为 1。\n" +
			"Check evidence documents (YAML or JSON; a directory means its *.yaml, *.yml, *.json;\n" +
			"- means standard input), reporting every problem with its place, rule and message;\n" +
			"exits 1 when any document is invalid.",
		Example: "  forerunner validate evidence.yaml\n  forerunner validate --output json testdata/evidence/valid\n  cat evidence.json | forerunner validate -",
		Args:    cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runValidate(cmd, args, flags)
		},
	}
	addEnumFlag(cmd, &flags.output, "output", "o", "text", []string{"text", "json"}, nil, "output format / 输出格式")
	cmd.Flags().IntVar(&flags.maxErrors, "max-errors", evidence.DefaultMaxErrors,
		"problems reported per document, -1 for all / 每个文档最多报告的问题数，-1 为不限")
	cmd.Flags().StringVar(&flags.maxSize, "max-size", "16MiB", "largest file accepted / 可接受的最大文件")
	return cmd
}

func runValidate(cmd *cobra.Command, args []string, flags validateFlags) error {
	lang := language()
	opts, err := loadOptions(flags.maxErrors, flags.maxSize)
	if err != nil {
		return err
	}
	if opts.Counting, err = embeddedCounting(); err != nil {
		return err
	}
	paths, err := evidence.Expand(args)
	if err != nil {
		return err
	}
	results := evidence.ValidateFiles(paths, opts)
	out := cmd.OutOrStdout()
	if flags.output == "json" {
		err = evidence.WriteResultsJSON(out, results)
	} else {
		err = evidence.WriteResultsText(out, results, lang)
	}
	if err != nil {
		return err
	}
	if !evidence.AllValid(results) {
		return errNotAllScored
	}
	return nil
}

// embeddedCounting reads the embedded bundle's counting rules, which the
// duplicate and cycle warnings follow, from its config data alone (cheaper
// than building the whole model).
func embeddedCounting() ([]model.CountingRule, error) {
	config, err := fs.ReadFile(policies.FS, path.Join(append(model.ConfigPath, "data.json")...))
	if err != nil {
		return nil, &bundleError{err: err}
	}
	return model.CountingRules(config)
}

// loadOptions turns the --max-errors and --max-size flags into loader options.
func loadOptions(maxErrors int, maxSize string) (evidence.Options, error) {
	size, err := evidence.ParseSize(maxSize)
	if err != nil {
		return evidence.Options{}, usagef("%v", "%v", err)
	}
	if maxErrors == 0 {
		return evidence.Options{}, usagef("--max-errors 须为正数或 -1", "--max-errors must be positive or -1")
	}
	return evidence.Options{MaxSize: size, MaxErrors: maxErrors}, nil
}
