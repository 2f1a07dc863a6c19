package main

import (
	"fmt"
	"io"
	"os"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"golang.org/x/term"
)

// isTerminal reports whether f is a terminal. A character device is not
// enough: /dev/null is one too, and output sent there must not be refused;
// term.IsTerminal asks the terminal driver itself (an ioctl on Unix,
// GetConsoleMode on Windows).
func isTerminal(f *os.File) bool {
	return f != nil && term.IsTerminal(int(f.Fd()))
}

// colorEnabled: colours only on a terminal, and never when NO_COLOR is set
// (https://no-color.org: any value, even empty, counts as set).
func colorEnabled(f *os.File) bool {
	if _, set := os.LookupEnv("NO_COLOR"); set {
		return false
	}
	return isTerminal(f)
}

// progressThreshold is the input count from which a progress line is shown.
const progressThreshold = 20

// progress draws "scored i/n" on stderr when stderr is a terminal and the
// inputs are many; otherwise it does nothing.
type progress struct {
	w      io.Writer
	total  int
	count  int
	active bool
	lang   i18n.Lang
}

func newProgress(w io.Writer, total int, lang i18n.Lang) *progress {
	f, ok := w.(*os.File)
	return &progress{w: w, total: total, lang: lang, active: ok && isTerminal(f) && total >= progressThreshold}
}

func (p *progress) step() {
	p.count++
	if p.active && (p.count%10 == 0 || p.count == p.total) {
		fmt.Fprintf(p.w, "\r%s %d/%d", i18n.T("已处理", "processed").In(p.lang), p.count, p.total)
	}
}

// clear erases the progress line before other stderr output.
func (p *progress) clear() {
	if p.active {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

func (p *progress) done() { p.clear() }
