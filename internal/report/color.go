package report

import "github.com/forerunner-project/forerunner/internal/model"

// ANSI styles; used only when Options.Color is set.
const (
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

func (wr *printer) style(s, code string) string {
	if !wr.opts.Color || s == "" {
		return s
	}
	return code + s + reset
}

// pointsColour: full marks green, nothing red, in between yellow.
func pointsColour(points, max int) string {
	switch {
	case points >= max:
		return green
	case points == 0:
		return red
	}
	return yellow
}

// levelColour: passing levels green, the lowest passing one yellow, the
// failing level (or one the bundle lacks) red.
func (wr *printer) levelColour(level int) string {
	switch wr.opts.Model.StandingOf(level) {
	case model.Passing:
		return green
	case model.LowestPass:
		return yellow
	}
	return red
}
