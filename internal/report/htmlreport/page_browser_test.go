package htmlreport

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// examplePages is the A4 page count of the shipped example, printed by
// Chromium with the page's print stylesheet (Debian's chromium and its
// default fonts). A change of layout that moves it must be looked at in
// print and the figure updated on purpose. The directory's count follows
// from it: the summary's pages plus each agency's, each starting a page.
const examplePages = 6

// rect is an element's box as the browser laid it out.
type rect struct{ X, Width float64 }

type singleDOM struct {
	Lang       string
	Level      int
	LevelTitle string
	Total      int
	Max        int
	Declared   int
	Items      []struct {
		ID     string
		Points int
		Max    int
		Lost   bool
		Marker string
	}
	Bars []struct {
		Key       string
		Track     rect
		Fill      rect
		Threshold *rect
	}
	Categories []struct {
		Key    string
		Points int
	}
	Sections int
}

const readSingle = `(() => {
  const sec = document.querySelector('section.agency');
  const num = el => el ? Number(el.textContent.trim()) : -1;
  const box = el => { if (!el) return null; const r = el.getBoundingClientRect(); return {X: r.x, Width: r.width}; };
  return {
    Lang: document.documentElement.lang,
    Level: Number(sec.querySelector('.badge[data-level]').dataset.level),
    LevelTitle: sec.querySelector('.level-title').textContent.trim(),
    Total: num(sec.querySelector('.total-points')),
    Max: num(sec.querySelector('.total-max')),
    Declared: num(sec.querySelector('.total-declared')),
    Items: [...sec.querySelectorAll('tr[data-item]')].map(tr => ({
      ID: tr.dataset.item, Points: num(tr.querySelector('.pts')), Max: num(tr.querySelector('.max')),
      Lost: tr.classList.contains('lost'), Marker: (tr.querySelector('.loss') || {}).textContent || ''})),
    Bars: [...sec.querySelectorAll('g.bar-row')].map(g => ({Key: g.dataset.category,
      Track: box(g.querySelector('[data-bar=track]')), Fill: box(g.querySelector('[data-bar=fill]')),
      Threshold: box(g.querySelector('line.threshold'))})),
    Categories: [...sec.querySelectorAll('table.subtotals tr[data-category]')].map(tr => ({
      Key: tr.dataset.category, Points: num(tr.querySelector('.cat-points'))})),
    Sections: document.querySelectorAll('section.agency').length,
  };
})()`

func TestBrowserSingleAgency(t *testing.T) {
	r := evaluate(t, filepath.Join(validDir, "example.yaml"))[0]
	model := testModel(t)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		t.Run(string(lang), func(t *testing.T) {
			tb := open(t, render(t, lang, false, r), "example."+string(lang)+".html")
			dom := evalJS[singleDOM](t, tb, readSingle)
			wantLang := map[i18n.Lang]string{i18n.EN: "en", i18n.ZH: "zh-CN"}[lang]
			if dom.Lang != wantLang {
				t.Errorf("lang = %q, want %q", dom.Lang, wantLang)
			}
			checkSingle(t, dom, r, model, lang)
			if lang == i18n.EN {
				if pages := tb.printPDF(t); pages != examplePages {
					t.Errorf("the example prints on %d A4 pages, want %d", pages, examplePages)
				}
				checkRowsDoNotBreak(t, tb)
			}
			tb.screenshot(t, "example-"+string(lang))
			tb.assertQuiet(t)
		})
	}
}

// checkSingle compares the page with the result it shows.
func checkSingle(t *testing.T, dom singleDOM, r *engine.Result, m *model.Model, lang i18n.Lang) {
	t.Helper()
	if dom.Sections != 1 {
		t.Errorf("%d agency sections, want 1", dom.Sections)
	}
	if dom.Level != r.Level.Level || dom.LevelTitle != r.Level.Title.In(lang) {
		t.Errorf("level %d %q, want %d %q", dom.Level, dom.LevelTitle, r.Level.Level, r.Level.Title.In(lang))
	}
	if dom.Total != r.Total.Points || dom.Max != r.Total.Max || dom.Declared != r.Total.DeclaredMax {
		t.Errorf("total %d / %d / %d, want %+v", dom.Total, dom.Max, dom.Declared, *r.Total)
	}
	checkItems(t, dom, r)
	checkBars(t, dom, r, m)
	for _, c := range dom.Categories {
		want := r.Total.Points
		if c.Key != totalKey {
			want = r.Categories[c.Key].Points
		}
		if c.Points != want {
			t.Errorf("subtotal %s = %d, want %d", c.Key, c.Points, want)
		}
	}
	if len(dom.Categories) != len(r.Categories)+1 {
		t.Errorf("%d subtotal rows, want %d categories and the total", len(dom.Categories), len(r.Categories))
	}
}

