package htmlreport

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/model"
)

// Charts are inline SVG laid out here, in user units of a fixed viewBox that
// the page scales to its width; the template only places the shapes.

const (
	chartWidth  = 760.0
	labelWidth  = 190.0 // left column: the row's name
	trackX      = 200.0
	trackWidth  = 380.0
	valueX      = trackX + trackWidth + 12
	barRowH     = 46.0
	barHeight   = 16.0
	chartMargin = 8.0
)

// barChart is the category chart of one agency: a bar per category and one
// for the total, each as long as its declared maximum.
type barChart struct {
	Width, Height float64
	Title         string
	Desc          string
	Rows          []barRow
}

type barRow struct {
	Key    string
	Label  string
	LabelY float64
	Y      float64 // top of the bar
	X      float64
	Width  float64 // track: the declared maximum
	Fill   float64 // the points
	// Attain is where the attainable maximum ends; beyond it, up to the
	// declared maximum, no points can be earned.
	Attain    float64
	Value     string
	ValueY    float64
	Threshold *thresholdMark
}

// thresholdMark is a level's minimum drawn across a bar.
type thresholdMark struct {
	X      float64
	Top    float64
	Bottom float64
	Label  string
	LabelY float64
	Anchor string // text-anchor keeping the label inside the chart
}

func (b *builder) categoryBars(rows []categoryRow, target *model.Level) barChart {
	c := barChart{Width: chartWidth, Height: chartMargin*2 + barRowH*float64(len(rows))}
	c.Title = b.say("分类得分", "Points per category")
	descs := make([]string, 0, len(rows))
	for i, r := range rows {
		y := chartMargin + barRowH*float64(i)
		bar := barRow{Key: r.Key, Label: r.Title, X: trackX, Y: y + 20, Width: trackWidth, LabelY: y + 32, ValueY: y + 32}
		scale := trackWidth / float64(max(1, r.DeclaredMax))
		bar.Fill = scale * float64(clamp(r.Points, 0, r.DeclaredMax))
		bar.Attain = scale * float64(clamp(r.Max, 0, r.DeclaredMax))
		bar.Value = fmt.Sprintf(b.say("%d / %d（声明 %d）", "%d / %d (declared %d)"), r.Points, r.Max, r.DeclaredMax)
		if target != nil {
			if min, ok := target.Min[r.Key]; ok {
				bar.Threshold = b.threshold(r, min, scale, y, target)
			}
		}
		c.Rows = append(c.Rows, bar)
		descs = append(descs, b.barDesc(r, target))
	}
	c.Desc = strings.Join(descs, b.say("；", "; "))
	return c
}

func (b *builder) threshold(r categoryRow, min int, scale, y float64, target *model.Level) *thresholdMark {
	x := trackX + scale*float64(clamp(min, 0, r.DeclaredMax))
	mark := "✓"
	if r.Points < min {
		mark = "✗ −" + strconv.Itoa(min-r.Points)
	}
	label := fmt.Sprintf("%s %s %s", b.levelTitleOf(target), r.Needs, mark)
	anchor := "middle"
	switch {
	case x > trackX+trackWidth-60:
		anchor = "end"
	case x < trackX+60:
		anchor = "start"
	}
	return &thresholdMark{X: x, Top: y + 14, Bottom: y + 20 + barHeight + 3, Label: label, LabelY: y + 11, Anchor: anchor}
}

func (b *builder) levelTitleOf(l *model.Level) string { return b.levelTitle(l.Level) }

