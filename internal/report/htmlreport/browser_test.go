package htmlreport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The browser tests open the pages in headless Chromium (Debian's chromium
// package; FORERUNNER_CHROMIUM names another binary). One browser serves the
// whole test binary; each test opens its own tab. They skip only when no
// browser can be started, unless FORERUNNER_REQUIRE_CHROMIUM is set (CI sets
// it), and then they fail.

const requireChromium = "FORERUNNER_REQUIRE_CHROMIUM"

var browser struct {
	once sync.Once
	ctx  context.Context
	stop func()
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if browser.stop != nil {
		browser.stop()
	}
	os.Exit(code)
}

// needBrowser returns the browser's context, starting it on first use.
func needBrowser(t *testing.T) context.Context {
	t.Helper()
	browser.once.Do(startBrowser)
	if browser.err != nil {
		if os.Getenv(requireChromium) != "" {
			t.Fatalf("chromium must run here (%s is set): %v", requireChromium, browser.err)
		}
		t.Skipf("SKIP: chromium cannot be started, so the page is not checked in a browser: %v", browser.err)
	}
	return browser.ctx
}

func startBrowser() {
	path, err := chromiumPath()
	if err != nil {
		browser.err = err
		return
	}
	dir, err := os.MkdirTemp("", "forerunner-chromium-*")
	if err != nil {
		browser.err = err
		return
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dir),
		chromedp.WindowSize(1200, 900),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("no-default-browser-check", true),
	)
	ctx, cancelBrowser := chromedp.NewContext(allocCtx)
	browser.ctx = ctx
	browser.stop = func() {
		cancelBrowser()
		cancelAlloc()
		removeProfile(dir)
	}
	if err := chromedp.Do(ctx); err != nil {
		browser.err = fmt.Errorf("%s: %w", path, err)
	}
}

// removeProfile deletes the profile; Chromium's children may still write
// to it for a moment after the browser stops.
func removeProfile(dir string) {
	for range 50 {
		if os.RemoveAll(dir) == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func chromiumPath() (string, error) {
	if p := os.Getenv("FORERUNNER_CHROMIUM"); p != "" {
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no chromium, chromium-browser or google-chrome on PATH (install Debian's chromium, or set FORERUNNER_CHROMIUM)")
}

// tab is one page open in the browser, with what it logged and fetched.
type tab struct {
	ctx      context.Context
	url      string
	mu       sync.Mutex
	problems []string
	requests []string
	// blocked are the requests the browser refused to send, and why.
	blocked map[string]network.BlockedReason
	urls    map[network.RequestID]string
}

// open writes the page to a file in the test's directory and loads it.
func open(t *testing.T, page []byte, name string) *tab {
	t.Helper()
	ctx, cancel := context.WithTimeout(needBrowser(t), 90*time.Second)
	t.Cleanup(cancel)
	ctx, cancelTab := chromedp.NewContext(ctx)
	t.Cleanup(cancelTab)
	tb := &tab{ctx: ctx, url: "file://" + writeTemp(t, name, page), blocked: map[string]network.BlockedReason{},
		urls: map[network.RequestID]string{}}
	if err := chromedp.Listen(ctx, tb.record); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(tb.url)); err != nil {
		t.Fatalf("open %s: %v", tb.url, err)
	}
	return tb
}

func (tb *tab) record(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch e := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError || e.Type == runtime.ConsoleAPICalledTypeAssert {
			tb.problems = append(tb.problems, fmt.Sprintf("console.%s %s", e.Type, argsText(e.Args)))
		}
	case *runtime.EventExceptionThrown:
		tb.problems = append(tb.problems, "exception: "+e.ExceptionDetails.Text+" "+exceptionText(e.ExceptionDetails))
	case *cdplog.EventEntryAdded:
		if e.Entry.Level == cdplog.EntryLevelError {
			tb.problems = append(tb.problems, fmt.Sprintf("%s: %s", e.Entry.Source, e.Entry.Text))
		}
	case *network.EventRequestWillBeSent:
		tb.requests = append(tb.requests, e.Request.URL)
		tb.urls[e.RequestID] = e.Request.URL
	case *network.EventLoadingFailed:
		if e.BlockedReason != "" {
			tb.blocked[tb.urls[e.RequestID]] = e.BlockedReason
		}
	}
}

func argsText(args []*runtime.RemoteObject) string {
	var b bytes.Buffer
	for _, a := range args {
		fmt.Fprintf(&b, "%s ", a.Value)
	}
	return b.String()
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil {
		return d.Exception.Description
	}
	return ""
}

// assertQuiet checks that the page logged no error and fetched nothing but itself.
func (tb *tab) assertQuiet(t *testing.T) {
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		t.Errorf("browser reported: %s", p)
	}
	for _, u := range tb.requests {
		if u != tb.url {
			t.Errorf("page made a network request: %s", u)
		}
	}
}

// evalJS evaluates js in the page and decodes its value into T.
func evalJS[T any](t *testing.T, tb *tab, js string) T {
	t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	return v
}

// screenshot saves the whole page and names the file in the log.
func (tb *tab) screenshot(t *testing.T, name string) {
	t.Helper()
	img, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(90))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	ext := ".jpg"
	if bytes.HasPrefix(img, []byte("\x89PNG")) {
		ext = ".png"
	}
	dir := t.TempDir()
	if keep := os.Getenv("FORERUNNER_SCREENSHOTS"); keep != "" {
		dir = keep
	}
	p := filepath.Join(dir, name+ext)
	if err := os.WriteFile(p, img, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
}

var (
	pdfPage     = regexp.MustCompile(`/Type\s*/Page\b[^s]`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*0\s+0\s+([0-9.]+)\s+([0-9.]+)\s*\]`)
)

// printPDF prints the page as the browser's print dialog would, with the
// page's own @page size, and returns the page count; it fails unless every
// page is A4.
func (tb *tab) printPDF(t *testing.T) int {
	t.Helper()
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	for _, m := range pdfMediaBox.FindAllSubmatch(pdf, -1) {
		w, _ := strconv.ParseFloat(string(m[1]), 64)
		h, _ := strconv.ParseFloat(string(m[2]), 64)
		if !near(w, 595.3, 2) || !near(h, 841.9, 2) {
			t.Errorf("PDF page is %.1f × %.1f pt, A4 is 595.3 × 841.9", w, h)
		}
	}
	return len(pdfPage.FindAll(pdf, -1))
}

// printStyles reports, with print media emulated, how table rows break.
func (tb *tab) printStyles(t *testing.T) map[string]int {
	t.Helper()
	setMedia := func(media string) func(context.Context, *chromedp.Target) (chromedp.Void, error) {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
			return chromedp.Void{}, err
		}
	}
	if err := chromedp.Do(tb.ctx, setMedia("print")); err != nil {
		t.Fatal(err)
	}
	defer chromedp.Do(tb.ctx, setMedia(""))
	return evalJS[map[string]int](t, tb, `(() => { const c = {}; for (const tr of document.querySelectorAll('tr')) {
		const v = getComputedStyle(tr).breakInside; c[v] = (c[v] || 0) + 1; } return c; })()`)
}

func near(a, b, tolerance float64) bool { return a-b <= tolerance && b-a <= tolerance }
