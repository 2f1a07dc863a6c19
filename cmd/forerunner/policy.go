package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/policy"
	"github.com/forerunner-project/forerunner/schemas"
	"github.com/spf13/cobra"
)

func init() { register(newPolicyCmd) }

// policySubcommands lets other command files add `policy` subcommands
// (policy_export.go adds `export`) without editing this file.
var policySubcommands []func() *cobra.Command

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Test, check, inspect and build the policy bundle / 策略包的测试、检查、目录与构建",
	}
	cmd.AddCommand(newPolicyTestCmd(), newPolicyCheckCmd(), newPolicyInspectCmd(), newPolicyBuildCmd())
	for _, factory := range policySubcommands {
		cmd.AddCommand(factory())
	}
	return cmd
}

// addBundleFlag adds --bundle, shared by every policy subcommand.
func addBundleFlag(cmd *cobra.Command, path *string) {
	cmd.Flags().StringVar(path, "bundle", "",
		"bundle directory or .tar.gz (default: the embedded bundle) / 策略包目录或 .tar.gz（默认内置策略包）")
}

// loadPolicySource loads the bundle; a failure is a bundle error (exit 3).
func loadPolicySource(path string, lang i18n.Lang) (*policy.Source, error) {
	src, err := policy.Load(path)
	if err != nil {
		return nil, exitWith(ExitBundle, errors.New(renderEngineError(err, lang)))
	}
	return src, nil
}

// renderEngineError prints an engine error in lang, other errors as they are.
func renderEngineError(err error, lang i18n.Lang) string {
	var engineErr *engine.Error
	if errors.As(err, &engineErr) {
		return engineErr.Render(lang)
	}
	return err.Error()
}

func newPolicyTestCmd() *cobra.Command {
	var bundlePath string
	var opts policy.TestOptions
	cmd := &cobra.Command{
		Use:   "test",
		Short: "Run the bundle's Rego tests / 运行策略包的 Rego 测试",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := language()
			if err != nil {
				return err
			}
			src, err := loadPolicySource(bundlePath, lang)
			if err != nil {
				return err
			}
			summary, err := policy.Test(context.Background(), src, opts, cmd.OutOrStdout())
			if err != nil {
				return exitWith(ExitBundle, errors.New(renderEngineError(err, lang)))
			}
			if summary.Pass+summary.Fail+summary.Error == 0 {
				return exitWith(ExitInvalid, errors.New(i18n.T(
					"没有运行任何测试（构建出的策略包不含测试，请对源目录运行）",
					"no tests ran (a built archive has none: run on the source directory)").In(lang)))
			}
			if !summary.OK() {
				return exitWith(ExitInvalid, errors.New(i18n.Tf("测试未全部通过：%d 失败，%d 出错，%d 通过",
					"tests did not all pass: %d failed, %d errors, %d passed",
					summary.Fail, summary.Error, summary.Pass).In(lang)))
			}
			return nil
		},
	}
	addBundleFlag(cmd, &bundlePath)
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "list every test, as opa test -v / 列出每个测试")
	cmd.Flags().BoolVar(&opts.Coverage, "coverage", false,
		"report coverage per rule file with uncovered lines / 按规则文件报告覆盖率及未覆盖行")
	cmd.Flags().StringVarP(&opts.Run, "run", "r", "", "only tests matching this regular expression / 只运行名称匹配的测试")
	return cmd
}

func newPolicyCheckCmd() *cobra.Command {
	var bundlePath, output string
	var fix bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Strict compile, type check and consistency checks / 严格编译、类型检查与一致性检查",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := language()
			if err != nil {
				return err
			}
			if fix {
				if err := fixBundleDir(cmd, bundlePath, lang); err != nil {
					return err
				}
			}
			src, err := loadPolicySource(bundlePath, lang)
			if err != nil {
				return err
			}
			findings, err := checkWithEmbeddedSchema(src)
			if err != nil {
				return exitWith(ExitBundle, errors.New(renderEngineError(err, lang)))
			}
			if err := policy.WriteFindings(cmd.OutOrStdout(), findings, output, lang); err != nil {
				return exitWith(ExitUsage, err)
			}
			if policy.HasErrors(findings) {
				return exitWith(ExitInvalid, nil)
			}
			return nil
		},
	}
	addBundleFlag(cmd, &bundlePath)
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format text|json / 输出格式")
	cmd.Flags().BoolVar(&fix, "fix", false,
		"first format the directory's Rego files (as opa fmt) and record the rules' locations (sources data) / 先格式化 Rego 文件并重写规则位置数据")
	return cmd
}

