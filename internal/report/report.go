// Package report writes result documents for people (text, markdown) and for
// programs (json, jsonl, yaml), in Chinese or English. It streams: results
// are written as they come, in input order, and only a one-line summary per
// agency is kept for the closing ranking.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/forerunner-project/forerunner/internal/batch"
	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// Format is an output format.
type Format string

const (
	Text     Format = "text"
	JSON     Format = "json"
	JSONL    Format = "jsonl"
	YAML     Format = "yaml"
	Markdown Format = "markdown"
)

// Formats lists every output format, for flag help and completion.
var Formats = []Format{Text, JSON, JSONL, YAML, Markdown}

// ParseFormat accepts a format name (md for markdown, yml for yaml).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(s)); f {
	case Text, JSON, JSONL, YAML, Markdown:
		return f, nil
	case "md":
		return Markdown, nil
	case "yml":
		return YAML, nil
	}
	return "", &FormatError{Name: s}
}

// FormatError names an unknown output format.
type FormatError struct{ Name string }

func (e *FormatError) Error() string { return e.Text().EN }

// Text is the error in both languages.
func (e *FormatError) Text() i18n.Text {
	return i18n.Tf("未知输出格式 %q（可用 text|json|jsonl|yaml|markdown）",
		"unknown output format %q (use text|json|jsonl|yaml|markdown)", e.Name)
}

// Machine reports whether the format is for programs rather than people.
func (f Format) Machine() bool { return f == JSON || f == JSONL || f == YAML }

// Options say how to write.
type Options struct {
	Format Format
	Lang   i18n.Lang
	// Color enables ANSI colours in text output (a terminal without NO_COLOR).
	Color bool
	// Inputs is how many inputs were given: with more than one, json writes
	// an array and text/markdown end with a ranking.
	Inputs int
	// Catalog gives category and level titles from the bundle; may be nil.
	Catalog *engine.Catalog
}

// Writer writes a stream of results.
type Writer struct {
	w       io.Writer
	opts    Options
	written int
	ranking []batch.Row
	// unscored counts the entries that were not scored (never ranked).
	unscored int
}

// New returns a Writer on w.
func New(w io.Writer, opts Options) *Writer {
	if opts.Catalog == nil {
		opts.Catalog = &engine.Catalog{}
	}
	return &Writer{w: w, opts: opts}
}

// Write writes one result (scored, or refused by the policy with errors).
func (wr *Writer) Write(r *engine.Result) error {
	if r.Scored() && wr.ranks() {
		wr.ranking = append(wr.ranking, rankRow(wr.written, r))
	}
	if !r.Scored() {
		wr.unscored++
	}
	defer func() { wr.written++ }()
	switch wr.opts.Format {
	case JSON:
		return wr.writeJSONElement(r)
	case JSONL:
		return writeJSONLine(wr.w, r)
	case YAML:
		return wr.writeYAMLDocument(r)
	case Markdown:
		return wr.writeMarkdown(r)
	default:
		return wr.writeText(r)
	}
}

// Close ends the stream: closes the json array, adds the ranking.
func (wr *Writer) Close() error {
	switch wr.opts.Format {
	case JSON:
		return wr.closeJSON()
	case Markdown:
		return wr.writeMarkdownRanking()
	case Text:
		return wr.writeTextRanking()
	}
	return nil
}

func (wr *Writer) several() bool { return wr.opts.Inputs > 1 }

// ranks tells whether the format ends with a ranking; only those keep an entry
// per result, so machine formats stream in constant memory.
func (wr *Writer) ranks() bool {
	return wr.several() && (wr.opts.Format == Text || wr.opts.Format == Markdown)
}

// tr picks the text in the report's language. Texts quote the evidence
// (names, summaries, references), so control characters are escaped here.
func (wr *Writer) tr(t i18n.Text) string { return termsafe.Escape(t.In(wr.opts.Lang)) }

func (wr *Writer) say(zh, en string) string { return i18n.T(zh, en).In(wr.opts.Lang) }

func (wr *Writer) printf(format string, args ...any) {
	fmt.Fprintf(wr.w, format, args...)
}

// label is a field name followed by its colon: "规则：" or "Rule: ".
func (wr *Writer) label(zh, en string) string {
	if wr.opts.Lang == i18n.ZH {
		return zh + "："
	}
	return en + ": "
}
