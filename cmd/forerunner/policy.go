package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/policy"
	"github.com/forerunner-project/forerunner/schemas"
	"github.com/spf13/cobra"
)

func newPolicyCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "policy",
		Short: "Test, check, inspect and build the policy bundle / 策略包的测试、检查、目录与构建",
	}
	cmd.AddCommand(policyCommands()...)
	return cmd
}

// loadPolicySource loads the bundle as staff edit it, tests included.
func loadPolicySource(path string) (*policy.Source, error) {
	return policy.Load(path)
}

func newPolicyTestCmd() *cobra.Command {
	var bundle bundleFlags
	var opts policy.TestOptions
	cmd := &cobra.Command{
		Use:   "test",
		Short: "Run the bundle's Rego tests / 运行策略包的 Rego 测试",
		Args:  argsBetween(0, 0, "policy test"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Timeout <= 0 {
				return usagef("--timeout 须为正的时长，如 30s 或 2m", "--timeout must be a positive duration, such as 30s or 2m")
			}
			src, err := loadPolicySource(bundle.path)
			if err != nil {
				return err
			}
			summary, err := policy.Test(context.Background(), src, opts, cmd.OutOrStdout())
			if err != nil {
				return &bundleError{err: err}
			}
			if summary.Pass+summary.Fail+summary.Error == 0 {
				return inputf("没有运行任何测试（构建出的策略包不含测试，请对源目录运行）",
					"no tests ran (a built archive has none: run on the source directory)")
			}
			if !summary.OK() {
				return inputf("测试未全部通过：%d 失败，%d 出错，%d 通过", "tests did not all pass: %d failed, %d errors, %d passed",
					summary.Fail, summary.Error, summary.Pass)
			}
			return nil
		},
	}
	addBundleFlags(cmd, &bundle, false)
	cmd.Flags().BoolVarP(&opts.Verbose, "verbose", "v", false, "list every test, as opa test -v / 列出每个测试")
	cmd.Flags().BoolVar(&opts.Coverage, "coverage", false,
		"report coverage per rule file with uncovered lines / 按规则文件报告覆盖率及未覆盖行")
	cmd.Flags().StringVarP(&opts.Run, "run", "r", "", "only tests matching this regular expression / 只运行名称匹配的测试")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", policy.DefaultTestTimeout,
		"time limit of each test; a test over it is an error / 每个测试的时限，超时的测试记为出错")
	return cmd
}

func newPolicyCheckCmd() *cobra.Command {
	var bundle bundleFlags
	var output string
	var fix bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Strict compile, type check and consistency checks / 严格编译、类型检查与一致性检查",
		Args:  argsBetween(0, 0, "policy check"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			lang := language()
			if fix {
				if err := fixBundleDir(cmd, bundle.path, lang); err != nil {
					return err
				}
			}
			src, err := loadPolicySource(bundle.path)
			if err != nil {
				return err
			}
			findings, err := checkWithEmbeddedSchema(src)
			if err != nil {
				return &bundleError{err: err}
			}
			if err := policy.WriteFindings(cmd.OutOrStdout(), findings, output, lang); err != nil {
				return err
			}
			if policy.HasErrors(findings) {
				return errNotAllScored
			}
			return nil
		},
	}
	addBundleFlags(cmd, &bundle, false)
	addEnumFlag(cmd, &output, "output", "o", policy.FormatText, policy.CheckFormats, nil, "output format / 输出格式")
	cmd.Flags().BoolVar(&fix, "fix", false,
		"first format the directory's Rego files (as opa fmt), record the rules' locations (sources data) and copy the evidence schema into the bundle / 先格式化 Rego 文件，重写规则位置数据，并把证据模式复制进策略包")
	return cmd
}

