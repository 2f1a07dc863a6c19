package main

import (
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/spf13/cobra"
)

// Exit statuses, documented in README.md.
const (
	ExitOK      = 0 // every input valid / scored
	ExitInvalid = 1 // some input invalid or not scored (the rest still printed)
	ExitUsage   = 2 // usage error
	ExitBundle  = 3 // bundle failed to load, verify or compile
)

// exitError carries an exit status out of a command. A nil err means the
// command already reported what went wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return "exit status"
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// exitWith returns an error that makes the process exit with code.
func exitWith(code int, err error) error { return &exitError{code: code, err: err} }

// commandFactories is filled by each command file's init, so that command files
// stay independent of each other.
var commandFactories []func() *cobra.Command

func register(factory func() *cobra.Command) {
	commandFactories = append(commandFactories, factory)
}

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
	root.PersistentFlags().StringVar(&globals.lang, "lang", "",
		"output language zh|en (default from LC_ALL/LANG) / 输出语言")
	for _, factory := range commandFactories {
		root.AddCommand(factory())
	}
	return root
}

// language returns the language chosen by --lang or the environment; an unknown
// --lang value is a usage error.
func language() (i18n.Lang, error) {
	lang, err := i18n.Choose(globals.lang)
	if err != nil {
		return "", exitWith(ExitUsage, err)
	}
	return lang, nil
}