func checkItems(t *testing.T, dom singleDOM, r *engine.Result) {
	t.Helper()
	if len(dom.Items) != len(r.Items) {
		t.Fatalf("%d item rows, want %d", len(dom.Items), len(r.Items))
	}
	for i, it := range r.Items {
		got := dom.Items[i]
		if got.ID != it.ID || got.Points != it.Points || got.Max != it.Max {
			t.Errorf("item row %d: %s %d/%d, want %s %d/%d", i, got.ID, got.Points, got.Max, it.ID, it.Points, it.Max)
		}
		lost := it.Points < it.Max
		wantMarker := ""
		if lost {
			wantMarker = fmt.Sprintf("▼ −%d", it.Max-it.Points)
		}
		if got.Lost != lost || !bytes.HasPrefix([]byte(got.Marker), []byte(wantMarker)) {
			t.Errorf("item %s: lost=%v marker %q, want lost=%v marker %q", it.ID, got.Lost, got.Marker, lost, wantMarker)
		}
	}
}

// checkBars measures the drawn bars: the filled part is to the whole bar as
// the points are to the declared maximum, and the threshold sits at the next
// level's minimum.
func checkBars(t *testing.T, dom singleDOM, r *engine.Result, m *model.Model) {
	t.Helper()
	next := r.Level.Level
	if r.NextLevel != nil {
		next = r.NextLevel.Level
	}
	target, _ := m.Level(next)
	if len(dom.Bars) != len(r.Categories)+1 {
		t.Errorf("%d bars, want %d categories and the total", len(dom.Bars), len(r.Categories))
	}
	for _, bar := range dom.Bars {
		score, ok := r.Categories[bar.Key]
		if bar.Key == totalKey {
			score, ok = *r.Total, true
		}
		if !ok {
			t.Errorf("bar for %q, which the result does not have", bar.Key)
			continue
		}
		want := float64(score.Points) / float64(score.DeclaredMax)
		if got := bar.Fill.Width / bar.Track.Width; !near(got, want, 0.004) {
			t.Errorf("bar %s filled %.3f of its length, want %d/%d = %.3f", bar.Key, got, score.Points, score.DeclaredMax, want)
		}
		min, hasMin := target.Min[bar.Key]
		switch {
		case hasMin && bar.Threshold == nil:
			t.Errorf("bar %s has no threshold, want %d", bar.Key, min)
		case hasMin:
			at := (bar.Threshold.X + bar.Threshold.Width/2 - bar.Track.X) / bar.Track.Width
			if want := float64(min) / float64(score.DeclaredMax); !near(at, want, 0.006) {
				t.Errorf("bar %s threshold at %.3f, want %d/%d = %.3f", bar.Key, at, min, score.DeclaredMax, want)
			}
		case bar.Threshold != nil:
			t.Errorf("bar %s has a threshold, but level %d sets none for it", bar.Key, next)
		}
	}
}

// checkRowsDoNotBreak checks, with print media, that no table row may be
// cut across two pages.
func checkRowsDoNotBreak(t *testing.T, tb *tab) {
	t.Helper()
	counts := tb.printStyles(t)
	for style, n := range counts {
		if style != "avoid" {
			t.Errorf("%d table rows may break across pages in print (break-inside: %s)", n, style)
		}
	}
	if counts["avoid"] == 0 {
		t.Error("no table row found in print")
	}
}

type batchDOM struct {
	Lang     string
	Sections []struct {
		Anchor string
		ID     string
		Year   int
		Level  int
		Total  int
	}
	Cycles []struct {
		Year   int
		Counts []struct {
			Level int
			Count int
			Track rect
			Fill  rect
		}
		Bins []struct {
			From, To, Count int
		}
		Rows []struct {
			Anchor string
			Points int
			Level  int
		}
	}
}

