package batch

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

func doc(i int, path, agency string, year int, input map[string]any, carried map[string]any) Doc {
	return Doc{Index: i, Path: path, Agency: agency, Year: year, Input: input, Carried: carried}
}

func published(r, l int) map[string]any {
	return map[string]any{"previous_cycle": map[string]any{"rankings": json.Number(strconv.Itoa(r)), "leader_lists": json.Number(strconv.Itoa(l))}}
}

func TestDuplicatesAreRefusedNamingEachOther(t *testing.T) {
	v := Plan([]Doc{
		doc(0, "a.yaml", "AG-1", 2024, nil, nil),
		doc(1, "b.yaml", "AG-1", 2024, nil, nil),
		doc(2, "c.yaml", "AG-1", 2025, nil, nil),
		doc(3, "d.yaml", "AG-2", 2024, nil, nil),
	})
	for i, other := range map[int]string{0: "b.yaml", 1: "a.yaml"} {
		errs := v[i].Errors
		if len(errs) != 1 || errs[0].Code != CodeDuplicate || !strings.Contains(errs[0].Text.EN, other) ||
			!strings.Contains(errs[0].Text.ZH, other) || errs[0].At != "/agency/id" {
			t.Fatalf("input %d: %+v", i, v[i])
		}
	}
	// The 2025 document's previous cycle is ambiguous: nothing is derived.
	if _, ok := v[2]; ok {
		t.Fatalf("derived from a duplicate: %+v", v[2])
	}
	if _, ok := v[3]; ok {
		t.Fatalf("another agency touched: %+v", v[3])
	}
}

func TestPreviousCycleIsDerivedFromTheBatch(t *testing.T) {
	carried := map[string]any{"previous_cycle": map[string]any{"rankings": json.Number("0"), "leader_lists": json.Number("0")}}
	v := Plan([]Doc{
		doc(0, "2025.yaml", "AG-1", 2025, map[string]any{}, nil),
		doc(1, "2024.yaml", "AG-1", 2024, map[string]any{}, carried),
		doc(2, "2023-other.yaml", "AG-2", 2023, map[string]any{}, carried),
	})
	if got := v[0].Set["previous_cycle"]; !sameJSON(got, carried["previous_cycle"]) || len(v[0].Errors) != 0 {
		t.Fatalf("2025: %+v", v[0])
	}
	if n := v[0].Notes; len(n) != 1 || !strings.Contains(n[0].Text.EN, "2024.yaml") || !strings.Contains(n[0].Text.ZH, "2024.yaml") {
		t.Fatalf("2025: where previous_cycle came from is not said: %+v", n)
	}
	if _, ok := v[1]; ok {
		t.Fatalf("2024 has no previous cycle in the batch: %+v", v[1])
	}
}

func TestAgreeingDeclarationIsKeptAndContradictionRefused(t *testing.T) {
	carried := map[string]any{"previous_cycle": map[string]any{"rankings": 1, "leader_lists": 1}}
	v := Plan([]Doc{
		doc(0, "prev.yaml", "AG-1", 2024, map[string]any{}, carried),
		doc(1, "agree.yaml", "AG-1", 2025, published(1, 1), nil),
	})
	if len(v[1].Errors) != 0 {
		t.Fatalf("an agreeing declaration (1 == json 1) refused: %+v", v[1])
	}
	v = Plan([]Doc{
		doc(0, "prev.yaml", "AG-1", 2024, map[string]any{}, carried),
		doc(1, "contra.yaml", "AG-1", 2025, published(0, 0), nil),
	})
	errs := v[1].Errors
	if len(errs) != 1 || errs[0].Code != CodeContradiction || errs[0].At != "/previous_cycle" ||
		!strings.Contains(errs[0].Text.EN, "prev.yaml") || !strings.Contains(errs[0].Text.EN, "contra.yaml") ||
		!strings.Contains(errs[0].Text.ZH, "prev.yaml") || v[1].Set != nil {
		t.Fatalf("contradiction: %+v", v[1])
	}
}

func TestRankPerCycle(t *testing.T) {
	cycles := Rank([]Row{
		{Index: 0, Agency: "A", Year: 2025, Level: 2, Points: 85},
		{Index: 1, Agency: "B", Year: 2024, Level: 4, Points: 93, Vetoes: []string{"V1"}},
		{Index: 2, Agency: "C", Year: 2024, Level: 1, Points: 91},
		{Index: 3, Agency: "D", Year: 2024, Level: 1, Points: 91},
		{Index: 4, Agency: "E", Year: 2024, Level: 1, Points: 94},
	})
	if len(cycles) != 2 || cycles[0].Year != 2024 || cycles[1].Year != 2025 {
		t.Fatalf("cycles %+v", cycles)
	}
	var order []string
	for _, r := range cycles[0].Rows {
		order = append(order, r.Agency)
	}
	if strings.Join(order, "") != "ECDB" {
		t.Fatalf("2024 order %v", order)
	}
	if c := cycles[0].Counts; c[1] != 3 || c[4] != 1 || c[2] != 0 {
		t.Fatalf("2024 counts %v", c)
	}
	if c := cycles[1].Counts; c[2] != 1 || len(cycles[1].Rows) != 1 {
		t.Fatalf("2025 %+v", cycles[1])
	}
}
