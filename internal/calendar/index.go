// Package calendar derives the working-day index of the bundle's holiday
// calendar (data.forerunner.v1.calendar, calendar/data.json). With the index
// the policy counts the working days between two dates with two lookups,
// whatever the delay, instead of walking the days between them (I-6).
//
// The index is a pure function of the calendar: this package is its only
// writer (`forerunner policy check --fix`), `policy check` and the bundle's
// tests report an index that no longer matches the calendar.
package calendar

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"time"
)

// IndexFile is where the index lives in a bundle directory, next to the
// calendar; its data path is data.forerunner.v1.calendar.index.
const IndexFile = "forerunner/v1/calendar/index/data.json"

// Data paths of the calendar and of its index.
var (
	CalendarPath = []string{"forerunner", "v1", "calendar"}
	IndexPath    = []string{"forerunner", "v1", "calendar", "index"}
)

const layout = "2006-01-02"

// description is written into the index so that whoever opens the file
// knows not to edit it.
const description = "Derived from calendar/data.json; do not edit. Rewritten by `forerunner policy check --fix --bundle DIR`, checked by `forerunner policy check`. days: per day, [working days before it, working days through it], counted from the calendar's first day; horizons: per year, the first day after it whose year the calendar lacks, and the working days before that day."

// Index is the derived working-day index.
type Index struct {
	Description string `json:"description"`
	// Days maps every day of the calendar's years, and the day before each
	// run of consecutive years, to [working days before it, working days
	// through it], counted from the calendar's first day: the working days
	// strictly between a and b are days[b][0] - days[a][1].
	Days map[string][2]int `json:"days"`
	// Horizons maps each calendar year, and the year before each run of
	// consecutive years, to the first day after it in a year the calendar
	// lacks and the working days before that day.
	Horizons map[string]Horizon `json:"horizons"`
}

// Horizon is where a count from a year's days runs out of calendar.
type Horizon struct {
	FirstUnknownDay   string `json:"first_unknown_day"`
	WorkingDaysBefore int    `json:"working_days_before"`
}

// Derive builds the index of a calendar object: {"years": {"2024": {"off":
// [dates], "work": [dates]}, ...}}. A day is working when a year lists it
// under work (调休), else not when one lists it under off, else Monday to
// Friday — the rule the policy applied day by day before the index.
func Derive(calendar map[string]any) (Index, error) {
	years, off, work, err := parse(calendar)
	if err != nil {
		return Index{}, err
	}
	idx := Index{Description: description, Days: map[string][2]int{}, Horizons: map[string]Horizon{}}
	through := 0
	for _, run := range runs(years) {
		first, last := run[0], run[1]
		idx.Days[fmt.Sprintf("%04d-12-31", first-1)] = [2]int{through, through}
		for year := first; year <= last; year++ {
			for d := date(year, 1, 1); d.Year() == year; d = d.AddDate(0, 0, 1) {
				day := d.Format(layout)
				before := through
				if working(d, day, off, work) {
					through++
				}
				idx.Days[day] = [2]int{before, through}
			}
		}
		horizon := Horizon{FirstUnknownDay: fmt.Sprintf("%04d-01-01", last+1), WorkingDaysBefore: through}
		for year := first - 1; year <= last; year++ {
			idx.Horizons[strconv.Itoa(year)] = horizon
		}
	}
	return idx, nil
}

var yearKey = regexp.MustCompile(`^[0-9]{4}$`)

// parse reads the calendar's years and its off and work days.
func parse(calendar map[string]any) (years []int, off, work map[string]bool, err error) {
	raw, ok := calendar["years"].(map[string]any)
	if !ok {
		return nil, nil, nil, fmt.Errorf("calendar: years must be an object of years / 日历：years 须为按年份的对象")
	}
	off, work = map[string]bool{}, map[string]bool{}
	for key, v := range raw {
		if !yearKey.MatchString(key) {
			return nil, nil, nil, fmt.Errorf("calendar: year %q is not four digits / 日历：年份 %q 不是四位数字", key, key)
		}
		year, _ := strconv.Atoi(key)
		years = append(years, year)
		entry, _ := v.(map[string]any)
		for list, into := range map[string]map[string]bool{"off": off, "work": work} {
			if err := collect(entry[list], into, key, list); err != nil {
				return nil, nil, nil, err
			}
		}
	}
	sort.Ints(years)
	return years, off, work, nil
}

func collect(v any, into map[string]bool, year, list string) error {
	if v == nil {
		return nil
	}
	days, ok := v.([]any)
	if !ok {
		return fmt.Errorf("calendar: years.%s.%s must be a list of dates / 日历：years.%s.%s 须为日期列表", year, list, year, list)
	}
	for _, d := range days {
		s, ok := d.(string)
		if _, err := time.Parse(layout, s); !ok || err != nil {
			return fmt.Errorf("calendar: years.%s.%s: %v is not a YYYY-MM-DD date / 日历：years.%s.%s：%v 不是 YYYY-MM-DD 日期", year, list, d, year, list, d)
		}
		into[s] = true
	}
	return nil
}

// runs splits sorted years into runs of consecutive years, [first, last].
func runs(years []int) [][2]int {
	var out [][2]int
	for _, y := range years {
		if n := len(out); n > 0 && out[n-1][1] == y-1 {
			out[n-1][1] = y
			continue
		}
		out = append(out, [2]int{y, y})
	}
	return out
}

func working(d time.Time, day string, off, work map[string]bool) bool {
	switch {
	case work[day]:
		return true
	case off[day]:
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// JSON is the index file's content: indented, keys sorted, one day a line.
func (idx Index) JSON() ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	err := enc.Encode(idx)
	return buf.Bytes(), err
}

// Stored decodes the index a bundle holds (as loaded data), for comparison
// with Derive's; ok is false when the bundle has none or it is malformed.
func Stored(v any) (idx Index, ok bool) {
	raw, err := json.Marshal(v)
	if err != nil || v == nil {
		return Index{}, false
	}
	if err := json.Unmarshal(raw, &idx); err != nil {
		return Index{}, false
	}
	return idx, true
}

// Equal reports whether two indexes say the same.
func (idx Index) Equal(other Index) bool {
	a, errA := idx.JSON()
	b, errB := other.JSON()
	return errA == nil && errB == nil && bytes.Equal(a, b)
}
