package policies_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"testing"
	"time"

	"github.com/forerunner-project/forerunner/internal/calendar"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/bundle"
	"github.com/open-policy-agent/opa/v1/rego"
)

// TestCalendarIndexMatchesCalendar: the working-day index is derived from the
// holiday calendar; after an edit of calendar/data.json it must be rewritten
// (forerunner policy check --fix --bundle policies).
func TestCalendarIndexMatchesCalendar(t *testing.T) {
	var cal map[string]any
	if err := json.Unmarshal(readFile(t, "forerunner/v1/calendar/data.json"), &cal); err != nil {
		t.Fatal(err)
	}
	idx, err := calendar.Derive(cal)
	if err != nil {
		t.Fatal(err)
	}
	want, err := idx.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(readFile(t, calendar.IndexFile), want) {
		t.Errorf("%s does not match calendar/data.json (run: go run ./cmd/forerunner policy check --fix --bundle policies)", calendar.IndexFile)
	}
}

func readFile(t *testing.T, name string) []byte {
	t.Helper()
	raw, err := fs.ReadFile(policies.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestWorkingDaysMatchDayScan compares the index-based working-day count of
// 2.6.e with the day-by-day count it replaced (kept in
// lib/workdays_scan_test.rego) on every occurrence date from a month before
// the calendar's first year to its last day, each notified 2 days before to
// 60 days after, for the config's 5 working days (Rego tests cover other n).
// About 17 s of CPU: it runs in parallel with the package's other tests.
func TestWorkingDaysMatchDayScan(t *testing.T) {
	t.Parallel()
	pq := prepareWithTests(t, `x := [[lib.within_working_days(input.a, b, input.n) | some b in input.notified], scan.answers(input.a, input.notified, input.n)]`)
	first, last := time.Date(2022, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 12, 31, 0, 0, 0, 0, time.UTC)
	const n = 5 // config items["2.6.e"].working_days
	pairs := 0
	for a := first; !a.After(last); a = a.AddDate(0, 0, 1) {
		var notified []any
		for delay := -2; delay <= 60; delay++ {
			notified = append(notified, a.AddDate(0, 0, delay).Format(time.DateOnly))
		}
		occurred := a.Format(time.DateOnly)
		rs, err := pq.Eval(context.Background(), rego.EvalInput(map[string]any{"a": occurred, "n": n, "notified": notified}))
		if err != nil || len(rs) != 1 {
			t.Fatalf("%s: %v %v", occurred, rs, err)
		}
		x := rs[0].Bindings["x"].([]any)
		got, want := x[0].([]any), x[1].([]any)
		for i := range notified {
			pairs++
			if g, w := fmt.Sprint(got[i]), fmt.Sprint(want[i]); g != w {
				t.Errorf("occurred %s, notified %s, %d working days: index says %s, day scan says %s", occurred, notified[i], n, g, w)
			}
		}
	}
	t.Logf("%d date pairs compared", pairs)
}

// prepareWithTests prepares query against the bundle with its test modules,
// lib and the kept day scan imported.
func prepareWithTests(t *testing.T, query string) rego.PreparedEvalQuery {
	t.Helper()
	loader, err := bundle.NewFSLoader(policies.FS)
	if err != nil {
		t.Fatal(err)
	}
	b, err := bundle.NewCustomReader(loader).WithRegoVersion(ast.RegoV1).Read()
	if err != nil {
		t.Fatal(err)
	}
	pq, err := rego.New(
		rego.Query(query),
		rego.Imports([]string{"data.forerunner.v1.lib", "data.forerunner.v1.lib.scan_test as scan"}),
		rego.ParsedBundle("forerunner", &b),
		rego.SetRegoVersion(ast.RegoV1),
	).PrepareForEval(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return pq
}
