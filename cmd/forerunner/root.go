package main

import (
	"errors"
	"io"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/spf13/cobra"
)

// globalFlags are the flags every command shares.
type globalFlags struct {
	lang string
}

var globals globalFlags

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "forerunner",
		Short: "Grade Enterprise Standard \"Leader\" evaluation agencies / 企业标准“领跑者”评估机构评价",
		Long: "forerunner 按团体标准对企业标准“领跑者”评估机构进行评分、定级并逐项说明理由。\n" +
			"forerunner scores and grades the evaluation agencies of the Enterprise Standard \"Leader\"\n" +
			"system against their group standard, and explains every point.",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().Var(langValue{&globals.lang}, "lang",
		"output language zh|en (default from LC_ALL/LANG) / 输出语言")
	_ = root.RegisterFlagCompletionFunc("lang", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return []string{"zh", "en"}, cobra.ShellCompDirectiveNoFileComp
	})
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(commands()...)
	markRunErrors(root)
	return root
}

// flagError keeps our own message for a refused enum value; cobra's other
// flag errors stay as they are and are worded by usageMessage.
func flagError(_ *cobra.Command, err error) error {
	var usage *usageError
	if errors.As(err, &usage) {
		return usage
	}
	return err
}

// markRunErrors wraps every command's RunE so that exitCode can tell its
// errors from cobra's own.
func markRunErrors(cmd *cobra.Command) {
	if run := cmd.RunE; run != nil {
		cmd.RunE = func(c *cobra.Command, args []string) error {
			if err := run(c, args); err != nil {
				return &runError{err: err}
			}
			return nil
		}
	}
	for _, sub := range cmd.Commands() {
		markRunErrors(sub)
	}
}

// language returns the language chosen by --lang (checked when parsed) or
// the environment.
func language() i18n.Lang {
	lang, err := i18n.Choose(globals.lang)
	if err != nil {
		return i18n.FromEnv()
	}
	return lang
}

// execute runs the command line on root, prints any error on stderr in the
// user's language and returns the exit status.
func execute(root *cobra.Command, args []string, stderr io.Writer) int {
	root.SetArgs(args)
	err := root.Execute()
	lang := language()
	if globals.lang == "" {
		lang = langOfArgs(args) // cobra may have stopped before parsing --lang
	}
	msg := errorText(err, lang)
	if fromCobra(err) {
		msg = usageMessage(err, args)
	}
	if msg != "" {
		_, _ = io.WriteString(stderr, msg+"\n")
	}
	return exitCode(err)
}