func (b *builder) barDesc(r categoryRow, target *model.Level) string {
	s := fmt.Sprintf(b.say("%s %d 分，可得满分 %d，声明满分 %d", "%s %d points of %d attainable, %d declared"),
		r.Title, r.Points, r.Max, r.DeclaredMax)
	if r.Needs != "" {
		s += fmt.Sprintf(b.say("，%s需 %s", ", %s needs %s"), b.levelTitleOf(target), r.Needs)
	}
	return s
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// countChart is the summary's agencies per level: one bar per level, as
// long as its count relative to the largest.
type countChart struct {
	Width, Height float64
	Title, Desc   string
	Rows          []countRow
}

type countRow struct {
	Level int
	Label string
	Count int
	X, Y  float64
	Width float64 // the bar
	Track float64
	TextY float64
	TextX float64
}

const countRowH = 30.0

func (b *builder) countChart(counts []levelCount) countChart {
	c := countChart{Width: chartWidth, Height: chartMargin*2 + countRowH*float64(len(counts))}
	c.Title = b.say("各等级机构数", "Agencies per level")
	most := 1
	for _, lc := range counts {
		most = max(most, lc.Count)
	}
	descs := make([]string, 0, len(counts))
	for i, lc := range counts {
		y := chartMargin + countRowH*float64(i)
		w := trackWidth * float64(lc.Count) / float64(most)
		c.Rows = append(c.Rows, countRow{Level: lc.Level, Label: lc.Title, Count: lc.Count, X: trackX, Y: y + 6,
			Width: w, Track: trackWidth, TextY: y + 19, TextX: trackX + w + 8})
		descs = append(descs, fmt.Sprintf(b.say("%s %d 家", "%s: %d"), lc.Title, lc.Count))
	}
	c.Desc = strings.Join(descs, b.say("，", ", "))
	return c
}

// histogram is the summary's distribution of totals, with the levels'
// total thresholds drawn across it.
type histogram struct {
	Width, Height float64
	Title, Desc   string
	Bins          []histBin
	Ticks         []histTick
	Marks         []histMark
	Baseline      float64
	Left, Right   float64
}

type histBin struct {
	From, To int
	Count    int
	X, Y     float64
	W, H     float64
	Label    string // the bin in words, for its <title>
}

type histTick struct {
	X     float64
	Label string
}

type histMark struct {
	X      float64
	Label  string
	LabelY float64
	Anchor string
}

const (
	histLeft   = 40.0
	histRight  = chartWidth - 20
	histTop    = 40.0
	histHeight = 150.0
	binWidth   = 5 // points per bin
)

func (b *builder) histogram(totals []int, declared int) histogram {
	declared = max(declared, binWidth)
	for _, t := range totals {
		declared = max(declared, t)
	}
	bins := (declared + binWidth - 1) / binWidth
	counts := make([]int, bins)
	for _, t := range totals {
		counts[min(max(t, 0)/binWidth, bins-1)]++ // the top bin includes its upper end
	}
	most := 1
	for _, n := range counts {
		most = max(most, n)
	}
	scale := (histRight - histLeft) / float64(declared)
	h := histogram{Width: chartWidth, Height: histTop + histHeight + 30, Baseline: histTop + histHeight,
		Left: histLeft, Right: histRight, Title: b.say("总分分布", "Distribution of totals")}
	var descs []string
	for i, n := range counts {
		from, to := i*binWidth, min((i+1)*binWidth-1, declared)
		if i == bins-1 {
			to = declared
		}
		height := histHeight * float64(n) / float64(most)
		bin := histBin{From: from, To: to, Count: n, X: histLeft + scale*float64(from) + 1, W: scale*binWidth - 2,
			H: height, Y: histTop + histHeight - height}
		bin.Label = fmt.Sprintf(b.say("%d–%d 分：%d 家", "%d–%d points: %d"), from, to, n)
		h.Bins = append(h.Bins, bin)
		if n > 0 {
			descs = append(descs, bin.Label)
		}
	}
	for p := 0; p <= declared; p += 10 {
		h.Ticks = append(h.Ticks, histTick{X: histLeft + scale*float64(p), Label: strconv.Itoa(p)})
	}
	h.Marks = b.histMarks(scale, declared)
	h.Desc = strings.Join(descs, b.say("；", "; "))
	if h.Desc == "" {
		h.Desc = b.say("无已评分机构", "no scored agency")
	}
	return h
}

// histMarks draws each level's total bound: "≥ 90" for a level earned by
// its minimum, "< 60" for a level reached by falling below.
func (b *builder) histMarks(scale float64, declared int) []histMark {
	var marks []histMark
	for i, l := range b.model.Levels {
		bound, sign := 0, ""
		if v, ok := l.Min[totalKey]; ok {
			bound, sign = v, "≥"
		} else if v, ok := l.Below[totalKey]; ok {
			bound, sign = v, "<"
		} else {
			continue
		}
		x := histLeft + scale*float64(clamp(bound, 0, declared))
		anchor := "middle"
		if x > histRight-40 {
			anchor = "end"
		}
		marks = append(marks, histMark{X: x, Label: fmt.Sprintf("%s %s %d", b.levelTitleOf(&l), sign, bound),
			LabelY: 14 + 14*float64(i%2), Anchor: anchor})
	}
	return marks
}

// num formats an SVG coordinate: two decimals at most, no trailing zeros.
func num(f float64) string {
	return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
}
