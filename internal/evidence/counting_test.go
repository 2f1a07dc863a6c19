package evidence

import (
	"os"
	"testing"

	"github.com/forerunner-project/forerunner/internal/model"
)

// bundleCounting is the embedded bundle's counting rules, which the
// duplicate and cycle warnings follow.
func bundleCounting(t testing.TB) []model.CountingRule {
	t.Helper()
	config, err := os.ReadFile("../../policies/forerunner/v1/config/data.json")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := model.CountingRules(config)
	if err != nil || len(rules) == 0 {
		t.Fatalf("counting rules: %v %v", rules, err)
	}
	return rules
}

// Another bundle's rules give other warnings: nothing in Go names a list.
func TestWarningsFollowTheBundlesCountingRules(t *testing.T) {
	rules := []model.CountingRule{{List: "/encouraging/trainings", Key: []string{"title"}, InCycle: true, Items: []string{"9.1", "9.2"}}}
	_, diags := LoadFile("../../testdata/evidence/valid/level2.yaml", Options{Counting: rules})
	var outside *Diagnostic
	for i, d := range diags {
		if d.Code == CodeOutsideCycle {
			outside = &diags[i]
		}
		if d.Code != CodeOutsideCycle && d.Code != CodeDuplicateID {
			t.Errorf("unexpected %s", d.Code)
		}
		if d.Pointer[:len("/encouraging/trainings")] != "/encouraging/trainings" {
			t.Errorf("warning outside the rule's list: %s", d.Pointer)
		}
	}
	if outside == nil || outside.Message.EN[len(outside.Message.EN)-len("item 9.1, 9.2 ignores this entry [I-11]"):] != "item 9.1, 9.2 ignores this entry [I-11]" {
		t.Fatalf("outside-cycle warning: %+v", outside)
	}
	if _, none := LoadFile("../../testdata/evidence/valid/level2.yaml", Options{}); len(none.Warnings()) != 0 {
		t.Fatalf("no rules, no warnings: %+v", none)
	}
}
