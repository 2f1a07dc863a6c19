package forerunner.v1.lib

calendar := data.forerunner.v1.calendar

day_ns := 86400000000000

off_days := {d | some d in calendar.years[_].off}

adjusted_work_days := {d | some d in calendar.years[_].work}

known_years := {year | some year, _ in calendar.years}

# within_working_days(occurred, notified, n) tells whether notified is on or before the
# n-th working day after occurred (I-6): {"in_time": bool}, or {"missing_year": "2027"}
# when a day the count needs lies in a year the calendar lacks. Only the days strictly
# between the two dates are looked at, and no more than enough to find n working days.
# Fewer than n days in between (notified before occurred + n + 1 days): fewer than n
# working days, whatever the calendar says. Tested first without a division, the common case.
within_working_days(occurred, notified, n) := {"in_time": true} if {
	time.parse_ns("2006-01-02", notified) - time.parse_ns("2006-01-02", occurred) < (n + 1) * day_ns
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

# days_after lists the `last` days after a date, each with whether its year is in the
# calendar and whether it is a working day.
days_after(date, last) := [described(start + (k * day_ns)) | some k in numbers.range(1, last)] if {
	start := time.parse_ns("2006-01-02", date)
}

# span is the number of days strictly between two dates.
span(from, to) := ((time.parse_ns("2006-01-02", to) - time.parse_ns("2006-01-02", from)) / day_ns) - 1

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
