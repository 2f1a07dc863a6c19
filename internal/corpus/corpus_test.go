package corpus

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSameSeedSameBytes(t *testing.T) {
	for i := range 20 {
		a, _ := Generate(Seed(7, i), Typical).JSON()
		b, _ := Generate(Seed(7, i), Typical).JSON()
		if !bytes.Equal(a, b) {
			t.Fatalf("document %d differs between two runs with the same seed", i)
		}
	}
	a, _ := Generate(Seed(7, 0), Typical).JSON()
	b, _ := Generate(Seed(8, 0), Typical).JSON()
	if bytes.Equal(a, b) {
		t.Fatal("different seeds gave the same document")
	}
}

func TestSizesAreExact(t *testing.T) {
	for _, s := range []Size{Small, Typical, Scaled(0), Scaled(1), Scaled(37)} {
		g := Generator{Size: s}
		for i := range 30 {
			d, _ := g.Document(Seed(3, i))
			c, e := d.Core, d.Encouraging
			got := []int{len(c.ListedEnterprises), len(c.ListedStandards), len(e.ProductDeclarations), len(e.Trainings),
				len(c.GroupStandards), len(c.Publications), len(d.Basic.SpotChecks), len(e.BrandEvaluations)}
			want := []int{s.Enterprises, s.Standards, s.Models, s.Trainings, s.GroupStandards, s.Publications, s.SpotChecks, s.BrandEvaluations}
			if !slices.Equal(got, want) {
				t.Fatalf("size %+v doc %d: counts %v, want %v", s, i, got, want)
			}
		}
	}
}

func TestStandardsWithoutEnterprisesGetOne(t *testing.T) {
	d := Generate(1, Size{Standards: 2})
	if len(d.Core.ListedEnterprises) != 1 {
		t.Fatalf("listed enterprises = %d, want 1 to own the standards", len(d.Core.ListedEnterprises))
	}
}

// TestDocumentsAreSemanticallyValid checks the rules of evidence.md beyond the
// schema, and that every date lies within the holiday calendar's years.
func TestDocumentsAreSemanticallyValid(t *testing.T) {
	for _, s := range []Size{Small, Typical, Scaled(20)} {
		g := Generator{Size: s}
		for i := range 300 {
			d, _ := g.Document(Seed(11, i))
			if problems := semanticProblems(t, d); len(problems) > 0 {
				t.Fatalf("doc %d (size %+v): %s", i, s, strings.Join(problems, "; "))
			}
		}
	}
}

var datePattern = regexp.MustCompile(`"(\d{4}-\d{2}-\d{2})"`)

func semanticProblems(t *testing.T, d *Document) []string {
	t.Helper()
	var problems []string
	raw, err := d.JSON()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range datePattern.FindAllStringSubmatch(string(raw), -1) {
		at, err := time.Parse(time.DateOnly, m[1])
		if err != nil || at.Before(calendarStart) || at.After(calendarEnd) {
			problems = append(problems, "date outside 2023–2026: "+m[1])
		}
	}
	if d.Cycle.End < d.Cycle.Start {
		problems = append(problems, "cycle ends before it starts")
	}
	codes := map[string]bool{}
	for _, e := range d.Core.ListedEnterprises {
		if codes[e.CreditCode] {
			problems = append(problems, "duplicate credit code "+e.CreditCode)
		}
		codes[e.CreditCode] = true
		if creditCodeCheck([]byte(e.CreditCode[:17])) != e.CreditCode[17] {
			problems = append(problems, "bad check character in "+e.CreditCode)
		}
	}
	for _, s := range d.Core.ListedStandards {
		if !codes[s.Enterprise] {
			problems = append(problems, "standard "+s.Code+" of an unlisted enterprise")
		}
		for _, c := range s.Changes {
			if c.NotifiedOn < c.OccurredOn {
				problems = append(problems, "notified before occurred in "+s.Code)
			}
		}
	}
	if strings.Contains(strings.ReplaceAll(strings.ReplaceAll(string(raw), `"submitted_on":null`, ""), `"declared_on":null`, ""), "null") {
		problems = append(problems, "a required list or value is null")
	}
	return problems
}

