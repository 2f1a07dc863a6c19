# 2.6.e at the edges of I-6, through the item's result only (independent of how lib counts).
package forerunner.v1.items.core.notification_period_test

import data.forerunner.v1.fixtures_test as fx
import data.forerunner.v1.items.core.standard_notification

with_change(change) := fx.patched(fx.example, "/core/listed_standards/0/changes", [change])

revision(occurred, notified) := {"kind": "revision", "occurred_on": occurred, "notified_on": notified}

# Sat 2024-11-23: the 5th working day after it is Fri 2024-11-29; the period ends with it.
test_friday_5th_working_day_in_time if {
	standard_notification.result.points == 1 with input as with_change(revision("2024-11-23", "2024-11-29"))
}

# A notice on the rest day after the 5th working day is late, though no 6th has begun (I-6).
test_saturday_after_5th_working_day_late if {
	r := standard_notification.result with input as with_change(revision("2024-11-23", "2024-11-30"))
	r.points == 0
	r.evidence == ["/core/listed_standards/0/changes/0"]
	contains(r.reason.en, "2024-11-30")
}

test_sunday_after_5th_working_day_late if {
	standard_notification.result.points == 0 with input as with_change(revision("2024-11-23", "2024-12-01"))
}

test_notified_null_never_notified if {
	r := standard_notification.result with input as with_change(revision("2024-09-27", null))
	r.points == 0
	contains(r.reason.en, "never notified")
	contains(r.reason.zh, "未告知")
	r.evidence == ["/core/listed_standards/0/changes/0"]
}

test_notified_absent_never_notified if {
	r := standard_notification.result with input as with_change({"kind": "repeal", "occurred_on": "2024-09-27"})
	r.points == 0
	contains(r.reason.en, "never notified")
}

# A change never notified is no calendar question: the document is still scored.
test_never_notified_is_scored if {
	r := data.forerunner.v1.result with input as with_change({"kind": "change", "occurred_on": "2024-09-27"})
	not r.errors
	some it in r.items
	it.id == "2.6.e"
	it.points == 0
}
