package policy

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/open-policy-agent/opa/v1/ast"
)

// FromBundle is the staff view of an already loaded bundle.
func FromBundle(b *engine.Bundle) *Source {
	modules := make(map[string]*ast.Module, len(b.Modules))
	for _, m := range b.Modules {
		modules[moduleFile(m.Parsed, m.Path)] = m.Parsed
	}
	return &Source{Bundle: b, Modules: modules}
}

// GateError refuses a bundle that does not pass the checks of `policy
// check` (or, for a build, its own tests) where it is about to be used.
type GateError struct {
	Source   string
	Findings []Finding // the errors found (warnings are shown apart, once)
	Tests    *TestSummary
	Report   string // the failing tests' report, as opa test prints it
}

func (e *GateError) Error() string { return e.Render(i18n.EN) }

// Render lists the findings in lang, then says the bundle was refused.
func (e *GateError) Render(lang i18n.Lang) string {
	var b strings.Builder
	if len(e.Findings) > 0 {
		_ = WriteFindings(&b, e.Findings, FormatText, lang)
	}
	if e.Tests != nil {
		b.WriteString(e.Report)
		b.WriteString(i18n.Tf("策略包 %s 的测试未全部通过（%d 失败，%d 出错，%d 通过），拒绝构建",
			"the tests of bundle %s did not all pass (%d failed, %d errors, %d passed); not built",
			e.Source, e.Tests.Fail, e.Tests.Error, e.Tests.Pass).In(lang))
		return b.String()
	}
	b.WriteString(i18n.Tf("策略包 %s 未通过 policy check 的检查，已拒绝使用",
		"bundle %s does not pass the checks of policy check; refused", e.Source).In(lang))
	return b.String()
}

// Gate runs the checks of `policy check` on a bundle about to be used: any
// error refuses it (a *GateError); the warnings are returned to be shown
// once, with the notes about a value --set changed (a threshold that never
// binds tells why a what-if moved nobody). Other notes are left to `policy
// check`.
func Gate(src *Source, evidenceSchema []byte) ([]Finding, error) {
	findings, err := Check(src, evidenceSchema)
	if err != nil {
		return nil, err
	}
	changed := overriddenPlaces(src.Overrides)
	var shown []Finding
	for _, f := range findings {
		if f.Severity == SevWarning || f.Severity == SevNote && changed[f.At] {
			shown = append(shown, f)
		}
	}
	if errs := errorsOf(findings); len(errs) > 0 {
		return shown, &GateError{Source: src.Source, Findings: errs}
	}
	return shown, nil
}

// overriddenPlaces names the values --set changed as findings name places
// (config.levels[0].min.total, config.items["2.3"].max).
func overriddenPlaces(overrides []engine.Override) map[string]bool {
	places := map[string]bool{}
	root := engine.PackagePointer + "/"
	for _, o := range overrides {
		rest, ok := strings.CutPrefix(o.Path, root)
		if !ok {
			continue
		}
		var place strings.Builder
		for i, seg := range strings.Split(rest, "/") {
			seg = strings.ReplaceAll(strings.ReplaceAll(seg, "~1", "/"), "~0", "~")
			switch {
			case isIndex(seg):
				fmt.Fprintf(&place, "[%s]", seg)
			case strings.ContainsAny(seg, ".[]\""):
				fmt.Fprintf(&place, "[%q]", seg)
			case i == 0:
				place.WriteString(seg)
			default:
				place.WriteString("." + seg)
			}
		}
		places[place.String()] = true
	}
	return places
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// GateTests runs the bundle's tests; a failing or erroring test refuses it.
func GateTests(ctx context.Context, src *Source) error {
	var report strings.Builder
	summary, err := Test(ctx, src, TestOptions{}, &report)
	if err != nil {
		return err
	}
	if summary.Fail+summary.Error > 0 {
		return &GateError{Source: src.Source, Tests: &summary, Report: failingReport(report.String())}
	}
	return nil
}

// failingReport keeps the lines of a test report about failures.
func failingReport(report string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(report, "\n") {
		if strings.Contains(line, "FAIL") || strings.Contains(line, "ERROR") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func errorsOf(findings []Finding) []Finding {
	var out []Finding
	for _, f := range findings {
		if f.Severity == SevError {
			out = append(out, f)
		}
	}
	return out
}

// WriteWarnings prints warnings once, in lang.
func WriteWarnings(w io.Writer, source string, warnings []Finding, lang i18n.Lang) {
	for _, f := range warnings {
		fmt.Fprintf(w, "%s: %s %s: %s%s\n", source, severityLabel(f.Severity, lang), f.Code, at(f.At), f.Message.In(lang))
	}
}

func at(place string) string {
	if place == "" {
		return ""
	}
	return place + ": "
}
