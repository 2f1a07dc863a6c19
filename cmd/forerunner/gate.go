package main

import (
	"context"
	"io"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/policy"
	"github.com/forerunner-project/forerunner/internal/termsafe"
	"github.com/forerunner-project/forerunner/schemas"
)

// loadEngine loads the bundle the flags name, applies their --set what-ifs
// and compiles it. A bundle other than the embedded one, or one changed by
// --set, first passes the checks of `policy check` (strict compile, type
// check against the evidence schema, consistency): an error refuses it
// (exit 3), warnings are shown once on stderr. The embedded bundle as built
// is checked by the test suite, not at every start.
func loadEngine(flags bundleFlags, opts engine.Options, stderr io.Writer, lang i18n.Lang) (*engine.Engine, error) {
	b, err := engine.LoadBundle(flags.loadOptions())
	if err != nil {
		return nil, err
	}
	if err := b.ApplySettings(flags.sets); err != nil {
		return nil, asUsage(err)
	}
	// Working days follow a what-if on the calendar, the plans one on points or
	// tiers (both indexes are derived data).
	if _, err := b.RefreshDerivedData(context.Background()); err != nil {
		return nil, err
	}
	noteOverrides(stderr, b, lang)
	switch {
	case flags.checked() && flags.noCheck:
		warnUnchecked(stderr, b.Source, lang)
		opts.Unchecked = true
	case flags.checked():
		if err := gate(policy.FromBundle(b), stderr, lang); err != nil {
			return nil, err
		}
	}
	return engine.New(context.Background(), b, opts)
}

// noteOverrides says on stderr which --set changes this run scores with,
// also where the output (an explanation) carries no provenance.
func noteOverrides(stderr io.Writer, b *engine.Bundle, lang i18n.Lang) {
	for _, o := range b.Overrides {
		_, _ = io.WriteString(stderr, i18n.Tf("假设（--set）：%s", "what-if (--set): %s", termsafe.Escape(o.String())).In(lang)+"\n")
	}
}

// warnUnchecked says that a bundle is used without its checks.
func warnUnchecked(stderr io.Writer, source string, lang i18n.Lang) {
	_, _ = io.WriteString(stderr, i18n.Tf("警告：策略包 %s 未经 policy check 检查即被使用（--no-check），得分可能有误",
		"WARNING: bundle %s is used without the checks of policy check (--no-check); its scores may be wrong", source).In(lang)+"\n")
}

// gate runs the checks of `policy check` on src; warnings go to stderr.
func gate(src *policy.Source, stderr io.Writer, lang i18n.Lang) error {
	schema, err := schemas.FS.ReadFile("evidence.schema.json")
	if err != nil {
		return err
	}
	warnings, err := policy.Gate(src, schema)
	policy.WriteWarnings(stderr, src.Source, warnings, lang)
	if err != nil {
		return &bundleError{err: err}
	}
	return nil
}