func TestEveryTargetIsReached(t *testing.T) {
	g := Generator{Size: Small}
	for _, target := range Targets {
		for i := range 40 {
			_, p := g.ForTarget(Seed(5, i), target)
			wantLevel, wantVetoes := 4, []string{string(target)}
			if target[0] == 'L' {
				wantLevel, wantVetoes = int(target[1]-'0'), nil
			}
			if p.Level != wantLevel || !slices.Equal(p.Vetoes, wantVetoes) {
				t.Fatalf("target %s seed %d: plan level %d vetoes %v", target, i, p.Level, p.Vetoes)
			}
		}
	}
}

func TestDefaultMixCoversEveryTarget(t *testing.T) {
	seen := map[Target]bool{}
	Generator{Size: Small}.Each(2, 300, func(_ int, _ *Document, p Plan) error {
		seen[p.Target] = true
		return nil
	})
	for _, target := range Targets {
		if !seen[target] {
			t.Errorf("300 documents of the default mix have no %s", target)
		}
	}
}

// TestPlanIsVisibleInTheEvidence spot-checks that the counts the policy will
// see match the plan's tiers.
func TestPlanIsVisibleInTheEvidence(t *testing.T) {
	g := Generator{Size: Typical}
	for i := range 200 {
		d, p := g.Document(Seed(9, i))
		ledInCycle := 0
		for _, gs := range d.Core.GroupStandards {
			if gs.Role == "lead" && gs.Date >= d.Cycle.Start && gs.Date <= d.Cycle.End {
				ledInCycle++
			}
		}
		if got := tierOf(ledInCycle, []int{3, 1}, []int{10, 7}); p.Points["2.3"] >= 7 && got != p.Points["2.3"] {
			t.Fatalf("doc %d: %d led group standards in the cycle, plan gives 2.3 %d", i, ledInCycle, p.Points["2.3"])
		}
		models := map[string]bool{}
		for _, m := range d.Encouraging.ProductDeclarations {
			models[m.Model] = true
		}
		if got := tierOf(len(models), []int{100, 50, 1}, []int{5, 3, 2}); got != p.Points["3.4"] {
			t.Fatalf("doc %d: %d distinct models, plan gives 3.4 %d", i, len(models), p.Points["3.4"])
		}
		if complete := len(d.Basic.WorkReport.Sections); complete != p.Category("basic")-sumOf(p, "1.1", "1.2", "1.3", "1.4", "1.5") {
			t.Fatalf("doc %d: %d report sections vs plan %v", i, complete, p.Points)
		}
	}
}

func tierOf(n int, mins, points []int) int {
	for i, m := range mins {
		if n >= m {
			return points[i]
		}
	}
	return 0
}

func sumOf(p Plan, ids ...string) int {
	sum := 0
	for _, id := range ids {
		sum += p.Points[id]
	}
	return sum
}