const readBatch = `(() => {
  const num = el => el ? Number(el.textContent.trim()) : -1;
  const box = el => { const r = el.getBoundingClientRect(); return {X: r.x, Width: r.width}; };
  return {
    Lang: document.documentElement.lang,
    Sections: [...document.querySelectorAll('section.agency')].map(s => ({Anchor: s.id,
      ID: s.querySelector('.agency-id').textContent.trim(), Year: num(s.querySelector('.cycle-year')),
      Level: s.querySelector('.badge[data-level]') ? Number(s.querySelector('.badge[data-level]').dataset.level) : 0,
      Total: num(s.querySelector('.total-points'))})),
    Cycles: [...document.querySelectorAll('section.cycle')].map(c => ({
      Year: Number(c.id.replace('cycle-', '')),
      Counts: [...c.querySelectorAll('g.count-row')].map(g => ({Level: Number(g.dataset.level), Count: num(g.querySelector('.bar-value')),
        Track: box(g.querySelector('[data-bar=track]')), Fill: box(g.querySelector('[data-bar=fill]'))})),
      Bins: [...c.querySelectorAll('rect.bin')].map(b => ({From: Number(b.dataset.from), To: Number(b.dataset.to), Count: Number(b.dataset.count)})),
      Rows: [...c.querySelectorAll('table.ranking tbody tr')].map(tr => ({
        Anchor: tr.querySelector('a').getAttribute('href').slice(1),
        Points: num(tr.querySelector('.rank-points')), Level: Number(tr.cells[3].dataset.value)})),
    })),
  };
})()`

func TestBrowserDirectory(t *testing.T) {
	results := evaluate(t, validFiles(t)...)
	tb := open(t, render(t, i18n.ZH, true, results...), "directory.zh.html")
	dom := evalJS[batchDOM](t, tb, readBatch)
	if dom.Lang != "zh-CN" {
		t.Errorf("lang = %q, want zh-CN", dom.Lang)
	}
	checkSections(t, dom, results)
	checkCycles(t, dom, results)
	checkSorting(t, tb)
	tb.screenshot(t, "directory-zh")
	checkBatchPrint(t, tb, results)
	tb.assertQuiet(t)
}

// checkBatchPrint prints the batch page and expects the summary's pages plus
// as many pages per agency as its section takes printed alone: every
// section starts a new page and none is cut differently.
func checkBatchPrint(t *testing.T, tb *tab, results []*engine.Result) {
	t.Helper()
	pages := tb.printPDF(t)
	want := 0
	for i, r := range results {
		alone := open(t, render(t, i18n.ZH, false, r), fmt.Sprintf("alone-%d.html", i))
		want += alone.printPDF(t)
		alone.assertQuiet(t)
	}
	_ = evalJS[int](t, tb, `document.querySelectorAll('section.agency').forEach(s => s.remove()), 0`)
	summary := tb.printPDF(t)
	if want += summary; pages != want {
		t.Errorf("the shipped directory prints on %d A4 pages, want %d: the summary's %d and each agency's alone", pages, want, summary)
	}
	if summary < 1 || pages <= len(results) {
		t.Errorf("%d pages for a summary of %d and %d agencies", pages, summary, len(results))
	}
}

func checkSections(t *testing.T, dom batchDOM, results []*engine.Result) {
	t.Helper()
	if len(dom.Sections) != len(results) {
		t.Fatalf("%d agency sections, want one per input: %d", len(dom.Sections), len(results))
	}
	for i, r := range results {
		s := dom.Sections[i]
		if s.ID != r.Agency.ID || s.Year != r.Cycle.Year || s.Level != r.Level.Level || s.Total != r.Total.Points {
			t.Errorf("section %d: %s %d level %d total %d, want %s %d level %d total %d", i, s.ID, s.Year, s.Level, s.Total,
				r.Agency.ID, r.Cycle.Year, r.Level.Level, r.Total.Points)
		}
	}
}

// checkCycles checks each cycle's charts and ranking against the results of
// that cycle.
func checkCycles(t *testing.T, dom batchDOM, results []*engine.Result) {
	t.Helper()
	byYear := map[int][]*engine.Result{}
	for _, r := range results {
		byYear[r.Cycle.Year] = append(byYear[r.Cycle.Year], r)
	}
	if len(dom.Cycles) != len(byYear) {
		t.Fatalf("%d cycle summaries, want %d", len(dom.Cycles), len(byYear))
	}
	sections := map[string]int{}
	for _, s := range dom.Sections {
		sections[s.Anchor] = s.Total
	}
	for _, c := range dom.Cycles {
		rs := byYear[c.Year]
		checkLevelChart(t, c.Year, c.Counts, rs)
		inBins := 0
		for _, b := range c.Bins {
			want := 0
			for _, r := range rs {
				if r.Total.Points >= b.From && r.Total.Points <= b.To {
					want++
				}
			}
			if b.Count != want {
				t.Errorf("cycle %d: %d–%d holds %d, want %d", c.Year, b.From, b.To, b.Count, want)
			}
			inBins += b.Count
		}
		if inBins != len(rs) {
			t.Errorf("cycle %d: histogram holds %d agencies, want %d", c.Year, inBins, len(rs))
		}
		checkRanking(t, c.Year, c.Rows, rs, sections)
	}
}

