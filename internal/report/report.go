// Package report renders result documents and explanations for people (text,
// markdown) and for programs (json, jsonl, yaml), in Chinese or English. Each
// output format is one type behind the Format interface, chosen by name from
// one registry (formats.go). Formats stream: results are written as they come,
// in input order, and only a one-line summary per agency is kept for the
// closing ranking of the formats that print one.
package report

import (
	"fmt"
	"io"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/explain"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// Format writes a stream of results, or of explanations, in one output
// format. Write and Explain are called once per input, in input order;
// Close ends the stream (closes a JSON array, prints a ranking).
type Format interface {
	Write(r *engine.Result) error
	Explain(exps []explain.Explanation) error
	Close() error
}

// Options say how to write.
type Options struct {
	Lang i18n.Lang
	// Color enables ANSI colours in text output (a terminal without NO_COLOR).
	Color bool
	// Inputs is how many inputs were given: with more than one, json writes
	// an array and text/markdown end with a ranking.
	Inputs int
	// Model gives category and level titles and standings; may be nil.
	Model *model.Model
}

// printer is what every format shares: the destination, the options and how
// many inputs were written.
type printer struct {
	w       io.Writer
	opts    Options
	written int
}

func newPrinter(w io.Writer, opts Options) *printer {
	if opts.Model == nil {
		opts.Model = &model.Model{}
	}
	return &printer{w: w, opts: opts}
}

func (wr *printer) several() bool { return wr.opts.Inputs > 1 }

// tr picks the text in the report's language. Texts quote the evidence
// (names, summaries, references), so control characters are escaped here.
func (wr *printer) tr(t i18n.Text) string { return termsafe.Escape(t.In(wr.opts.Lang)) }

func (wr *printer) say(zh, en string) string { return i18n.T(zh, en).In(wr.opts.Lang) }

func (wr *printer) printf(format string, args ...any) {
	fmt.Fprintf(wr.w, format, args...)
}

// label is a field name followed by its colon: "规则：" or "Rule: ".
func (wr *printer) label(zh, en string) string {
	if wr.opts.Lang == i18n.ZH {
		return zh + "："
	}
	return en + ": "
}

func (wr *printer) categoryTitle(name string) string {
	return wr.tr(wr.opts.Model.CategoryTitle(name))
}

func (wr *printer) levelTitle(level int) string {
	return wr.tr(wr.opts.Model.LevelTitle(level))
}

// failing fills a sentence about the level vetoes force: the Chinese text
// takes the level's title, the English its number.
func (wr *printer) failing(zh, en string) string {
	l, _ := wr.opts.Model.Failing()
	if wr.opts.Lang == i18n.ZH {
		return fmt.Sprintf(zh, wr.levelTitle(l.Level))
	}
	return fmt.Sprintf(en, l.Level)
}

// whatIf lists the --set changes of a result's provenance and the digest of
// the data they produced.
func (wr *printer) whatIf(p engine.Provenance) string {
	return termsafe.Escape(engine.JoinOverrides(p.Overrides)) + " · " + wr.say("数据", "data") + " " + p.DataDigest
}
