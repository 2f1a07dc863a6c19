package forerunner.v1.lib_test

import data.forerunner.v1.lib

# 2024-09-27 is a Friday; Sep 29 (Sunday) is an adjusted working day, Oct 1-7 the
# National Day holiday: the working days after it are Sep 29, Sep 30, Oct 8, Oct 9, Oct 10.
test_national_day_fourth_working_day_in_time if {
	lib.within_working_days("2024-09-27", "2024-10-09", 5) == {"in_time": true}
}

test_national_day_fifth_working_day_in_time if {
	lib.within_working_days("2024-09-27", "2024-10-10", 5) == {"in_time": true}
}

test_national_day_sixth_working_day_late if {
	# Oct 11 is the 6th working day (Oct 12, Saturday, is adjusted working: the 7th).
	lib.within_working_days("2024-09-27", "2024-10-11", 5) == {"in_time": false}
}

test_adjusted_sunday_counts if {
	# Without Sep 29 counting, Oct 10 would be the 4th working day and Oct 11 the 5th.
	lib.within_working_days("2024-09-27", "2024-10-11", 6) == {"in_time": true}
	lib.within_working_days("2024-09-27", "2024-10-12", 6) == {"in_time": false}
}

test_plain_week if {
	# Monday 2024-07-01: the 5th working day after is Monday 2024-07-08.
	lib.within_working_days("2024-07-01", "2024-07-08", 5) == {"in_time": true}
	lib.within_working_days("2024-07-01", "2024-07-09", 5) == {"in_time": false}
}

test_dragon_boat_monday_is_off if {
	# Monday 2024-06-10 is a holiday: the 5th working day after 2024-06-03 is 06-11.
	lib.within_working_days("2024-06-03", "2024-06-11", 5) == {"in_time": true}
	lib.within_working_days("2024-06-03", "2024-06-12", 5) == {"in_time": false}
}

test_same_or_next_day if {
	lib.within_working_days("2024-06-03", "2024-06-03", 5) == {"in_time": true}
	lib.within_working_days("2024-06-03", "2024-06-04", 5) == {"in_time": true}
}

test_long_delay_late if {
	lib.within_working_days("2024-01-02", "2024-12-31", 5) == {"in_time": false}
}

test_missing_year_is_named if {
	lib.within_working_days("2026-12-30", "2027-01-15", 5) == {"missing_year": "2027"}
}

test_missing_year_not_needed_when_late_before_it if {
	# Five working days pass in December 2026, before any 2027 day is needed.
	lib.within_working_days("2026-12-01", "2027-01-15", 5) == {"in_time": false}
}

test_missing_year_not_needed_for_adjacent_days if {
	lib.within_working_days("2026-12-31", "2027-01-01", 5) == {"in_time": true}
}

test_missing_year_from_calendar_data if {
	lib.within_working_days("2024-09-27", "2024-10-09", 5) == {"missing_year": "2024"} with data.forerunner.v1.calendar as {"years": {}}
}

test_rest_day_after_the_fifth_working_day_is_late if {
	# I-6: occurred Saturday 2024-11-23; working days Mon 11-25 … Fri 11-29 (the 5th).
	lib.within_working_days("2024-11-23", "2024-11-29", 5) == {"in_time": true}
	lib.within_working_days("2024-11-23", "2024-11-30", 5) == {"in_time": false}
	lib.within_working_days("2024-11-23", "2024-12-01", 5) == {"in_time": false}
}

test_count_across_a_year_end if {
	# 2024-12-27 Friday: 12-30, 12-31, 2025-01-01 is a holiday, 01-02, 01-03, 01-06 (5th).
	lib.within_working_days("2024-12-27", "2025-01-06", 5) == {"in_time": true}
	lib.within_working_days("2024-12-27", "2025-01-07", 5) == {"in_time": false}
}

test_occurred_the_day_before_the_calendar if {
	# 2022 is not in the calendar, but no 2022 day lies after 2022-12-31.
	lib.within_working_days("2022-12-31", "2023-01-09", 5) == {"in_time": true}
	lib.within_working_days("2022-12-31", "2023-01-10", 5) == {"in_time": false}
}

test_occurred_in_a_missing_year if {
	lib.within_working_days("2022-06-01", "2022-07-01", 5) == {"missing_year": "2022"}
	lib.within_working_days("2027-03-01", "2027-04-01", 5) == {"missing_year": "2027"}
}

test_without_an_index_only_calendar_free_answers if {
	# Without an index (a bundle whose calendar was replaced whole), only the
	# calendar-free answers remain: near dates, or the missing year named.
	cal := {"years": {"2024": {"off": [], "work": []}}}
	lib.within_working_days("2024-03-01", "2024-03-04", 5) == {"in_time": true} with data.forerunner.v1.calendar as cal
	lib.within_working_days("2024-03-01", "2024-03-20", 5) == {"missing_year": "2024"} with data.forerunner.v1.calendar as cal
}