func checkLevelChart(t *testing.T, year int, rows []struct {
	Level int
	Count int
	Track rect
	Fill  rect
}, rs []*engine.Result) {
	t.Helper()
	want := map[int]int{}
	most := 0
	for _, r := range rs {
		want[r.Level.Level]++
		most = max(most, want[r.Level.Level])
	}
	for _, row := range rows {
		if row.Count != want[row.Level] {
			t.Errorf("cycle %d: level %d shows %d agencies, want %d", year, row.Level, row.Count, want[row.Level])
		}
		if got, w := row.Fill.Width/row.Track.Width, float64(want[row.Level])/float64(most); !near(got, w, 0.004) {
			t.Errorf("cycle %d: level %d bar is %.3f of the longest, want %.3f", year, row.Level, got, w)
		}
	}
}

func checkRanking(t *testing.T, year int, rows []struct {
	Anchor string
	Points int
	Level  int
}, rs []*engine.Result, sections map[string]int) {
	t.Helper()
	if len(rows) != len(rs) {
		t.Errorf("cycle %d: %d ranking rows, want %d", year, len(rows), len(rs))
	}
	for i, row := range rows {
		total, ok := sections[row.Anchor]
		if !ok || total != row.Points {
			t.Errorf("cycle %d row %d links to %q (total %d), want a section with total %d", year, i+1, row.Anchor, total, row.Points)
		}
		if i > 0 {
			prev := rows[i-1]
			if c := cmp.Or(cmp.Compare(prev.Level, row.Level), cmp.Compare(row.Points, prev.Points)); c > 0 {
				t.Errorf("cycle %d: row %d (level %d, %d) ranked after row %d (level %d, %d)", year, i+1, row.Level, row.Points, i, prev.Level, prev.Points)
			}
		}
	}
}

// checkSorting clicks the total's header of the first ranking: ascending,
// then descending.
func checkSorting(t *testing.T, tb *tab) {
	t.Helper()
	header := `section.cycle table.ranking thead th:nth-child(5) button`
	read := `[...document.querySelector('section.cycle table.ranking tbody').rows].map(tr => Number(tr.querySelector('.rank-points').textContent))`
	for _, ascending := range []bool{true, false} {
		if err := chromedp.Do(tb.ctx, chromedp.Click(chromedp.CSS(header))); err != nil {
			t.Fatalf("click %s: %v", header, err)
		}
		got := evalJS[[]int](t, tb, read)
		want := slices.Clone(got)
		slices.Sort(want)
		if !ascending {
			slices.Reverse(want)
		}
		if !slices.Equal(got, want) || len(got) < 2 {
			t.Errorf("after a click on the total (ascending %v): %v", ascending, got)
		}
	}
}

// TestBrowserReportsBlockedContent proves the checks above can fail: a page
// that tries to load an image from the network is seen trying, the page's
// own Content-Security-Policy refuses the request, and the refusal is logged.
func TestBrowserReportsBlockedContent(t *testing.T) {
	r := evaluate(t, filepath.Join(validDir, "example.yaml"))[0]
	const image = "https://example.invalid/x.png"
	page := bytes.Replace(render(t, i18n.EN, false, r), []byte("<main"), []byte(`<img src="`+image+`" alt=""><main`), 1)
	tb := open(t, page, "tampered.html")
	_ = evalJS[int](t, tb, `1`)
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if !slices.Contains(tb.requests, image) {
		t.Errorf("the image request was not seen; requests: %v", tb.requests)
	}
	if reason := tb.blocked[image]; reason != network.BlockedReasonCsp {
		t.Errorf("the image request was not refused by the page's policy (blocked reason %q)", reason)
	}
	if len(tb.problems) == 0 {
		t.Error("the refusal was not logged as an error")
	}
}
