package forerunner.v1.lib

# names joins names for a reason: all of them in Chinese style (、) and English style (, ).
names(list) := {
	"zh": concat("、", texts),
	"en": concat(", ", texts),
} if {
	texts := [sprintf("%v", [n]) | some n in list]
}

# listing quotes names in brackets after a count, or nothing when there are none:
# "2项（T/CAS 801-2024、T/CAS 803-2024）" / "2 (T/CAS 801-2024, T/CAS 803-2024)".
listing(list) := {"zh": sprintf("%d项", [count(list)]), "en": sprintf("%d", [count(list)])} if {
	count(list) == 0
}

listing(list) := {
	"zh": sprintf("%d项（%s）", [count(list), n.zh]),
	"en": sprintf("%d (%s)", [count(list), n.en]),
} if {
	count(list) > 0
	n := names(list)
}
