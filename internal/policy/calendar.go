package policy

import (
	"github.com/forerunner-project/forerunner/internal/calendar"
)

// CodeCalendarIndex: the working-day index disagrees with the holiday calendar
// (or is missing, or the calendar cannot be read).
const CodeCalendarIndex = "calendar_index_stale"

// calendarFindings compares the bundle's working-day index, when the bundle
// has a calendar, with the one derived from that calendar. Without it, the
// policy would count working days from an outdated calendar.
func calendarFindings(src *Source) []Finding {
	cal := lookupObject(src.Data, calendar.CalendarPath...)
	if cal == nil {
		return nil
	}
	want, err := calendar.Derive(cal)
	if err != nil {
		return []Finding{errorf(CodeCalendarIndex, "forerunner/v1/calendar/data.json", "节假日日历无法读取：%v", "the holiday calendar is unreadable: %v", err)}
	}
	got, ok := calendar.Stored(lookupObject(src.Data, calendar.IndexPath...))
	if ok && got.Equal(want) {
		return nil
	}
	return []Finding{errorf(CodeCalendarIndex, calendar.IndexFile,
		"工作日索引与 calendar/data.json 不一致（运行 forerunner policy check --fix --bundle 目录）",
		"the working-day index does not match calendar/data.json (run forerunner policy check --fix --bundle DIR)")}
}

// UpdateCalendarIndex rewrites the working-day index of the bundle directory
// dir from its calendar; it writes nothing when the bundle has no calendar.
func UpdateCalendarIndex(dir string, src *Source) (string, error) {
	cal := lookupObject(src.Data, calendar.CalendarPath...)
	if cal == nil {
		return "", nil
	}
	idx, err := calendar.Derive(cal)
	if err != nil {
		return "", err
	}
	raw, err := idx.JSON()
	if err != nil {
		return "", err
	}
	return writeGenerated(dir, calendar.IndexFile, raw)
}