// fixBundleDir formats the Rego files of the bundle directory, then records
// the rules' locations, so that results point at the edited rules' lines.
func fixBundleDir(cmd *cobra.Command, dir string, lang i18n.Lang) error {
	if info, err := os.Stat(dir); dir == "" || err != nil || !info.IsDir() {
		return usagef("--fix 需要 --bundle 指定目录", "--fix needs --bundle DIR, a directory")
	}
	formatted, err := policy.FormatDir(dir)
	if err != nil {
		return &bundleError{err: err}
	}
	for _, path := range formatted {
		fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已格式化 %s", "formatted %s", path).In(lang))
	}
	src, err := loadPolicySource(dir)
	if err != nil {
		return err
	}
	m, err := src.Model()
	if err != nil {
		return &bundleError{err: err}
	}
	path, err := policy.UpdateSources(dir, m)
	if err != nil {
		return &bundleError{err: err}
	}
	reportUpdated(cmd, path, lang)
	if path, err = policy.UpdateEvidenceSchema(dir, evidence.SchemaJSON()); err != nil {
		return &bundleError{err: err}
	}
	reportUpdated(cmd, path, lang)
	if path, err = policy.UpdatePlanIndex(dir, src); err != nil {
		return &bundleError{err: err}
	}
	reportUpdated(cmd, path, lang)
	return updateCalendarIndex(cmd, dir, src, lang)
}

// reportUpdated names a file --fix rewrote; "" is a file already up to date.
func reportUpdated(cmd *cobra.Command, path string, lang i18n.Lang) {
	if path != "" {
		fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已更新 %s", "updated %s", path).In(lang))
	}
}

// updateCalendarIndex rewrites the working-day index derived from the
// holiday calendar, so that an edited calendar and its index stay in step.
func updateCalendarIndex(cmd *cobra.Command, dir string, src *policy.Source, lang i18n.Lang) error {
	path, err := policy.UpdateCalendarIndex(dir, src)
	if err != nil {
		return &bundleError{err: err}
	}
	reportUpdated(cmd, path, lang)
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
	var bundle bundleFlags
	var output string
	cmd := &cobra.Command{
		Use:   "inspect",
		Short: "List the items the bundle scores / 列出策略包评分的条目",
		Args:  argsBetween(0, 0, "policy inspect"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			src, err := loadPolicySource(bundle.path)
			if err != nil {
				return err
			}
			m, err := src.Model()
			if err != nil {
				return &bundleError{err: err}
			}
			return policy.WriteCatalog(cmd.OutOrStdout(), m, output)
		},
	}
	addBundleFlags(cmd, &bundle, false)
	addEnumFlag(cmd, &output, "output", "o", policy.FormatText, policy.InspectFormats, nil, "output format / 输出格式")
	return cmd
}

func newPolicyBuildCmd() *cobra.Command {
	var bundle bundleFlags
	var outPath string
	var noCheck bool
	var opts policy.BuildOptions
	cmd := &cobra.Command{
		Use:   "build -o bundle.tar.gz",
		Short: "Build an OPA bundle archive, optionally signed / 构建（可签名的）OPA 策略包",
		Args:  argsBetween(0, 0, "policy build -o bundle.tar.gz"),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if outPath == "" {
				return usagef("缺少 -o 输出文件", "missing -o output file")
			}
			src, err := loadPolicySource(bundle.path)
			if err != nil {
				return err
			}
			if noCheck {
				warnUnchecked(cmd.ErrOrStderr(), src.Source, language())
			} else if err := gateBuild(cmd, src); err != nil {
				return err
			}
			if err := writeBundleFile(outPath, src, opts); err != nil {
				return err
			}
			fmt.Fprintln(cmd.ErrOrStderr(), i18n.Tf("已写入 %s", "wrote %s", outPath).In(language()))
			return nil
		},
	}
	addBundleFlags(cmd, &bundle, false)
	cmd.Flags().StringVarP(&outPath, "output", "o", "", "bundle archive to write (.tar.gz) / 输出的策略包文件")
	addNoCheckFlag(cmd, &noCheck)
	cmd.Flags().StringVar(&opts.Revision, "revision", "", "manifest revision (default: keep the bundle's) / 清单版本")
	cmd.Flags().StringVar(&opts.SigningKey, "signing-key", "", "PEM private key to sign with / 用于签名的 PEM 私钥")
	cmd.Flags().StringVar(&opts.KeyID, "key-id", "", "key id written in the signature (default \"default\") / 签名中的密钥编号")
	addSigningAlgFlag(cmd, &opts.Algorithm)
	return cmd
}

// gateBuild refuses to build (and sign) a bundle that fails the checks of
// `policy check` or its own tests.
func gateBuild(cmd *cobra.Command, src *policy.Source) error {
	if err := gate(src, cmd.ErrOrStderr(), language()); err != nil {
		return err
	}
	if err := policy.GateTests(context.Background(), src); err != nil {
		return &bundleError{err: err}
	}
	return nil
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
		return &bundleError{err: err}
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
