// Package htmlreport writes results as one self-contained HTML page: inline
// CSS, inline SVG charts laid out in Go, a few lines of inline JavaScript to
// sort the ranking, no network access (a Content-Security-Policy forbids it).
// One agency gives its section; several give a summary per cycle first,
// then a section per agency, in input order.
//
// Sections are rendered as results arrive. With several inputs they are
// spooled (in memory, then in a temporary file) until Close writes the
// summary above them, so memory holds one section and one small ranking
// entry per agency, whatever the number of agencies.
package htmlreport

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

//go:embed page.gohtml style.css sort.js
var files embed.FS

var (
	styleSheet = mustRead("style.css")
	sortScript = mustRead("sort.js")
	// csp allows exactly the page's own style and script, and nothing from
	// anywhere: a report that tried to fetch a font or an image would fail
	// visibly in the browser instead of leaking that it was opened.
	csp = "default-src 'none'; img-src data:; style-src '" + hash(styleSheet) + "'; script-src '" + hash(sortScript) + "'"
)

func mustRead(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic(err) // embedded: cannot happen in a built binary
	}
	return string(b)
}

func hash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// Options say how to write the page.
type Options struct {
	Lang  i18n.Lang
	Model *model.Model
	// Several says more than one input was given: the page then opens with
	// a summary per cycle, even if fewer results arrive.
	Several bool
	// Generator names the program, for the page's generator meta tag.
	Generator string
}

// Writer writes one page from a stream of results.
type Writer struct {
	out     *bufio.Writer
	opts    Options
	tmpl    *template.Template
	build   *builder
	spool   *spool
	entries []entry
	title   string
	started bool
}

// New returns a Writer on w; nothing is written before the first result.
func New(w io.Writer, opts Options) *Writer {
	if opts.Model == nil {
		opts.Model = &model.Model{}
	}
	b := &builder{lang: opts.Lang, model: opts.Model}
	wr := &Writer{out: bufio.NewWriterSize(w, 64<<10), opts: opts, build: b, tmpl: b.templates()}
	if opts.Several {
		wr.spool = &spool{}
	}
	return wr
}

// Write renders one result's section.
func (w *Writer) Write(r *engine.Result) error {
	anchor := fmt.Sprintf("r%d", len(w.entries)+1)
	w.entries = append(w.entries, entryOf(r, anchor, len(w.entries)+1))
	view := w.build.agency(r, anchor)
	if w.spool != nil {
		return w.tmpl.ExecuteTemplate(w.spool, "agency", view)
	}
	if !w.started {
		w.title = w.build.singleTitle(view)
		if err := w.head(); err != nil {
			return err
		}
	}
	return w.tmpl.ExecuteTemplate(w.out, "agency", view)
}

// Close writes the rest of the page: with several inputs the head, the
// summary and the spooled sections; then the end.
func (w *Writer) Close() error {
	if w.spool != nil {
		defer w.spool.remove()
		w.title = w.build.batchTitle(len(w.entries))
		if err := w.head(); err != nil {
			return err
		}
		if err := w.tmpl.ExecuteTemplate(w.out, "summary", w.build.summary(w.entries)); err != nil {
			return err
		}
		if err := w.spool.copyTo(w.out); err != nil {
			return err
		}
	} else if !w.started {
		w.title = w.build.batchTitle(0)
		if err := w.head(); err != nil {
			return err
		}
		if _, err := io.WriteString(w.out, "<p>"+template.HTMLEscapeString(w.build.say("没有结果。", "No results."))+"</p>\n"); err != nil {
			return err
		}
	}
	foot := pageFoot{}
	if w.spool != nil {
		foot.Script = template.JS(sortScript)
	}
	if err := w.tmpl.ExecuteTemplate(w.out, "foot", foot); err != nil {
		return err
	}
	return w.out.Flush()
}

type pageHead struct {
	HTMLLang  string
	CSP       string
	Generator string
	Title     string
	CSS       template.CSS
}

type pageFoot struct {
	Script template.JS
}

func (w *Writer) head() error {
	w.started = true
	lang := "en"
	if w.opts.Lang == i18n.ZH {
		lang = "zh-CN"
	}
	return w.tmpl.ExecuteTemplate(w.out, "head", pageHead{HTMLLang: lang, CSP: csp, Generator: w.opts.Generator,
		Title: w.title, CSS: template.CSS(styleSheet)})
}

func (b *builder) singleTitle(v *agencyView) string {
	name := cmp.Or(v.Name, v.ID, v.File)
	if !v.Scored {
		return fmt.Sprintf(b.say("%s · %d 年度 · 未评分", "%s · cycle %d · not scored"), name, v.Cycle.Year)
	}
	return fmt.Sprintf(b.say("%s · %d 年度 · %s", "%s · cycle %d · %s"), name, v.Cycle.Year, v.Level.Title)
}

func (b *builder) batchTitle(n int) string {
	return fmt.Sprintf(b.say("评估机构评价结果（%d 个输入）", "Evaluation agency results (%d inputs)"), n)
}

// summaryView heads a page of several results.
type summaryView struct {
	Title    string
	Inputs   int
	Scored   int
	Unscored int
	Cycles   []cycleView
	// NoCycle are the inputs not scored whose cycle could not be read.
	NoCycle []entry
}

func (b *builder) summary(entries []entry) summaryView {
	v := summaryView{Title: b.batchTitle(len(entries)), Inputs: len(entries)}
	v.Cycles, v.NoCycle = b.cycles(entries)
	for _, e := range entries {
		if e.Scored {
			v.Scored++
		}
	}
	v.Unscored = v.Inputs - v.Scored
	return v
}

// templates parses the page templates with functions bound to the language.
func (b *builder) templates() *template.Template {
	funcs := template.FuncMap{
		"say":     b.say,
		"tr":      func(t i18n.Text) string { return t.In(b.lang) },
		"notes":   func() any { return engine.ProvenanceNotes },
		"tone":    b.tone,
		"num":     num,
		"add":     func(a, c float64) float64 { return a + c },
		"sub":     func(a, c float64) float64 { return a - c },
		"valueX":  func() float64 { return valueX },
		"notices": func(title string, list []noticeView) noticesView { return noticesView{Title: title, List: list} },
	}
	return template.Must(template.New("page").Funcs(funcs).ParseFS(files, "page.gohtml"))
}

type noticesView struct {
	Title string
	List  []noticeView
}

// tone classes a level by where it stands among the bundle's levels, so
// colours follow any number of levels; the level's title is always written
// beside the colour.
func (b *builder) tone(level int) string {
	switch b.model.StandingOf(level) {
	case model.Passing:
		return "tone-top"
	case model.LowestPass:
		return "tone-mid"
	}
	return "tone-fail"
}
