package report

import (
	"io"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/report/htmlreport"
)

// htmlFormat is the self-contained HTML page of package htmlreport: one
// agency's section, or a summary per cycle followed by every agency's.
type htmlFormat struct{ page *htmlreport.Writer }

func newHTMLFormat(w io.Writer, o Options) Format {
	return &htmlFormat{htmlreport.New(w, htmlreport.Options{Lang: o.Lang, Model: o.Model, Several: o.Inputs > 1,
		Generator: engine.EngineName()})}
}

func (f *htmlFormat) Write(r *engine.Result) error { return f.page.Write(r) }

func (f *htmlFormat) Explain([]explain.Explanation) error {
	return &FormatError{Name: "html", Known: Names(true)}
}

func (f *htmlFormat) Close() error { return f.page.Close() }
