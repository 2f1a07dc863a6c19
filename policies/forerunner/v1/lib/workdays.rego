package forerunner.v1.lib

calendar := data.forerunner.v1.calendar

# workday_index is derived from the calendar (calendar/index/data.json): working days
# counted through each day, and per year the first day of a year the calendar lacks.
# `forerunner policy check` reports it when it no longer matches the calendar,
# `forerunner policy check --fix` rewrites it.
workday_index := calendar.index

day_ns := 86400000000000

# within_working_days(occurred, notified, n) tells whether notified is on or before the
# n-th working day after occurred (I-6): {"in_time": bool}, or {"missing_year": "2027"}
# when a day the count needs lies in a year the calendar lacks. A rest day after the
# n-th working day is late: occurred Saturday 2024-11-23, the 5th working day is Friday
# 11-29, notified Saturday 11-30 is late.
# The cost does not grow with the delay: fewer than n + 1 days apart needs no calendar
# (fewer than n days in between); otherwise the working days strictly between the dates
# are two lookups in the index, as long as no day before notified is of a missing year.
within_working_days(occurred, notified, n) := {"in_time": true} if {
	time.parse_ns("2006-01-02", notified) - time.parse_ns("2006-01-02", occurred) < (n + 1) * day_ns
} else := {"in_time": working_days_between(occurred, notified) < n} if {
	notified <= workday_index.first_unknown_day[substring(occurred, 0, 4)]
} else := {"in_time": false} if {
	working_days_between(occurred, workday_index.first_unknown_day[substring(occurred, 0, 4)]) >= n
} else := {"missing_year": substring(first_unknown_day(occurred), 0, 4)}

# working_days_between counts the working days strictly between two dates the index
# covers (undefined when it covers neither from nor the day before to).
working_days_between(from, to) := workday_index.working_days_through[day_before(to)] - workday_index.working_days_through[from]

day_before(date) := time.format([time.parse_ns("2006-01-02", date) - day_ns, "UTC", "2006-01-02"])

# first_unknown_day is the first day after date in a year the calendar lacks: the
# index knows it for the days it covers; any other date's next day is unknown itself.
first_unknown_day(date) := workday_index.first_unknown_day[substring(date, 0, 4)] if {
	workday_index.working_days_through[date]
} else := time.format([time.parse_ns("2006-01-02", date) + day_ns, "UTC", "2006-01-02"])
