package engine

import (
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Error codes of the engine; the command maps the Bundle* ones to exit 3.
const (
	CodeBundleLoad    = "bundle_load"
	CodeBundleVerify  = "bundle_verify"
	CodeBundleCompile = "bundle_compile"
	CodeRefusedCall   = "refused_builtin"
	CodeEvalTimeout   = "eval_timeout"
	CodeEval          = "eval"
	CodeDecode        = "result_decode"
	CodeInconsistent  = "result_inconsistent"
)

// Error is an engine failure with a message in both languages. Details holds
// one line per problem (file:line: ...), already bilingual where we wrote it.
type Error struct {
	Code    string
	Msg     i18n.Text
	Details []i18n.Text
	Err     error
}

func (e *Error) Error() string {
	s := e.Msg.EN
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// IsBundleError reports whether err means the bundle could not be loaded,
// verified or compiled (exit status 3).
func (e *Error) IsBundleError() bool {
	switch e.Code {
	case CodeBundleLoad, CodeBundleVerify, CodeBundleCompile, CodeRefusedCall, CodeBundleTooLarge:
		return true
	}
	return false
}

// Render gives the message and its details in lang, one per line; the
// underlying OPA error is kept (it is in English only, as OPA prints it).
func (e *Error) Render(lang i18n.Lang) string {
	s := e.Msg.In(lang)
	if e.Err != nil && len(e.Details) == 0 && e.Code != CodeEvalTimeout {
		s += ": " + e.Err.Error()
	}
	for _, d := range e.Details {
		s += "\n  " + d.In(lang)
	}
	return s
}
