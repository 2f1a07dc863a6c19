package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/report"
	"github.com/forerunner-project/forerunner/internal/runner"
	"github.com/forerunner-project/forerunner/internal/termsafe"
	"github.com/spf13/cobra"
)

// evalFlags are eval's own flags.
type evalFlags struct {
	bundle bundleFlags
	output string
	item   string
	plan   bool // explain --plan
	batchFlags
}

func newEvalCmd() *cobra.Command {
	var flags evalFlags
	cmd := &cobra.Command{
		Use: "eval FILE|DIR|- ...",
		Example: "  forerunner eval testdata/evidence/valid/example.yaml\n" +
			"  forerunner eval --lang zh -o markdown testdata/evidence/valid/level*.yaml > report.md\n" +
			"  forerunner eval -o jsonl corpus/ > results.jsonl\n" +
			"  forerunner eval --lang zh -o html --out report.html testdata/evidence/valid\n" +
			"  forerunner eval --bundle my-bundle/ --item 2.3 evidence.yaml",
		Short: "Score evidence documents and grade the agencies / 对证据文档评分并定级",
		Long: "对每个证据文档先校验，再评分：逐项得分与理由、分类小计、否决项、等级与后果、升级差距。\n" +
			"Validates each evidence document, then scores it: every item's points and reason, subtotals,\n" +
			"vetoes, the level and its consequence, and what would lift the agency a level.\n\n" +
			"退出码 / exit codes: 0 全部评分 all scored · 1 有输入无效或未评分 some input invalid or not scored ·\n" +
			"2 用法错误 usage error · 3 策略包加载/校验/编译失败 bundle failed to load, verify or compile",
		Args: argsBetween(1, -1, "eval FILE|DIR|- ..."),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runEval(cmd, args, flags)
		},
	}
	addBundleFlags(cmd, &flags.bundle, true)
	addNoCheckFlag(cmd, &flags.bundle.noCheck)
	addSetFlag(cmd, &flags.bundle.sets)
	addOutputFlag(cmd, &flags.output, false)
	cmd.Flags().StringVar(&flags.item, "item", "",
		"explain one clause in depth, e.g. 2.6 or 2.3 / 深入说明一个条款，如 2.6 或 2.3")
	addBatchFlags(cmd, &flags.batchFlags)
	return cmd
}

// addOutputFlag adds --output with the registry's formats; explaining keeps
// those that render explanations.
func addOutputFlag(cmd *cobra.Command, output *string, explaining bool) {
	resolve := func(s string) (string, bool) {
		r, ok := report.Lookup(s)
		return r.Name, ok && (r.Explains || !explaining)
	}
	addEnumFlag(cmd, output, "output", "o", "text", report.Names(explaining), resolve, "output format / 输出格式")
}

// evalRun is one eval invocation's state.
type evalRun struct {
	stream
	lang     i18n.Lang
	format   report.Registration
	engine   *engine.Engine
	item     string
	plan     bool
	failures int
}

func runEval(cmd *cobra.Command, args []string, flags evalFlags) error {
	lang := language()
	format, _ := report.Lookup(flags.output)
	if flags.item != "" && !format.Explains {
		return usagef("--item 不支持输出格式 %s（可用 %s）", "--item cannot be written as %s (use %s)",
			format.Name, strings.Join(report.Names(true), "|"))
	}
	if flags.plan && !format.Plans {
		return usagef("--plan 不支持输出格式 %s（可用 text|json|jsonl|yaml）", "--plan cannot be written as %s (use text|json|jsonl|yaml)", format.Name)
	}
	loading, inputs, err := flags.batchFlags.inputs(args)
	if err != nil {
		return err
	}
	eng, err := loadEngine(flags.bundle, engine.Options{Timeout: flags.timeout, InputValidated: true}, cmd.ErrOrStderr(), lang)
	if err != nil {
		return err
	}
	if flags.out == "" && format.Page && onTerminal(cmd.OutOrStdout()) {
		return usagef("%s 页面不写到终端：请用 --out FILE 或重定向标准输出", "an %s page is not written to a terminal: give --out FILE or redirect stdout", format.Name)
	}
	out, err := openOut(cmd, flags.out, format.Binary)
	if err != nil {
		return err
	}
	run := &evalRun{stream: stream{stdout: bufio.NewWriterSize(out, 64<<10), stderr: cmd.ErrOrStderr()},
		lang: lang, format: format, engine: eng, item: flags.item, plan: flags.plan}
	opts := flags.batchFlags.runnerOptions(loading, eng.Model().Counting)
	if format.Buffering {
		tuneGCForBuffering()
	}
	return out.finish(run.execute(inputs, opts))
}

