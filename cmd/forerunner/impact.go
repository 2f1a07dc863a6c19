package main

import (
	"bufio"
	"context"
	"fmt"
	"time"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/impact"
	"github.com/forerunner-project/forerunner/internal/runner"
	"github.com/forerunner-project/forerunner/internal/termsafe"
	"github.com/spf13/cobra"
)

// impactFlags are impact's own flags; bundle is the candidate.
type impactFlags struct {
	bundle bundleFlags
	base   string
	// baseKey and baseKeyID verify a signed --base, as --verification-key
	// and --key-id verify the candidate.
	baseKey, baseKeyID string
	output             string
	all                bool
	summary            bool
	batchFlags
}

func newImpactCmd() *cobra.Command {
	var flags impactFlags
	cmd := &cobra.Command{
		Use: "impact --bundle DIR|TARBALL FILE|DIR|- ...",
		Example: "  forerunner impact --bundle my-bundle testdata/evidence/valid\n" +
			"  forerunner impact --lang zh -o markdown --bundle my-bundle.tar.gz --verification-key public.pem evidence/ > impact.md\n" +
			"  forerunner impact -o json --base last-year.tar.gz --bundle my-bundle evidence/ > impact.json\n" +
			"  forerunner impact --set 'config.levels[0].min.encouraging=20' testdata/evidence/valid",
		Short: "Show which agencies a rule change moves, and how / 显示规则修改影响哪些机构、如何影响",
		Long: "用两个策略包对同一批证据评分并比较：基准（默认内置策略包，--base 指定其他）与候选（--bundle，或以 --set PATH=VALUE 修改的基准）。\n" +
			"逐个机构列出等级与总分的变化、得分变化的条款（前后得分与理由）、新增或解除的否决项；\n" +
			"最后汇总各等级机构数、等级变化矩阵、变化的机构数、总分变化的平均值与最大值。\n" +
			"两个策略包都须通过与 eval 相同的检查。默认只列出有变化或未评分的机构（--all 列出全部）。\n" +
			"Scores the same evidence under two bundles and compares: the base (the embedded bundle, or\n" +
			"--base) and the candidate (--bundle, or the base changed by --set PATH=VALUE). Per agency: level and total before → after, every item\n" +
			"whose points changed (both points and reasons), vetoes gained or lost; then a summary: agencies\n" +
			"per level, the level-transition matrix, how many agencies changed, the mean and largest total\n" +
			"change. Both bundles pass the same checks as with eval. Lists the agencies that changed or were\n" +
			"not scored (--all: every agency).\n\n" +
			"退出码 / exit codes: 0 无变化 nothing changed · 4 有机构结果变化 some result changed ·\n" +
			"1 有文档两个策略包均未评分 some document scored by neither bundle · 2 用法错误 usage error ·\n" +
			"3 策略包加载/校验/编译/检查失败 a bundle failed to load, verify, compile or check",
		Args: argsBetween(1, -1, "impact --bundle DIR|TARBALL FILE|DIR|- ..."),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImpact(cmd, args, flags)
		},
	}
	addBundleFlags(cmd, &flags.bundle, true)
	cmd.Flag("bundle").Usage = "candidate bundle, directory or .tar.gz (default: the base changed by --set) / 候选策略包目录或 .tar.gz（默认：以 --set 修改的基准）"
	cmd.Flags().StringVar(&flags.base, "base", "",
		"bundle to compare with, directory or .tar.gz (default: the embedded bundle) / 作为基准的策略包目录或 .tar.gz（默认内置策略包）")
	cmd.Flags().StringVar(&flags.baseKey, "base-verification-key", "",
		"PEM public key (or its file): the --base bundle must be signed with it / PEM 公钥（或其文件）：--base 策略包必须以此签名")
	cmd.Flags().StringVar(&flags.baseKeyID, "base-key-id", "",
		"key id the --base signature must name (default: any) / --base 签名须使用的密钥编号（默认不限）")
	addNoCheckFlag(cmd, &flags.bundle.noCheck)
	addSetFlag(cmd, &flags.bundle.sets)
	addEnumFlag(cmd, &flags.output, "output", "o", "text", impact.Formats, nil, "output format / 输出格式")
	cmd.Flags().BoolVar(&flags.all, "all", false,
		"list every agency, the unchanged too / 列出全部机构（包括无变化的）")
	cmd.Flags().BoolVar(&flags.summary, "summary", false,
		"write the summary only, no agency / 只输出汇总，不列机构")
	addBatchFlags(cmd, &flags.batchFlags)
	return cmd
}

// impactRun is one impact invocation's state.
type impactRun struct {
	stream
	lang      i18n.Lang
	format    string
	all       bool
	summary   bool
	base      *engine.Engine
	candidate *engine.Engine
	failures  int
}

