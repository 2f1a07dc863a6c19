package forerunner.v1.lib

# in_window holds for a date in the look-back window that ends on cycle.end:
# (cycle.end - window_years calendar years, cycle.end].
in_window(date) if {
	window_start < date
	date <= input.cycle.end
}

# window_start is cycle.end minus window_years calendar years (computed once per document).
window_start := add_months(input.cycle.end, -12 * config.window_years)

# add_months adds n calendar months to a YYYY-MM-DD date, clamping the day to the
# last day of the resulting month (I-5: 2024-01-31 + 1 month = 2024-02-29).
# months counts from year 0, month 0-based; % and an exact division instead of floor(x / 12),
# the costliest arithmetic in OPA.
add_months(date, n) := sprintf("%04d-%02d-%02d", [year, month + 1, clamped(to_number(substring(date, 8, 2)), year, month + 1)]) if {
	months := ((to_number(substring(date, 0, 4)) * 12) + to_number(substring(date, 5, 2))) + (n - 1)
	month := months % 12
	year := (months - month) / 12
}

# clamped is day, or the last day of the month when it has fewer days (every month has 28).
clamped(day, year, month) := day if {
	day <= 28
} else := min([day, month_days(year, month)])

month_days(year, month) := 29 if {
	month == 2
	leap_year(year)
} else := [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]

leap_year(year) if {
	year % 4 == 0
	year % 100 != 0
}

leap_year(year) if year % 400 == 0