func (r *evalRun) execute(inputs []evidence.Input, opts runner.Options) error {
	w := r.format.New(r.stdout, report.Options{Lang: r.lang, Color: colorEnabled(os.Stdout),
		Inputs: len(inputs), Model: r.engine.Model()})
	err := r.run(len(inputs), r.lang, func(ctx context.Context, step func()) error {
		return runner.Run(ctx, r.engine, inputs, opts, func(o *runner.Outcome) error {
			step()
			return r.emit(w, o)
		})
	}, w.Close)
	if err != nil {
		return err
	}
	if r.failures > 0 {
		return errNotAllScored
	}
	return nil
}

// emit reports one outcome: diagnostics and failures on stderr, and on
// stdout one entry per input, scored or not (an unscored one names its input
// and errors). Evidence warnings are left to `validate`: the result's own
// warnings already say what the scoring ignored.
func (r *evalRun) emit(w report.Format, o *runner.Outcome) error {
	path := termsafe.Escape(o.Path)
	switch {
	case !o.Valid():
		r.failures++
		r.warn(func() { _ = evidence.WriteText(r.stderr, o.Diagnostics, o.Document.Raw, r.lang) })
		r.warn(func() {
			fmt.Fprintln(r.stderr, i18n.Tf("%s：证据无效，不评分", "%s: invalid evidence, not scored", path).In(r.lang))
		})
	case o.Err != nil:
		r.failures++
		r.warn(func() { fmt.Fprintf(r.stderr, "%s: %s\n", path, errorText(o.Err, r.lang)) })
	case !o.Result.Scored():
		r.failures++
		r.reportPolicyErrors(o)
	}
	if r.item != "" {
		return r.explain(w, o)
	}
	if p, ok := w.(report.PlanWriter); ok && r.plan {
		return p.Plans(o.Result)
	}
	return w.Write(o.Result)
}

// reportPolicyErrors repeats on stderr why a document was not scored, when
// stdout carries machine output that a person may not read.
func (r *evalRun) reportPolicyErrors(o *runner.Outcome) {
	if !r.format.Machine && r.item == "" && !r.plan {
		return
	}
	r.warn(func() {
		for _, e := range o.Result.Errors {
			fmt.Fprintf(r.stderr, "%s: %s [%s] %s%s\n", termsafe.Escape(o.Path), i18n.T("未评分", "not scored").In(r.lang), e.Code,
				termsafe.Escape(e.Text().In(r.lang)), pointerSuffix(e.At))
		}
	})
}

func pointerSuffix(p string) string {
	if p == "" {
		return ""
	}
	return " (" + p + ")"
}

// explain writes the --item explanation of a scored result.
func (r *evalRun) explain(w report.Format, o *runner.Outcome) error {
	if !o.Result.Scored() {
		return nil
	}
	exps, err := explain.Gather(o.Result, r.item, o.Document, r.engine.Model())
	if err != nil {
		r.failures++
		r.warn(func() { fmt.Fprintf(r.stderr, "%s: %s\n", termsafe.Escape(o.Path), errorText(err, r.lang)) })
		return nil
	}
	return w.Explain(exps)
}

// onTerminal reports whether w is a terminal.
func onTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