func runImpact(cmd *cobra.Command, args []string, flags impactFlags) error {
	lang := language()
	if flags.bundle.path == "" && flags.base == "" && len(flags.bundle.sets) == 0 {
		return usagef("impact 需要 --bundle 目录|归档（候选策略包）或 --set，与内置策略包或 --base 比较",
			"impact needs --bundle DIR|TARBALL (the candidate) or --set, compared with the embedded bundle or --base")
	}
	if flags.all && flags.summary {
		return usagef("--all 与 --summary 不能同时使用", "--all and --summary cannot be used together")
	}
	loading, inputs, err := flags.batchFlags.inputs(args)
	if err != nil {
		return err
	}
	if flags.base == "" && (flags.baseKey != "" || flags.baseKeyID != "") {
		return usagef("--base-verification-key 与 --base-key-id 需要 --base", "--base-verification-key and --base-key-id need --base")
	}
	baseFlags := bundleFlags{path: flags.base, noCheck: flags.bundle.noCheck,
		verificationKey: flags.baseKey, keyID: flags.baseKeyID, algorithm: flags.bundle.algorithm}
	base, err := loadEngine(baseFlags, impactEngineOptions(baseFlags, flags.timeout), cmd.ErrOrStderr(), lang)
	if err != nil {
		return err
	}
	candidate, err := loadEngine(flags.bundle, impactEngineOptions(flags.bundle, flags.timeout), cmd.ErrOrStderr(), lang)
	if err != nil {
		return err
	}
	out, err := openOut(cmd, flags.out, false)
	if err != nil {
		return err
	}
	run := &impactRun{stream: stream{stdout: bufio.NewWriterSize(out, 64<<10), stderr: cmd.ErrOrStderr()},
		lang: lang, format: flags.output, all: flags.all, summary: flags.summary, base: base, candidate: candidate}
	opts := flags.batchFlags.runnerOptions(loading, base.Model().Counting)
	return out.finish(run.execute(inputs, opts))
}

// impactEngineOptions: the host validates every document against the
// evidence schema once, for both bundles; a bundle used without its checks
// (--no-check) may carry another schema, so it validates its input itself
// and a document it rejects is reported as scored by one bundle only.
// impact compares grades, so the plans to the next level are not computed.
func impactEngineOptions(flags bundleFlags, timeout time.Duration) engine.Options {
	unchecked := flags.checked() && flags.noCheck
	return engine.Options{Timeout: timeout, InputValidated: !unchecked, GradeOnly: true}
}

func (r *impactRun) execute(inputs []evidence.Input, opts runner.Options) error {
	header := impact.NewHeader(impact.BundleOf(r.base), impact.BundleOf(r.candidate))
	w, err := impact.NewWriter(r.format, r.stdout, r.lang, header)
	if err != nil {
		return err
	}
	summary := impact.NewSummary(header.Base.Model, header.Candidate.Model)
	engines := []*engine.Engine{r.base, r.candidate}
	err = r.run(len(inputs), r.lang, func(ctx context.Context, step func()) error {
		return runner.RunEach(ctx, engines, inputs, opts, func(o []*runner.Outcome) error {
			step()
			return r.emit(w, summary, o[0], o[1])
		})
	}, func() error {
		summary.Finish()
		return w.Close(summary)
	})
	switch {
	case err != nil:
		return err
	case r.failures > 0:
		return errNotAllScored
	case summary.AnyChange():
		return errChanged
	}
	return nil
}

// emit compares one document's outcomes under the base (before) and the
// candidate (after), counts it and writes it when it is to be listed.
func (r *impactRun) emit(w impact.Writer, summary *impact.Summary, before, after *runner.Outcome) error {
	a := impact.Compare(before.Result, after.Result)
	summary.Add(a)
	r.reportUnscored(a, before)
	if r.summary || a.Status == impact.Unchanged && !r.all {
		return nil
	}
	return w.Agency(a)
}

// reportUnscored says on stderr why a document was not scored: invalid
// evidence with its diagnostics, as eval does; other errors when stdout
// does not show them (json, --summary).
func (r *impactRun) reportUnscored(a *impact.Agency, before *runner.Outcome) {
	path := termsafe.Escape(before.Path)
	quiet := r.format != "json" && !r.summary
	switch {
	case a.Status == impact.NotScored && !before.Valid():
		r.failures++
		r.warn(func() { _ = evidence.WriteText(r.stderr, before.Diagnostics, before.Document.Raw, r.lang) })
		r.warn(func() {
			fmt.Fprintln(r.stderr, i18n.Tf("%s：证据无效，不评分", "%s: invalid evidence, not scored", path).In(r.lang))
		})
	case a.Status == impact.NotScored:
		r.failures++
		if !quiet {
			r.writeErrors(path, i18n.T("两个策略包均未评分", "scored by neither bundle"), a.Before.Errors)
		}
	case a.Status == impact.ScoredBeforeOnly && !quiet:
		r.writeErrors(path, i18n.T("候选策略包未评分", "not scored by the candidate bundle"), a.After.Errors)
	case a.Status == impact.ScoredAfterOnly && !quiet:
		r.writeErrors(path, i18n.T("基准策略包未评分", "not scored by the base bundle"), a.Before.Errors)
	}
}

func (r *impactRun) writeErrors(path string, what i18n.Text, errs []engine.PolicyError) {
	r.warn(func() {
		for _, e := range errs {
			fmt.Fprintf(r.stderr, "%s: %s [%s] %s%s\n", path, what.In(r.lang), e.Code,
				termsafe.Escape(e.Text().In(r.lang)), pointerSuffix(e.At))
		}
	})
}
