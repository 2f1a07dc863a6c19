package forerunner.v1.lib

calendar := data.forerunner.v1.calendar

day_ns := 86400000000000

off_days := {d | some d in calendar.years[_].off}

adjusted_work_days := {d | some d in calendar.years[_].work}

# within_working_days(occurred, notified, n) tells whether notified is on or before the
# n-th working day after occurred (I-6): {"in_time": bool}, or {"missing_year": "2027"}
# when a day the count needs lies in a year the calendar lacks. Only the days strictly
# between the two dates are looked at, and no more than enough to find n working days.
within_working_days(occurred, notified, n) := {"missing_year": year} if {
	days := days_between(occurred, notified, n)
	some u, d in days
	not d.known
	not earlier_unknown(days, u)
	count([k | some k, e in days; k < u; e.working]) < n
	year := substring(d.date, 0, 4)
}

within_working_days(occurred, notified, n) := {"in_time": working < n} if {
	days := days_between(occurred, notified, n)
	not missing_needed(days, n)
	working := count([d | some d in days; d.working])
}

missing_needed(days, n) if {
	some u, d in days
	not d.known
	count([k | some k, e in days; k < u; e.working]) < n
}

earlier_unknown(days, u) if {
	some k, d in days
	k < u
	not d.known
}

# days_between lists the days strictly between occurred and notified (at most 7n+14 of
# them, enough to hold n working days) with whether each is known and a working day.
days_between(occurred, notified, _) := [] if {
	span(occurred, notified) < 1
}

days_between(occurred, notified, n) := [described(start + (k * day_ns)) | some k in numbers.range(1, last)] if {
	span(occurred, notified) >= 1
	start := time.parse_ns("2006-01-02", occurred)
	last := min([span(occurred, notified), (7 * n) + 14])
}

# span is the number of days strictly between two dates.
span(from, to) := ((time.parse_ns("2006-01-02", to) - time.parse_ns("2006-01-02", from)) / day_ns) - 1

described(ns) := {"date": date, "known": known, "working": working_day(date, ns, known)} if {
	date := time.format([ns, "UTC", "2006-01-02"])
	known := substring(date, 0, 4) in object.keys(calendar.years)
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
