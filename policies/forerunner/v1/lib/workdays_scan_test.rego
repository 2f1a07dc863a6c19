# METADATA
# description: |
#   The day-by-day working-day count that 2.6.e used before the calendar index, kept
#   unchanged as the reference the index-based count is compared with on every
#   occurrence date of the calendar and delays up to 60 days (policies/workdays_test.go,
#   through `answers`: the same functions, the days after an occurrence described once).
package forerunner.v1.lib.scan_test

import data.forerunner.v1.lib

within_working_days(occurred, notified, n) := {"in_time": true} if {
	time.parse_ns("2006-01-02", notified) - time.parse_ns("2006-01-02", occurred) < (n + 1) * lib.day_ns
} else := tallied(days_after(occurred, min([span(occurred, notified), (7 * n) + 14])), n)

tallied(days, n) := {"missing_year": substring(days[u].date, 0, 4)} if {
	u := first_unknown(days)
	count([k | some k, d in days; k < u; d.working]) < n
}

tallied(days, n) := {"in_time": working < n} if {
	not missing_needed(days, n)
	working := count([d | some d in days; d.working])
}

missing_needed(days, n) if {
	u := first_unknown(days)
	count([k | some k, d in days; k < u; d.working]) < n
}

first_unknown(days) := min({k | some k, d in days; not d.known})

days_after(date, last) := [described(start + (k * lib.day_ns)) | some k in numbers.range(1, last)] if {
	start := time.parse_ns("2006-01-02", date)
}

span(from, to) := ((time.parse_ns("2006-01-02", to) - time.parse_ns("2006-01-02", from)) / lib.day_ns) - 1

described(ns) := {"date": date, "known": known, "working": working_day(date, ns, known)} if {
	date := time.format([ns, "UTC", "2006-01-02"])
	known := substring(date, 0, 4) in known_years
}

working_day(_, _, false) := false

working_day(date, ns, true) := working(date, ns)

working(date, ns) if {
	date in adjusted_work_days
} else := false if {
	date in off_days
} else := false if {
	time.weekday(ns) in {"Saturday", "Sunday"}
} else := true

off_days := {d | some d in lib.calendar.years[_].off}

adjusted_work_days := {d | some d in lib.calendar.years[_].work}

known_years := {year | some year, _ in lib.calendar.years}

# answers is within_working_days for each date of notified, with the days after occurred
# described once instead of once per date (a count looks at a prefix of them).
answers(occurred, notified, n) := [answer(occurred, b, n, days) | some b in notified] if {
	days := days_after(occurred, (7 * n) + 14)
}

answer(occurred, notified, n, days) := {"in_time": true} if {
	time.parse_ns("2006-01-02", notified) - time.parse_ns("2006-01-02", occurred) < (n + 1) * lib.day_ns
} else := tallied(array.slice(days, 0, min([span(occurred, notified), (7 * n) + 14])), n)

test_answers_are_within_working_days if {
	notified := ["2024-09-28", "2024-10-09", "2024-10-10", "2024-10-11", "2024-12-31"]
	answers("2024-09-27", notified, 5) == [within_working_days("2024-09-27", b, 5) | some b in notified]
	answers("2026-12-30", ["2027-01-15"], 5) == [{"missing_year": "2027"}]
}
