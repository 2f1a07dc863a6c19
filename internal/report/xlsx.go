package report

import (
	"io"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/workbook"
)

// xlsxFormat is the results workbook (internal/workbook): binary, never
// written to a terminal.
type xlsxFormat struct {
	rw  *workbook.ResultsWriter
	err error
}

func newXLSXFormat(w io.Writer, o Options) Format {
	rw, err := workbook.NewResults(w, workbook.ResultsOptions{Lang: o.Lang, Model: o.Model})
	return &xlsxFormat{rw: rw, err: err}
}

func (f *xlsxFormat) Write(r *engine.Result) error {
	if f.err != nil {
		return f.err
	}
	return f.rw.Write(r)
}

func (f *xlsxFormat) Explain([]explain.Explanation) error {
	return &FormatError{Name: "xlsx", Known: Names(true)}
}

func (f *xlsxFormat) Close() error {
	if f.err != nil {
		return f.err
	}
	return f.rw.Close()
}
