package evidence

import (
	"strconv"
	"strings"
	"time"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// checkSemantics applies the rules JSON Schema cannot express. It reads the
// value defensively: parts of the wrong type were already reported by the
// schema and are skipped here.
// The duplicate and cycle warnings follow the bundle's counting rules.
func checkSemantics(doc *Document, c *collector, counting []model.CountingRule) {
	root, _ := doc.Value.(map[string]any)
	if root == nil {
		return
	}
	start, end, cycleOK := checkCycle(root, c)
	core, _ := root["core"].(map[string]any)
	checkListedStandards(core, c)
	for _, rule := range counting {
		checkDuplicates(root, rule, c)
	}
	if !cycleOK {
		return
	}
	for _, rule := range counting {
		if rule.InCycle {
			checkInCycle(root, rule, start, end, c)
		}
	}
}

// listAt follows a JSON Pointer into the document; nil when absent.
func listAt(root any, pointer string) any {
	v := root
	for _, token := range strings.Split(strings.TrimPrefix(pointer, "/"), "/") {
		token = strings.ReplaceAll(strings.ReplaceAll(token, "~1", "/"), "~0", "~")
		obj, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = obj[token]
	}
	return v
}

// date parses a YYYY-MM-DD string; invalid dates were reported by the schema.
func date(v any) (time.Time, bool) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

func checkCycle(root map[string]any, c *collector) (start, end time.Time, ok bool) {
	cycle, _ := root["cycle"].(map[string]any)
	start, okStart := date(cycle["start"])
	end, okEnd := date(cycle["end"])
	if !okStart || !okEnd {
		return start, end, false
	}
	if end.Before(start) {
		c.addValue(CodeCycleOrder, "/cycle/end", i18n.Tf("周期结束日期 %s 早于开始日期 %s",
			"the cycle ends (%s) before it starts (%s)", cycle["end"], cycle["start"]))
		return start, end, false
	}
	return start, end, true
}

func checkListedStandards(core map[string]any, c *collector) {
	enterprises := map[string]bool{}
	for _, e := range objects(core["listed_enterprises"]) {
		if code, ok := e.value["credit_code"].(string); ok {
			enterprises[code] = true
		}
	}
	for _, std := range objects(core["listed_standards"]) {
		at := "/core/listed_standards/" + strconv.Itoa(std.index) // cheap next to the entry's objects
		if code, ok := std.value["enterprise"].(string); ok && !enterprises[code] {
			c.addValueWith(CodeUnknownEnterprise, func() string { return at + "/enterprise" }, func() i18n.Text {
				return i18n.Tf("%s 不是任何入围企业（core.listed_enterprises）的 credit_code",
					"%s is not the credit_code of any listed enterprise (core.listed_enterprises)", shortQuote(code))
			})
		}
		for _, ch := range objects(std.value["changes"]) {
			checkNotified(ch.value, at+"/changes/"+strconv.Itoa(ch.index), c)
		}
	}
}

func checkNotified(change map[string]any, at string, c *collector) {
	occurred, ok1 := date(change["occurred_on"])
	notified, ok2 := date(change["notified_on"])
	if ok1 && ok2 && notified.Before(occurred) {
		c.addValueWith(CodeNotifiedBefore, func() string { return at + "/notified_on" }, func() i18n.Text {
			return i18n.Tf("告知日期 %s 早于发生日期 %s", "notified on %s, before it occurred on %s", change["notified_on"], change["occurred_on"])
		})
	}
}

// indexed is one object of a list with its index.
type indexed struct {
	index int
	value map[string]any
}

func objects(v any) []indexed {
	list, _ := v.([]any)
	var out []indexed
	for i, item := range list {
		if obj, ok := item.(map[string]any); ok {
			out = append(out, indexed{i, obj})
		}
	}
	return out
}

// checkDuplicates warns about entries of the rule's list that repeat an
// earlier entry's key (or, for a list of names, the name itself).
func checkDuplicates(root map[string]any, rule model.CountingRule, c *collector) {
	list := listAt(root, rule.List)
	if len(rule.Key) == 0 {
		checkDuplicateNames(list, rule.List, c)
		return
	}
	checkDuplicateEntries(list, rule.List, rule.Key, c)
}

func checkDuplicateEntries(list any, at string, fields []string, c *collector) {
	first := map[string]int{}
	for _, entry := range objects(list) {
		key, ok := identity(entry.value, fields)
		if !ok {
			continue
		}
		if prev, dup := first[key]; dup {
			c.addValueWith(CodeDuplicateID, func() string { return at + "/" + strconv.Itoa(entry.index) }, func() i18n.Text {
				return i18n.Tf("与第 %d 项重复（%s），只计一次", "duplicates entry %d (%s); it counts once", prev, strings.Join(fields, ", "))
			})
			continue
		}
		first[key] = entry.index
	}
}

func identity(obj map[string]any, fields []string) (string, bool) {
	parts := make([]string, len(fields))
	for i, f := range fields {
		s, ok := obj[f].(string)
		if !ok {
			return "", false
		}
		parts[i] = s
	}
	return strings.Join(parts, "\x00"), true
}

func checkDuplicateNames(list any, at string, c *collector) {
	names, _ := list.([]any)
	first := map[string]int{}
	for i, v := range names {
		s, ok := v.(string)
		if !ok {
			continue
		}
		if prev, dup := first[s]; dup {
			c.addValueWith(CodeDuplicateID, func() string { return at + "/" + strconv.Itoa(i) }, func() i18n.Text {
				return i18n.Tf("%s 与第 %d 项重复，只计一次", "%s duplicates entry %d; it counts once", shortQuote(s), prev)
			})
			continue
		}
		first[s] = i
	}
}

// checkInCycle warns about entries of the rule's list dated outside the
// cycle: the items counting the list ignore them [I-11].
func checkInCycle(root map[string]any, rule model.CountingRule, start, end time.Time, c *collector) {
	items := strings.Join(rule.Items, ", ")
	for _, entry := range objects(listAt(root, rule.List)) {
		d, ok := date(entry.value["date"])
		if !ok || !d.Before(start) && !d.After(end) {
			continue
		}
		c.addValueWith(CodeOutsideCycle, func() string {
			return rule.List + "/" + strconv.Itoa(entry.index) + "/date"
		}, func() i18n.Text {
			return i18n.Tf("日期 %s 不在评估周期 %s 至 %s 内，%s 项不计入此条 [I-11]",
				"dated %s, outside the cycle %s to %s: item %s ignores this entry [I-11]",
				entry.value["date"], start.Format(time.DateOnly), end.Format(time.DateOnly), items)
		})
	}
}
