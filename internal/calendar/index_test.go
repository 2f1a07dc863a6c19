package calendar

import (
	"strings"
	"testing"
)

func calendarOf(years map[string]any) map[string]any { return map[string]any{"years": years} }

func TestDeriveCountsWorkdaysHolidaysAndAdjustedDays(t *testing.T) {
	idx, err := Derive(calendarOf(map[string]any{
		"2024": map[string]any{"off": []any{"2024-01-01"}, "work": []any{"2024-01-06"}},
	}))
	if err != nil {
		t.Fatal(err)
	}
	// Mon Jan 1 off, Tue–Fri working (4), Sat Jan 6 adjusted working (5), Sun Jan 7 rest.
	for day, want := range map[string][2]int{"2023-12-31": {0, 0}, "2024-01-01": {0, 0}, "2024-01-02": {0, 1},
		"2024-01-05": {3, 4}, "2024-01-06": {4, 5}, "2024-01-07": {5, 5}, "2024-01-08": {5, 6}} {
		if got, ok := idx.Days[day]; !ok || got != want {
			t.Errorf("%s: got %v (%v), want %v", day, got, ok, want)
		}
	}
	if _, ok := idx.Days["2025-01-01"]; ok {
		t.Error("a day of a missing year is indexed")
	}
	want := Horizon{FirstUnknownDay: "2025-01-01", WorkingDaysBefore: idx.Days["2024-12-31"][1]}
	if idx.Horizons["2024"] != want || idx.Horizons["2023"] != want || want.WorkingDaysBefore < 240 {
		t.Errorf("horizons: %v", idx.Horizons)
	}
}

// A gap year splits the calendar into runs: each run's days look ahead to
// the gap only, and the count carries on past it (no day of the gap counts).
func TestDeriveRunsAroundAMissingYear(t *testing.T) {
	idx, err := Derive(calendarOf(map[string]any{"2023": map[string]any{}, "2025": map[string]any{}}))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"2022": "2024-01-01", "2023": "2024-01-01", "2024": "2026-01-01", "2025": "2026-01-01"}
	for y, d := range want {
		if idx.Horizons[y].FirstUnknownDay != d {
			t.Errorf("first unknown day after %s: %q, want %q", y, idx.Horizons[y].FirstUnknownDay, d)
		}
	}
	if idx.Days["2024-12-31"][1] != idx.Days["2023-12-31"][1] || idx.Horizons["2023"].WorkingDaysBefore != idx.Days["2023-12-31"][1] {
		t.Error("the gap year's days were counted")
	}
	if _, ok := idx.Days["2024-06-01"]; ok {
		t.Error("a day of the gap year is indexed")
	}
}

func TestDeriveRefusesMalformedCalendars(t *testing.T) {
	for name, cal := range map[string]map[string]any{
		"no years":      {},
		"bad year":      calendarOf(map[string]any{"24": map[string]any{}}),
		"off not list":  calendarOf(map[string]any{"2024": map[string]any{"off": "2024-01-01"}}),
		"bad off date":  calendarOf(map[string]any{"2024": map[string]any{"off": []any{"2024-02-30"}}}),
		"work not date": calendarOf(map[string]any{"2024": map[string]any{"work": []any{7}}}),
	} {
		if _, err := Derive(cal); err == nil || !strings.Contains(err.Error(), "日历") {
			t.Errorf("%s: want a bilingual error, got %v", name, err)
		}
	}
}

func TestStoredRoundTripsAndEqual(t *testing.T) {
	idx, _ := Derive(calendarOf(map[string]any{"2024": map[string]any{}}))
	raw, _ := idx.JSON()
	got, ok := Stored(map[string]any{"description": idx.Description, "days": idx.Days, "horizons": idx.Horizons})
	if !ok || !got.Equal(idx) || len(raw) == 0 {
		t.Fatal("stored index differs")
	}
	if _, ok := Stored(nil); ok {
		t.Error("no index taken for one")
	}
	other, _ := Derive(calendarOf(map[string]any{"2024": map[string]any{"off": []any{"2024-03-12"}}}))
	if other.Equal(idx) {
		t.Error("different calendars, equal indexes")
	}
}
