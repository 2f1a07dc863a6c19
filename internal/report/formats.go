package report

import (
	"io"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Registration is one output format of the registry.
type Registration struct {
	// Name is what --output takes; Aliases are accepted too.
	Name    string
	Aliases []string
	// Machine formats are for programs: a document not scored is also
	// reported on stderr, where a person will see it.
	Machine bool
	// Explains is false for formats that render results only.
	Explains bool
	// Plans: the format implements PlanWriter (explain --plan).
	Plans bool
	// Binary formats are never written to a terminal.
	Binary bool
	// Page formats write one whole document (an HTML page): to a file or a
	// redirected stdout, never to a terminal either.
	Page bool
	// Buffering formats hold megabytes of output in memory across the run
	// (the workbook's streamed sheets), which the GC should count on.
	Buffering bool
	// New makes the format writing to w.
	New func(w io.Writer, opts Options) Format
}

// registry lists every output format in the order help texts show them.
// To add a format: write a type implementing Format and register it here.
var registry = []Registration{
	{Name: "text", Explains: true, Plans: true, New: func(w io.Writer, o Options) Format { return &textFormat{ranked: newRanked(w, o)} }},
	{Name: "json", Machine: true, Explains: true, Plans: true, New: func(w io.Writer, o Options) Format { return &jsonFormat{newPrinter(w, o)} }},
	{Name: "jsonl", Machine: true, Explains: true, Plans: true, New: func(w io.Writer, o Options) Format { return &jsonlFormat{newPrinter(w, o)} }},
	{Name: "yaml", Aliases: []string{"yml"}, Machine: true, Explains: true, Plans: true, New: func(w io.Writer, o Options) Format { return &yamlFormat{newPrinter(w, o)} }},
	{Name: "markdown", Aliases: []string{"md"}, New: func(w io.Writer, o Options) Format { return &markdownFormat{ranked: newRanked(w, o)} }},
	{Name: "xlsx", Machine: true, Binary: true, Buffering: true, New: newXLSXFormat},
	{Name: "html", Aliases: []string{"htm"}, Page: true, New: newHTMLFormat},
}

// Lookup finds a format by name or alias, case-insensitively.
func Lookup(name string) (Registration, bool) {
	name = strings.ToLower(name)
	for _, r := range registry {
		if r.Name == name || slices.Contains(r.Aliases, name) {
			return r, true
		}
	}
	return Registration{}, false
}

// Names lists the formats' names; explaining keeps those that explain.
func Names(explaining bool) []string {
	var names []string
	for _, r := range registry {
		if r.Explains || !explaining {
			names = append(names, r.Name)
		}
	}
	return names
}

// FormatError names an unknown output format.
type FormatError struct {
	Name  string
	Known []string
}

func (e *FormatError) Error() string { return e.Text().EN }

// Text is the error in both languages.
func (e *FormatError) Text() i18n.Text {
	known := strings.Join(e.Known, "|")
	return i18n.Tf("未知输出格式 %q（可用 %s）", "unknown output format %q (use %s)", e.Name, known)
}

// textFormat is the terminal report, ending with a ranking.
type textFormat struct{ *ranked }

func (f *textFormat) Write(r *engine.Result) error {
	f.keep(r)
	defer f.count()
	return f.writeText(r)
}

func (f *textFormat) Explain(exps []explain.Explanation) error {
	defer f.count()
	return f.explainText(exps)
}

func (f *textFormat) Plans(r *engine.Result) error {
	defer f.count()
	return f.plansText(r)
}

func (f *textFormat) Close() error { return f.writeTextRanking() }

// markdownFormat is a report to paste into a document, ending with a ranking.
type markdownFormat struct{ *ranked }

func (f *markdownFormat) Write(r *engine.Result) error {
	f.keep(r)
	defer f.count()
	return f.writeMarkdown(r)
}

func (f *markdownFormat) Explain([]explain.Explanation) error {
	return &FormatError{Name: "markdown", Known: Names(true)}
}

func (f *markdownFormat) Close() error { return f.writeMarkdownRanking() }

// jsonFormat writes one object, or an array of them for several inputs.
type jsonFormat struct{ *printer }

func (f *jsonFormat) Write(r *engine.Result) error { return f.element(r) }

func (f *jsonFormat) Explain(exps []explain.Explanation) error { return f.element(exps) }

func (f *jsonFormat) element(v any) error {
	defer f.count()
	return f.writeJSONElement(v)
}

func (f *jsonFormat) Plans(r *engine.Result) error { return f.element(plansOf(r)) }

func (f *jsonFormat) Close() error { return f.closeJSON() }

// jsonlFormat writes one JSON value per line.
type jsonlFormat struct{ *printer }

func (f *jsonlFormat) Write(r *engine.Result) error { return writeJSONLine(f.w, r) }

func (f *jsonlFormat) Explain(exps []explain.Explanation) error { return writeJSONLine(f.w, exps) }

func (f *jsonlFormat) Plans(r *engine.Result) error { return writeJSONLine(f.w, plansOf(r)) }

func (f *jsonlFormat) Close() error { return nil }

// yamlFormat writes one YAML document per input, separated by "---".
type yamlFormat struct{ *printer }

func (f *yamlFormat) Write(r *engine.Result) error { return f.document(r) }

func (f *yamlFormat) Explain(exps []explain.Explanation) error { return f.document(exps) }

func (f *yamlFormat) document(v any) error {
	defer f.count()
	return f.writeYAMLDocument(v)
}

func (f *yamlFormat) Plans(r *engine.Result) error { return f.document(plansOf(r)) }

func (f *yamlFormat) Close() error { return nil }

func (wr *printer) count() { wr.written++ }