// fixBundleDir formats the Rego files of the bundle directory, then records
// the rules' locations, so that results point at the edited rules' lines.
func fixBundleDir(cmd *cobra.Command, dir string, lang i18n.Lang) error {
	if info, err := os.Stat(dir); dir == "" || err != nil || !info.IsDir() {
		return exitWith(ExitUsage, errors.New(i18n.T("--fix 需要 --bundle 指定目录", "--fix needs --bundle DIR, a directory").In(lang)))
	}
	formatted, err := policy.FormatDir(dir)
	if err != nil {
		return exitWith(ExitBundle, err)
	}
	for _, path := range formatted {
		fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已格式化 %s", "formatted %s", path).In(lang))
	}
	src, err := loadPolicySource(dir, lang)
	if err != nil {
		return err
	}
	cat, err := policy.BuildCatalog(src)
	if err != nil {
		return exitWith(ExitBundle, err)
	}
	path, err := policy.UpdateSources(dir, cat)
	if err != nil {
		return exitWith(ExitBundle, err)
	}
	fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已更新 %s", "updated %s", path).In(lang))
	return updateCalendarIndex(cmd, dir, src, lang)
}

// updateCalendarIndex rewrites the working-day index derived from the
// holiday calendar, so that an edited calendar and its index stay in step.
func updateCalendarIndex(cmd *cobra.Command, dir string, src *policy.Source, lang i18n.Lang) error {
	path, err := policy.UpdateCalendarIndex(dir, src)
	if err != nil {
		return exitWith(ExitBundle, err)
	}
	if path != "" {
		fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已更新 %s", "updated %s", path).In(lang))
	}
	return nil
}

func checkWithEmbeddedSchema(src *policy.Source) ([]policy.Finding, error) {
	schema, err := schemas.FS.ReadFile("evidence.schema.json")
	if err != nil {
		return nil, err
	}
	return policy.Check(src, schema)
}

func newPolicyInspectCmd() *cobra.Command {
	var bundlePath, output string
	cmd := &cobra.Command{
		Use:   "inspect",
		Short: "List the items the bundle scores / 列出策略包评分的条目",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := language()
			if err != nil {
				return err
			}
			src, err := loadPolicySource(bundlePath, lang)
			if err != nil {
				return err
			}
			cat, err := policy.BuildCatalog(src)
			if err != nil {
				return exitWith(ExitBundle, errors.New(renderEngineError(err, lang)))
			}
			if err := policy.WriteCatalog(cmd.OutOrStdout(), cat, output); err != nil {
				return exitWith(ExitUsage, err)
			}
			return nil
		},
	}
	addBundleFlag(cmd, &bundlePath)
	cmd.Flags().StringVarP(&output, "output", "o", "text", "output format text|json|markdown / 输出格式")
	return cmd
}

func newPolicyBuildCmd() *cobra.Command {
	var bundlePath, outPath string
	var opts policy.BuildOptions
	cmd := &cobra.Command{
		Use:   "build -o bundle.tar.gz",
		Short: "Build an OPA bundle archive, optionally signed / 构建（可签名的）OPA 策略包",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang, err := language()
			if err != nil {
				return err
			}
			if outPath == "" {
				return exitWith(ExitUsage, errors.New(i18n.T("缺少 -o 输出文件", "missing -o output file").In(lang)))
			}
			src, err := loadPolicySource(bundlePath, lang)
			if err != nil {
				return err
			}
			if err := writeBundleFile(outPath, src, opts); err != nil {
				return exitWith(ExitBundle, errors.New(renderEngineError(err, lang)))
			}
			fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已写入 %s", "wrote %s", outPath).In(lang))
			return nil
		},
	}
	addBundleFlag(cmd, &bundlePath)
	cmd.Flags().StringVarP(&outPath, "output", "o", "", "bundle archive to write (.tar.gz) / 输出的策略包文件")
	cmd.Flags().StringVar(&opts.Revision, "revision", "", "manifest revision (default: keep the bundle's) / 清单版本")
	cmd.Flags().StringVar(&opts.SigningKey, "signing-key", "", "PEM private key to sign with / 用于签名的 PEM 私钥")
	cmd.Flags().StringVar(&opts.KeyID, "key-id", "", "key id written in the signature / 签名中的密钥编号")
	cmd.Flags().StringVar(&opts.Algorithm, "signing-alg", "",
		"signing algorithm (default from the key: RS256 or ES256) / 签名算法")
	return cmd
}

// writeBundleFile builds into a temporary file beside path and renames it,
// so a failed build never leaves a truncated bundle behind.
func writeBundleFile(path string, src *policy.Source, opts policy.BuildOptions) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".bundle-*.tar.gz")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := policy.Build(context.Background(), src, opts, tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
