package report

// ANSI styles; used only when Options.Color is set.
const (
	bold   = "\x1b[1m"
	dim    = "\x1b[2m"
	red    = "\x1b[31m"
	green  = "\x1b[32m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

func (wr *Writer) style(s, code string) string {
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

func levelColour(level int) string {
	switch level {
	case 1, 2:
		return green
	case 3:
		return yellow
	}
	return red
}
