package impact

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

func result(level, total int, items map[string]int, vetoes ...string) *engine.Result {
	r := &engine.Result{Agency: engine.Agency{ID: "AG-1", Name: "甲"}, Level: &engine.Level{Level: level},
		Total: &engine.Score{Points: total}, Input: &engine.Input{Path: "a.yaml"}}
	for _, id := range []string{"1.1", "1.2", "3.6"} {
		if p, ok := items[id]; ok {
			r.Items = append(r.Items, engine.Item{ID: id, Points: p, Reason: i18n.T(id+"理由", id+" reason")})
		}
	}
	for _, v := range vetoes {
		r.Vetoes = append(r.Vetoes, engine.Veto{ID: v})
	}
	return r
}

func unscored(code string) *engine.Result {
	return &engine.Result{Errors: []engine.PolicyError{{Code: code}}, Input: &engine.Input{Path: "b.yaml"}}
}

func TestCompareListsChangedAddedAndRemovedItems(t *testing.T) {
	a := Compare(result(2, 85, map[string]int{"1.1": 5, "1.2": 5}), result(3, 78, map[string]int{"1.1": 3, "3.6": 0}, "V2"))
	if a.Status != Changed || *a.TotalChange != -7 || !a.LevelChanged() || len(a.Items) != 3 {
		t.Fatalf("%+v", a)
	}
	changed, added, removed := a.Items[0], a.Items[1], a.Items[2]
	if changed.ID != "1.1" || *changed.Before != 5 || *changed.After != 3 || changed.ReasonBefore.EN != "1.1 reason" {
		t.Errorf("changed: %+v", changed)
	}
	if added.ID != "3.6" || !added.Added() || added.ReasonBefore != nil {
		t.Errorf("added: %+v", added)
	}
	if removed.ID != "1.2" || !removed.Removed() || removed.ReasonAfter != nil {
		t.Errorf("removed: %+v", removed)
	}
	if len(a.VetoesGained) != 1 || a.VetoesGained[0].ID != "V2" || len(a.VetoesLost) != 0 {
		t.Errorf("vetoes: %+v / %+v", a.VetoesGained, a.VetoesLost)
	}
}

func TestCompareStatuses(t *testing.T) {
	same := map[string]int{"1.1": 5}
	cases := []struct {
		before, after *engine.Result
		want          Status
	}{
		{result(1, 90, same), result(1, 90, same), Unchanged},
		{result(1, 90, same), result(1, 90, same, "V1"), Changed},
		{unscored("E-DATE"), unscored("E-DATE"), NotScored},
		{result(1, 90, same), unscored("E-RANGE"), ScoredBeforeOnly},
		{unscored("calendar_year_missing"), result(1, 90, same), ScoredAfterOnly},
	}
	for _, c := range cases {
		if got := Compare(c.before, c.after); got.Status != c.want {
			t.Errorf("got %s, want %s: %+v", got.Status, c.want, got)
		}
	}
}

func TestSummaryCounts(t *testing.T) {
	m := &model.Model{Levels: []model.Level{{Level: 1}, {Level: 2}, {Level: 3}}, Items: []model.Item{{ID: "1.1"}, {ID: "1.2"}}}
	s := NewSummary(m, m)
	s.Add(Compare(result(1, 90, map[string]int{"1.1": 5}), result(2, 85, map[string]int{"1.1": 0})))
	s.Add(Compare(result(2, 85, map[string]int{"1.1": 5}), result(2, 85, map[string]int{"1.1": 5})))
	s.Add(Compare(result(3, 70, map[string]int{"1.2": 0}), result(3, 76, map[string]int{"1.2": 6})))
	s.Add(Compare(unscored("E-DATE"), unscored("E-DATE")))
	s.Add(Compare(result(3, 70, nil), unscored("E-RANGE")))
	s.Finish()
	if s.Documents != 5 || s.Compared != 3 || s.Changed != 2 || s.LevelChanged != 1 || s.TotalChanged != 2 ||
		s.ItemsChanged != 2 || s.NotScored != 1 || s.ScoredBeforeOnly != 1 || !s.AnyChange() {
		t.Fatalf("%+v", s)
	}
	if s.MeanTotalChange != 0.33 || s.LargestTotalChange.Change != 6 {
		t.Errorf("mean %v, largest %+v", s.MeanTotalChange, s.LargestTotalChange)
	}
	levels, _ := json.Marshal(s.Levels)
	if string(levels) != `[{"level":1,"before":1,"after":0},{"level":2,"before":1,"after":2},{"level":3,"before":2,"after":1}]` {
		t.Errorf("levels %s", levels)
	}
	transitions, _ := json.Marshal(s.Transitions)
	if string(transitions) != `[{"from":1,"to":2,"agencies":1},{"from":2,"to":2,"agencies":1},{"from":3,"to":3,"agencies":1}]` {
		t.Errorf("transitions %s", transitions)
	}
	items, _ := json.Marshal(s.Items)
	if string(items) != `[{"id":"1.1","agencies":1},{"id":"1.2","agencies":1}]` {
		t.Errorf("items %s", items)
	}
}

// The JSON writer streams: each agency is written when it comes, and the
// output is one object whatever the number of agencies.
func TestJSONWriterStreams(t *testing.T) {
	m := &model.Model{Levels: []model.Level{{Level: 1}}}
	h := NewHeader(Bundle{Source: "embedded", Model: m}, Bundle{Source: "b", Model: m})
	for _, n := range []int{0, 1, 3} {
		var buf bytes.Buffer
		w, err := NewWriter("json", &buf, i18n.EN, h)
		if err != nil {
			t.Fatal(err)
		}
		s := NewSummary(m, m)
		for range n {
			a := Compare(result(1, 90, nil), result(1, 91, nil))
			s.Add(a)
			before := buf.Len()
			if err := w.Agency(a); err != nil || buf.Len() == before {
				t.Fatalf("agency not written at once: %v", err)
			}
		}
		s.Finish()
		if err := w.Close(s); err != nil {
			t.Fatal(err)
		}
		var out struct {
			Agencies []json.RawMessage
			Summary  struct{ Documents int }
		}
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil || len(out.Agencies) != n || out.Summary.Documents != n {
			t.Fatalf("%d agencies: %v\n%s", n, err, buf.String())
		}
		if !strings.HasSuffix(buf.String(), "}\n") {
			t.Errorf("output ends %q", buf.String()[buf.Len()-5:])
		}
	}
}
