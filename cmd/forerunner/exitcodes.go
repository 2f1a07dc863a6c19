package main

import (
	"errors"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/forerunner-project/forerunner/internal/report"
)

// Exit statuses, documented in README.md ("Exit codes"). exitCode below is
// the one place that decides which condition ends in which status; commands
// return errors of the kinds it knows and never pick a status themselves.
const (
	ExitOK      = 0 // every input valid and scored
	ExitInvalid = 1 // some input invalid, unreadable or not scored (the rest still printed)
	ExitUsage   = 2 // the command line is wrong
	ExitBundle  = 3 // the bundle failed to load, verify, compile or check
	// ExitChanged: impact found a result that differs between the two
	// bundles (and every document was scored by at least one of them).
	ExitChanged = 4
	// ExitInterrupted (130) and 143: eval stopped by SIGINT or SIGTERM
	// (128 + the signal), its output whole up to there.
	ExitInterrupted = 130
)

// usageError: the command line is wrong (flag value, argument count,
// combination of flags, a target that must not exist).
type usageError struct{ text i18n.Text }

func (e *usageError) Error() string   { return e.text.EN }
func (e *usageError) Text() i18n.Text { return e.text }

func usagef(zh, en string, args ...any) error { return &usageError{text: i18n.Tf(zh, en, args...)} }

// inputError: something the user gave cannot be used (an unreadable file, a
// directory without evidence, an item the result lacks).
type inputError struct{ text i18n.Text }

func (e *inputError) Error() string   { return e.text.EN }
func (e *inputError) Text() i18n.Text { return e.text }

func inputf(zh, en string, args ...any) error { return &inputError{text: i18n.Tf(zh, en, args...)} }

// bundleError: the bundle cannot be used (load, signature, compile, check,
// build); err says why.
type bundleError struct{ err error }

func (e *bundleError) Error() string { return e.err.Error() }
func (e *bundleError) Unwrap() error { return e.err }

// errNotAllScored: some inputs were invalid or not scored, and each was
// already reported where it was met.
var errNotAllScored = errors.New("not every input was valid and scored")

// errChanged: impact found some result changed; what changed was written.
var errChanged = errors.New("some result changed between the two bundles")

// runError marks an error returned by a command's RunE: any other error
// comes from cobra before the command ran (unknown command or flag), a
// usage error.
type runError struct{ err error }

func (e *runError) Error() string { return e.err.Error() }
func (e *runError) Unwrap() error { return e.err }

// exitCode maps an error to the process's exit status.
func exitCode(err error) int {
	var usage *usageError
	var format *report.FormatError
	var engineErr *engine.Error
	var bundle *bundleError
	var config *model.ConfigError
	var interrupted *interruptedError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, errChanged):
		return ExitChanged
	case errors.As(err, &interrupted):
		return interrupted.exitStatus()
	case errors.As(err, &usage), errors.As(err, &format), fromCobra(err):
		return ExitUsage
	case errors.As(err, &bundle), errors.As(err, &config),
		errors.As(err, &engineErr) && engineErr.IsBundleError():
		return ExitBundle
	}
	return ExitInvalid
}

// fromCobra reports whether err was raised by cobra before any command ran
// (unknown command or flag, a flag without its value, a value of the wrong type).
func fromCobra(err error) bool {
	var run *runError
	var usage *usageError
	return err != nil && !errors.As(err, &run) && !errors.As(err, &usage)
}

// errorText is the message of err in lang; empty when it was already reported.
func errorText(err error, lang i18n.Lang) string {
	var rendered interface{ Render(i18n.Lang) string }
	var text interface{ Text() i18n.Text }
	switch {
	case err == nil, errors.Is(err, errNotAllScored), errors.Is(err, errChanged):
		return ""
	case errors.As(err, &rendered):
		return rendered.Render(lang)
	case errors.As(err, &text):
		return text.Text().In(lang)
	}
	return err.Error()
}