func TestWriters(t *testing.T) {
	g := Generator{Size: Small}
	var buf bytes.Buffer
	if err := g.WriteJSONLines(&buf, 4, 5); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	paths, err := g.WriteDir(dir, 4, 5)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&buf)
	sc.Buffer(nil, 1<<24)
	n := 0
	for ; sc.Scan(); n++ {
		file, err := os.ReadFile(filepath.Join(dir, FileName(n)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(bytes.TrimSpace(file), sc.Bytes()) || paths[n] != filepath.Join(dir, FileName(n)) {
			t.Fatalf("line %d differs from file %s", n, paths[n])
		}
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
	}
	if n != 5 || len(paths) != 5 {
		t.Fatalf("wrote %d lines and %d files, want 5", n, len(paths))
	}
}

func TestMapUsesJSONNumbers(t *testing.T) {
	m, err := Generate(1, Small).Map()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := m["schema_version"].(json.Number); !ok {
		t.Fatalf("schema_version is %T, want json.Number", m["schema_version"])
	}
}

func TestCloneIsDeep(t *testing.T) {
	d := Generate(1, Typical)
	c := d.Clone()
	c.Core.ListedEnterprises[0].ManagementSystems[0] = "changed"
	if d.Core.ListedEnterprises[0].ManagementSystems[0] == "changed" {
		t.Fatal("clone shares slices with the original")
	}
}

func TestMutationsKeepDocumentsValid(t *testing.T) {
	for i := range 50 {
		d := Generate(Seed(4, i), Small)
		d.AddLedGroupStandard()
		d.AddParticipatedGroupStandard()
		d.AddPublication("ranking")
		d.AddPublication("leader_list")
		d.AddTraining()
		d.AddModel()
		d.AddBrandCategory()
		d.AddLedCategory()
		d.AddCooperatedCategory()
		d.AddInternational("proposal")
		d.AddPlanElement()
		d.AddReportSection()
		for _, l := range d.FindingLists() {
			if !d.AddFinding(l.Pointer) {
				t.Fatalf("AddFinding(%s) found no list", l.Pointer)
			}
		}
		if problems := semanticProblems(t, d); len(problems) > 0 {
			t.Fatalf("doc %d after mutations: %v", i, problems)
		}
	}
}

func TestAddAndDropFinding(t *testing.T) {
	d := Generate(1, Small)
	before := len(d.Findings.NonCooperation)
	d.AddFinding("/findings/non_cooperation")
	if len(d.Findings.NonCooperation) != before+1 || !d.DropFinding("/findings/non_cooperation") ||
		len(d.Findings.NonCooperation) != before {
		t.Fatal("AddFinding/DropFinding did not change the list by one")
	}
	if d.AddFinding("/no/such/list") {
		t.Fatal("AddFinding accepted an unknown pointer")
	}
	d.Basic.FairnessFindings = []Finding{}
	if d.DropFinding("/basic/fairness_findings") {
		t.Fatal("DropFinding dropped from an empty list")
	}
}

func TestAddPlanElementCompletesThePlan(t *testing.T) {
	d := Generate(1, Small)
	d.Core.EvaluationPlan.Elements = []string{"purpose"}
	for range 20 {
		d.AddPlanElement()
	}
	if len(d.Core.EvaluationPlan.Elements) != len(planElements) {
		t.Fatalf("plan has %d elements after adding all, want %d", len(d.Core.EvaluationPlan.Elements), len(planElements))
	}
}

// NoticeDays changes the notification dates of the mix's changes and nothing
// else, so that late- and next-day-notice corpora differ only there.
func TestNoticeDaysMovesOnlyNotificationDates(t *testing.T) {
	notified := regexp.MustCompile(`"notified_on":"[0-9-]+"`)
	for i := range 20 {
		seed := Seed(3, i)
		next, _ := Generator{Size: Typical, NoticeDays: 1}.Document(seed)
		late, _ := Generator{Size: Typical, NoticeDays: 40}.Document(seed)
		a, _ := next.JSON()
		b, _ := late.JSON()
		if notified.ReplaceAll(a, nil) == nil || !bytes.Equal(notified.ReplaceAll(a, nil), notified.ReplaceAll(b, nil)) {
			t.Fatalf("document %d: NoticeDays changed more than notified_on", i)
		}
		for _, s := range next.Core.ListedStandards {
			for _, c := range s.Changes {
				o, _ := time.Parse(time.DateOnly, c.OccurredOn)
				if d, _ := time.Parse(time.DateOnly, c.NotifiedOn); d.Sub(o) != 24*time.Hour && d.Sub(o) < 30*24*time.Hour {
					t.Fatalf("document %d: %s notified on %s, neither the next day nor a planned late notice", i, c.OccurredOn, c.NotifiedOn)
				}
			}
		}
	}
}
