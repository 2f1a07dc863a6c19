package forerunner.v1.lib

calendar := data.forerunner.v1.calendar

# The working-day index is derived from the calendar (calendar/index/data.json): per
# day, the working days counted before it and through it; per year, the first day of a
# year the calendar lacks. `forerunner policy check` reports it when it no longer matches
# the calendar, `forerunner policy check --fix` rewrites it. It is read through full
# references (data.forerunner.v1.calendar.index.days[date]), never through a rule holding
# the whole index: OPA would copy all of it out of its store on every evaluation.

day_ns := 86400000000000

# within_working_days(occurred, notified, n) tells whether notified is on or before the
# n-th working day after occurred (n >= 1, I-6): {"in_time": bool}, or {"missing_year":
# "2027"} when a day the count needs lies in a year the calendar lacks. A rest day after
# the n-th working day is late: occurred Saturday 2024-11-23, the 5th working day is
# Friday 11-29, notified Saturday 11-30 is late.
# The cost does not grow with the delay: while notified lies before the calendar runs out,
# the working days strictly between the dates are days[notified][0] - days[occurred][1],
# two lookups in the index. Otherwise: fewer than n + 1 days apart needs no calendar
# (fewer than n days in between); else the count up to the missing year decides.
within_working_days(occurred, notified, n) := {"in_time": (data.forerunner.v1.calendar.index.days[notified][0] - data.forerunner.v1.calendar.index.days[occurred][1]) < n} if {
	notified < data.forerunner.v1.calendar.index.horizons[substring(occurred, 0, 4)].first_unknown_day
} else := {"in_time": true} if {
	time.parse_ns("2006-01-02", notified) - time.parse_ns("2006-01-02", occurred) < (n + 1) * day_ns
} else := up_to_missing_year(occurred, notified, n)

# up_to_missing_year: notified on or after the first day of a year the calendar lacks.
# The working days before that day decide, if they reach n (late) or it is notified on
# that very day; else the missing year is needed.
up_to_missing_year(occurred, notified, n) := {"in_time": false} if {
	horizon := data.forerunner.v1.calendar.index.horizons[substring(occurred, 0, 4)]
	horizon.working_days_before - data.forerunner.v1.calendar.index.days[occurred][1] >= n
} else := {"in_time": before < n} if {
	horizon := data.forerunner.v1.calendar.index.horizons[substring(occurred, 0, 4)]
	notified == horizon.first_unknown_day
	before := horizon.working_days_before - data.forerunner.v1.calendar.index.days[occurred][1]
} else := {"missing_year": substring(first_unknown_day(occurred), 0, 4)}

# first_unknown_day is the first day after date in a year the calendar lacks: the
# index knows it for the days it covers; any other date's next day is unknown itself.
first_unknown_day(date) := data.forerunner.v1.calendar.index.horizons[substring(date, 0, 4)].first_unknown_day if {
	data.forerunner.v1.calendar.index.days[date]
} else := time.format([time.parse_ns("2006-01-02", date) + day_ns, "UTC", "2006-01-02"])
