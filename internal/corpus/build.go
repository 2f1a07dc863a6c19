package corpus

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Calendar years the holiday calendar covers: every generated date stays
// inside them, so no working-day count can need a missing year.
const (
	firstYear = 2023
	lastYear  = 2026
)

var (
	calendarStart = date(firstYear, 1, 1)
	calendarEnd   = date(lastYear, 12, 31)
	// latestChange leaves room after a change for a late notification
	// (up to 45 days) that still falls inside the calendar.
	latestChange = calendarEnd.AddDate(0, 0, -60)
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func day(t time.Time) string { return t.Format(time.DateOnly) }

func dayPtr(t time.Time) *string { s := day(t); return &s }

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// builder turns a Plan into a document of a given Size.
type builder struct {
	rng        *rand.Rand
	size       Size
	plan       Plan
	doc        *Document
	start, end time.Time // the cycle
	noticeDays int       // Generator.NoticeDays
}

// between returns a random day in [a, b] (a when b is before a).
func (b *builder) between(a, z time.Time) time.Time {
	days := int(z.Sub(a).Hours() / 24)
	if days <= 0 {
		return a
	}
	return a.AddDate(0, 0, b.rng.IntN(days+1))
}

func (b *builder) inCycle() time.Time { return b.between(b.start, b.end) }

// outOfCycle returns a day outside the cycle but inside the calendar: the
// year before the cycle, or the year after when the cycle is the first year.
func (b *builder) outOfCycle() time.Time {
	if b.start.Year() > firstYear {
		return b.between(b.start.AddDate(-1, 0, 0), b.start.AddDate(0, 0, -1))
	}
	return b.between(b.end.AddDate(0, 0, 1), b.end.AddDate(1, 0, 0))
}

// inWindow returns a day of the 3-year window (cycle.end − 3y, cycle.end],
// not before the calendar's first year.
func (b *builder) inWindow() time.Time {
	return b.between(later(b.end.AddDate(-3, 0, 1), calendarStart), b.end)
}

func (b *builder) pick(list []string) string { return list[b.rng.IntN(len(list))] }

func (b *builder) passes(id string) bool { return b.plan.Points[id] > 0 }

func (b *builder) finding(at time.Time, what string) Finding {
	f := Finding{Date: day(at), Summary: what}
	if b.rng.IntN(2) == 0 {
		f.Reference = fmt.Sprintf("标监函〔%d〕%d号", at.Year(), 1+b.rng.IntN(200))
	}
	return f
}

func (b *builder) findings(n int, what string) []Finding {
	out := []Finding{}
	for range n {
		out = append(out, b.finding(b.inCycle(), what))
	}
	return out
}

// build assembles the whole document.
func (b *builder) build(index int) *Document {
	year := firstYear + b.rng.IntN(lastYear-firstYear+1)
	b.start, b.end = date(year, 1, 1), date(year, 12, 31)
	b.doc = &Document{
		SchemaVersion: 1,
		Agency:        b.agency(index),
		Cycle:         Cycle{Year: year, Start: day(b.start), End: day(b.end)},
		PreviousCycle: b.previousCycle(),
	}
	b.buildBasic()
	b.buildCore()
	b.buildEncouraging()
	b.buildFindings()
	return b.doc
}

func (b *builder) agency(index int) Agency {
	a := Agency{
		ID:   fmt.Sprintf("AG-%06d", index), // one document per agency: a batch refuses an agency twice in a cycle
		Name: b.pick(cities) + b.pick(agencyKinds),
	}
	if b.rng.IntN(2) == 0 {
		a.CreditCode = creditCode(b.rng, index)
	}
	return a
}

// previousCycle is absent now and then (V2 then cannot fire, with a warning),
// and empty for veto V2.
func (b *builder) previousCycle() *PreviousCycle {
	switch {
	case b.plan.Target == VetoV2:
		return &PreviousCycle{}
	case b.rng.IntN(5) == 0:
		return nil
	}
	return &PreviousCycle{Rankings: 1 + b.rng.IntN(3), LeaderLists: 1 + b.rng.IntN(2)}
}
