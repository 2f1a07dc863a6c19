package corpus

import (
	"fmt"
	"slices"
	"time"
)

// Mutations for property tests ([I-12] monotonicity): each Add* adds more of
// a good thing, dated inside the cycle and distinct from what is there, so it
// can never lower a score; AddFinding adds a bad thing, DropFinding removes one.

// midCycle is a day inside the cycle (its middle).
func (d *Document) midCycle() string {
	start, err1 := time.Parse(time.DateOnly, d.Cycle.Start)
	end, err2 := time.Parse(time.DateOnly, d.Cycle.End)
	if err1 != nil || err2 != nil {
		return d.Cycle.Start
	}
	return day(start.Add(end.Sub(start) / 2))
}

// AddLedGroupStandard adds a group standard the agency led, in the cycle.
func (d *Document) AddLedGroupStandard() { d.addGroupStandard("lead") }

// AddParticipatedGroupStandard adds a group standard it took part in, in the cycle.
func (d *Document) AddParticipatedGroupStandard() { d.addGroupStandard("participant") }

func (d *Document) addGroupStandard(role string) {
	n := len(d.Core.GroupStandards)
	d.Core.GroupStandards = append(d.Core.GroupStandards, GroupStandard{
		ID:    fmt.Sprintf("T/ADD %d-%d", 9000+n, d.Cycle.Year),
		Title: category(n) + "领跑者评价要求（增补）",
		Role:  role,
		Date:  d.midCycle(),
	})
}

// AddPublication adds a ranking or a leader list ("ranking" | "leader_list") in the cycle.
func (d *Document) AddPublication(kind string) {
	n := len(d.Core.Publications)
	d.Core.Publications = append(d.Core.Publications, Publication{
		Kind: kind, Date: d.midCycle(), Title: fmt.Sprintf("增补发布 %s 第%d号", kind, n+1),
	})
}

// AddTraining adds a training in the cycle.
func (d *Document) AddTraining() {
	n := len(d.Encouraging.Trainings)
	d.Encouraging.Trainings = append(d.Encouraging.Trainings, Training{Date: d.midCycle(), Title: fmt.Sprintf("增补宣贯培训第%d期", n+1)})
}

// AddModel declares one more distinct product model.
func (d *Document) AddModel() {
	n := len(d.Encouraging.ProductDeclarations)
	standard := "T/CAS 800-2023"
	if gs := d.Core.GroupStandards; len(gs) > 0 {
		standard = gs[0].ID
	}
	d.Encouraging.ProductDeclarations = append(d.Encouraging.ProductDeclarations,
		ProductDeclaration{Model: fmt.Sprintf("ADD-%06d", n), Standard: standard})
}

// AddBrandCategory adds a category with a brand-evaluation plan and a completed pilot.
func (d *Document) AddBrandCategory() {
	n := len(d.Encouraging.BrandEvaluations)
	d.Encouraging.BrandEvaluations = append(d.Encouraging.BrandEvaluations,
		BrandEvaluation{Category: fmt.Sprintf("增补品类%d", n+1), Plan: true, PilotCompleted: true})
}

// AddLedCategory adds a category of leader certification the agency led.
func (d *Document) AddLedCategory() {
	c := &d.Encouraging.Certification
	c.LedCategories = append(c.LedCategories, fmt.Sprintf("增补牵头品类%d", len(c.LedCategories)+1))
}

// AddCooperatedCategory adds a category of leader certification it cooperated in.
func (d *Document) AddCooperatedCategory() {
	c := &d.Encouraging.Certification
	c.CooperatedCategories = append(c.CooperatedCategories, fmt.Sprintf("增补合作品类%d", len(c.CooperatedCategories)+1))
}

// AddInternational records an international outcome ("proposal" |
// "partially_adopted") of one of the agency's group standards; it adds a led
// group standard first when there is none.
func (d *Document) AddInternational(outcome string) {
	if len(d.Core.GroupStandards) == 0 {
		d.AddLedGroupStandard()
	}
	d.Encouraging.International = append(d.Encouraging.International,
		International{Standard: d.Core.GroupStandards[0].ID, Outcome: outcome})
}

// AddPlanElement adds a missing element of the evaluation plan, if any.
func (d *Document) AddPlanElement() {
	d.Core.EvaluationPlan.Elements = addMissing(d.Core.EvaluationPlan.Elements, planElements)
}

// AddReportSection adds a missing section of the work report, if any.
func (d *Document) AddReportSection() {
	d.Basic.WorkReport.Sections = addMissing(d.Basic.WorkReport.Sections, reportParts)
}

func addMissing(have, all []string) []string {
	for _, want := range all {
		if !slices.Contains(have, want) {
			return append(have, want)
		}
	}
	return have
}

// FindingList is one list of findings of a document, by JSON Pointer.
type FindingList struct {
	Pointer string
	List    *[]Finding
}

// FindingLists returns every list of findings of the document, including
// each listed enterprise's spot_check_failures.
func (d *Document) FindingLists() []FindingList {
	lists := []FindingList{
		{"/basic/fairness_findings", &d.Basic.FairnessFindings},
		{"/basic/fee_findings", &d.Basic.FeeFindings},
		{"/findings/false_information", &d.Findings.FalseInformation},
		{"/findings/certification_fraud", &d.Findings.CertificationFraud},
		{"/findings/non_cooperation", &d.Findings.NonCooperation},
		{"/findings/serious_misconduct", &d.Findings.SeriousMisconduct},
	}
	for i := range d.Core.ListedEnterprises {
		lists = append(lists, FindingList{
			fmt.Sprintf("/core/listed_enterprises/%d/spot_check_failures", i),
			&d.Core.ListedEnterprises[i].SpotCheckFailures,
		})
	}
	return lists
}

// AddFinding appends a finding, dated in the cycle, to the list at pointer;
// it reports whether the list exists.
func (d *Document) AddFinding(pointer string) bool {
	for _, l := range d.FindingLists() {
		if l.Pointer == pointer {
			*l.List = append(*l.List, Finding{Date: d.midCycle(), Summary: "增补查实情况"})
			return true
		}
	}
	return false
}

// DropFinding removes the last finding of the list at pointer; it reports
// whether there was one.
func (d *Document) DropFinding(pointer string) bool {
	for _, l := range d.FindingLists() {
		if l.Pointer == pointer && len(*l.List) > 0 {
			*l.List = (*l.List)[:len(*l.List)-1]
			return true
		}
	}
	return false
}
