package engine

import (
	"bytes"
	"context"
	"encoding/json"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/calendar"
)

// RefreshDerivedData keeps the data derived from other data in step with a
// --set what-if: the working-day index with the holiday calendar, the plan
// index with the items' points and tiers. Without it, a what-if on either
// would be refused as a stale index. It reports whether it changed the data.
func (b *Bundle) RefreshDerivedData(ctx context.Context) (bool, error) {
	days, err := b.RefreshCalendarIndex()
	if err != nil {
		return false, err
	}
	plans, err := b.RefreshPlanIndex(ctx)
	return days || plans, err
}

// calendarPointer and calendarIndexPointer are where --set changes the
// holiday calendar and, below it, the index derived from it.
var (
	calendarPointer      = "/" + strings.Join(calendar.CalendarPath, "/") + "/"
	calendarIndexPointer = "/" + strings.Join(calendar.IndexPath, "/")
)

// RefreshCalendarIndex re-derives the working-day index of b's data after
// --set changed the holiday calendar (a holiday or an adjusted working day),
// so that working days are counted with the what-if. A --set on the index
// itself is left as it is, for the checks to report. It reports whether it
// changed the data.
func (b *Bundle) RefreshCalendarIndex() (bool, error) {
	if !slices.ContainsFunc(b.Overrides, changesCalendar) {
		return false, nil
	}
	cal, ok := dataAt(b.Data, calendar.CalendarPath).(map[string]any)
	if !ok {
		return false, nil
	}
	idx, err := calendar.Derive(cal)
	if err != nil {
		return false, nil // a malformed calendar: the checks report it (calendar_index_stale)
	}
	raw, err := idx.JSON()
	if err != nil {
		return false, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber() // as the bundle's data files are read
	var derived any
	if err := dec.Decode(&derived); err != nil {
		return false, err
	}
	cal[calendar.IndexPath[len(calendar.IndexPath)-1]] = derived
	b.DataDigest = DataDigest(b.Data)
	return true, nil
}

func changesCalendar(o Override) bool {
	return strings.HasPrefix(o.Path, calendarPointer) && o.Path != calendarIndexPointer &&
		!strings.HasPrefix(o.Path, calendarIndexPointer+"/")
}
