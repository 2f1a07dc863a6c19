package forerunner.v1.lib_test

import data.forerunner.v1.lib

test_add_one_month_plain if lib.add_months("2024-03-01", 1) == "2024-04-01"

test_add_one_month_clamps_to_leap_february if lib.add_months("2024-01-31", 1) == "2024-02-29"

test_add_one_month_clamps_to_common_february if lib.add_months("2023-01-31", 1) == "2023-02-28"

test_add_one_month_across_year_end if lib.add_months("2024-12-15", 1) == "2025-01-15"

test_add_one_month_clamps_to_thirty_days if lib.add_months("2024-03-31", 1) == "2024-04-30"

test_subtract_three_years_from_leap_day if lib.add_months("2024-02-29", -36) == "2021-02-28"

test_subtract_months_across_year if lib.add_months("2024-01-15", -1) == "2023-12-15"

test_century_years_leap_rule if {
	lib.add_months("2100-01-31", 1) == "2100-02-28"
	lib.add_months("2000-01-31", 1) == "2000-02-29"
}

window_input := {"cycle": {"year": 2024, "start": "2024-01-01", "end": "2024-12-31"}}

test_three_year_window_bounds if {
	not lib.in_window("2021-12-31") with input as window_input
	lib.in_window("2022-01-01") with input as window_input
	lib.in_window("2024-12-31") with input as window_input
	not lib.in_window("2025-01-01") with input as window_input
}

test_cycle_bounds_inclusive if {
	lib.in_cycle("2024-01-01") with input as window_input
	lib.in_cycle("2024-12-31") with input as window_input
	not lib.in_cycle("2023-12-31") with input as window_input
	not lib.in_cycle("2025-01-01") with input as window_input
}
