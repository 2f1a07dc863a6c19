package corpus

import (
	"fmt"
	"slices"
	"time"
)

func (b *builder) buildBasic() {
	d := &b.doc.Basic
	d.FairnessFindings = b.findings(b.failCount("1.1"), "评价过程未公开评价依据")
	d.FeeFindings = b.findings(b.failCount("1.2"), "以评审费名义向企业收费")
	d.Submission = b.submission()
	d.Archive = b.archive()
	d.SpotChecks = b.spotChecks()
	d.WorkReport = b.workReport()
}

// failCount is 0 when the item passes, else 1–2 findings.
func (b *builder) failCount(id string) int {
	if b.passes(id) {
		return 0
	}
	return 1 + b.rng.IntN(2)
}

func (b *builder) submission() Submission {
	deadline := b.between(b.end.AddDate(0, 0, -45), b.end.AddDate(0, 0, -10))
	s := Submission{Deadline: day(deadline)}
	switch {
	case b.passes("1.3"):
		s.SubmittedOn = dayPtr(deadline.AddDate(0, 0, -b.rng.IntN(10)))
	case b.rng.IntN(2) == 0:
		s.SubmittedOn = dayPtr(deadline.AddDate(0, 0, 1+b.rng.IntN(9)))
	}
	return s
}

func (b *builder) archive() Archive {
	switch {
	case b.passes("1.4"):
		return Archive{Archived: true, RetentionYears: 3 + b.rng.IntN(8)}
	case b.rng.IntN(2) == 0:
		return Archive{Archived: false, RetentionYears: 3}
	}
	return Archive{Archived: true, RetentionYears: 1 + b.rng.IntN(2)}
}

func (b *builder) spotChecks() []SpotCheck {
	out := []SpotCheck{}
	for i := range b.size.SpotChecks {
		at := b.inWindow()
		out = append(out, SpotCheck{Date: day(at), Reference: fmt.Sprintf("市监抽〔%d〕%d号", at.Year(), 10+i)})
	}
	if !b.passes("1.5") {
		out[b.rng.IntN(len(out))].ProblemsFound = true
	}
	return out
}

func (b *builder) workReport() WorkReport {
	r := WorkReport{Submitted: true, Sections: []string{}}
	for i, part := range reportParts {
		if b.passes("1.6." + string(rune('a'+i))) {
			r.Sections = append(r.Sections, part)
		}
	}
	if len(r.Sections) == 0 && b.rng.IntN(2) == 0 {
		r.Submitted = false
	}
	return r
}

func (b *builder) buildCore() {
	d := &b.doc.Core
	d.EvaluationPlan = b.evaluationPlan()
	d.GroupStandards = b.groupStandards()
	d.Publications = b.publications()
	d.ListedEnterprises = b.enterprises()
	d.ListedStandards = b.standards()
}

func (b *builder) evaluationPlan() EvaluationPlan {
	p := EvaluationPlan{Elements: slices.Clone(planElements), Basis: "requirements"}
	if !b.passes("2.1") {
		for range 1 + b.rng.IntN(3) {
			i := b.rng.IntN(len(p.Elements))
			p.Elements = slices.Delete(p.Elements, i, i+1)
		}
	}
	b.rng.Shuffle(len(p.Elements), func(i, j int) { p.Elements[i], p.Elements[j] = p.Elements[j], p.Elements[i] })
	if !b.passes("2.2") {
		p.Basis = b.pick([]string{"general_principles", "other"})
	}
	return p
}

// groupStandards realises 2.3's tier with exactly Size.GroupStandards entries:
// led ≥ 3 → 10, led 1–2 → 7, participant only → 3, none in the cycle → 0.
func (b *builder) groupStandards() []GroupStandard {
	n := b.size.GroupStandards
	led := 0
	switch b.plan.Points["2.3"] {
	case 10:
		led = 3 + b.rng.IntN(n-2)
	case 7:
		led = min(n, 1+b.rng.IntN(2))
	}
	out := []GroupStandard{}
	for i := range n {
		at := b.inCycle()
		if b.plan.Points["2.3"] == 0 {
			at = b.outOfCycle()
		}
		role := "participant"
		if i < led {
			role = "lead"
		}
		out = append(out, GroupStandard{
			ID:    fmt.Sprintf("T/%s %d-%d", groupOrgs[i%len(groupOrgs)], 801+i, at.Year()),
			Title: category(i) + "领跑者评价要求",
			Role:  role,
			Date:  day(at),
		})
	}
	b.rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// publications realises 2.4's tier: rankings ≥ 2 and a leader list → 10,
// one ranking and a leader list → 7, leader lists only → 3, none → 0. For
// veto V2 nothing is published in the cycle.
func (b *builder) publications() []Publication {
	n := b.size.Publications
	rankings := 0
	switch b.plan.Points["2.4"] {
	case 10:
		rankings = 2 + b.rng.IntN(n-2)
	case 7:
		rankings = 1
	case 0:
		rankings = n
	}
	out := []Publication{}
	for i := range n {
		at := b.inCycle()
		if b.plan.Target == VetoV2 {
			at = b.outOfCycle()
		}
		kind, title := "leader_list", "%d年%s企业标准领跑者名单"
		if i < rankings {
			kind, title = "ranking", "%d年%s企业标准排行榜"
		}
		out = append(out, Publication{Kind: kind, Date: day(at), Title: fmt.Sprintf(title, at.Year(), category(i))})
	}
	return out
}

func (b *builder) enterprises() []ListedEnterprise {
	out := []ListedEnterprise{}
	for i := range b.size.Enterprises {
		out = append(out, b.goodEnterprise(i))
	}
	for _, sub := range "abcde" {
		if len(out) > 0 && !b.passes("2.5."+string(sub)) {
			b.breakEnterprise(&out[b.rng.IntN(len(out))], sub)
		}
	}
	return out
}

func (b *builder) goodEnterprise(i int) ListedEnterprise {
	e := ListedEnterprise{
		Name:              b.pick(cities) + category(i) + b.pick(firmKinds),
		CreditCode:        creditCode(b.rng, 1000+i),
		Accidents:         []Accident{},
		ManagementSystems: slices.Clone(mgmtSystems),
		CreditReport:      CreditReport{Provided: true, Complete: true, EntriesExplained: true},
		SpotCheckFailures: []Finding{},
		Materials: Materials{EnterpriseStandard: true, MassProductionProof: true, CommitmentLetter: CommitmentLetter{
			Provided: true, Sealed: true, NamesModels: true, StatesProductionAndSales: true, StatesChannels: true}},
	}
	for range b.size.AccidentsPerFirm {
		e.Accidents = append(e.Accidents, Accident{Date: day(b.inWindow()), Kind: b.pick(accidentKinds), Severity: "general"})
	}
	return e
}

// breakEnterprise makes e fail sub-item sub of 2.5.
func (b *builder) breakEnterprise(e *ListedEnterprise, sub rune) {
	switch sub {
	case 'a':
		e.Accidents = append(e.Accidents, Accident{Date: day(b.inWindow()), Kind: b.pick(accidentKinds), Severity: b.pick(badSeverities)})
	case 'b':
		e.ManagementSystems = slices.Delete(e.ManagementSystems, 0, 1)
		b.rng.Shuffle(len(e.ManagementSystems), func(i, j int) {
			e.ManagementSystems[i], e.ManagementSystems[j] = e.ManagementSystems[j], e.ManagementSystems[i]
		})
	case 'c':
		b.breakCredit(e)
	case 'd':
		e.SpotCheckFailures = append(e.SpotCheckFailures, b.finding(b.inWindow(), "国家质量监督抽查不合格"))
	case 'e':
		b.breakMaterials(&e.Materials)
	}
}

func (b *builder) breakCredit(e *ListedEnterprise) {
	switch b.rng.IntN(4) {
	case 0:
		e.SeriousDishonestyListed = true
	case 1:
		e.CreditReport.Provided, e.CreditReport.Complete, e.CreditReport.EntriesExplained = false, false, false
	case 2:
		e.CreditReport.Complete = false
	default:
		e.CreditReport.EntriesExplained = false
	}
}

func (b *builder) breakMaterials(m *Materials) {
	flags := []*bool{&m.EnterpriseStandard, &m.MassProductionProof, &m.CommitmentLetter.Provided,
		&m.CommitmentLetter.Sealed, &m.CommitmentLetter.NamesModels,
		&m.CommitmentLetter.StatesProductionAndSales, &m.CommitmentLetter.StatesChannels}
	*flags[b.rng.IntN(len(flags))] = false
	if !m.CommitmentLetter.Provided { // no letter: none of its contents either
		m.CommitmentLetter = CommitmentLetter{}
	}
}

func (b *builder) standards() []ListedStandard {
	firms := b.doc.Core.ListedEnterprises
	out := []ListedStandard{}
	for i := range b.size.Standards {
		out = append(out, b.goodStandard(i, firms[b.rng.IntN(len(firms))].CreditCode))
	}
	for _, sub := range "abcde" {
		if len(out) > 0 && !b.passes("2.6."+string(sub)) {
			b.breakStandard(&out[b.rng.IntN(len(out))], sub)
		}
	}
	return out
}

func (b *builder) goodStandard(i int, firm string) ListedStandard {
	listed := b.between(later(b.start, calendarStart.AddDate(0, 3, 0)), b.end)
	declared := b.between(later(listed.AddDate(0, -8, 0), calendarStart), listed.AddDate(0, -2, 0))
	s := ListedStandard{
		Code:            fmt.Sprintf("Q/%s %03d-%d", firm[10:14], 1+i, declared.Year()),
		Enterprise:      firm,
		GBT11Conformant: true, DeclaredOn: dayPtr(declared), ListedOn: day(listed),
		MeetsPlanCriteria: true, StricterThanNational: true, StricterThanIndustry: true,
		InProduction: true, ValidTestReport: true,
		Changes: []Change{},
	}
	for range b.size.ChangesPerStandard {
		s.Changes = append(s.Changes, b.change(0))
	}
	return s
}

// change returns a change notified late days after it occurred (0–2 days is
// always within 5 working days; 30+ never is).
func (b *builder) change(late int) Change {
	occurred := b.between(b.start, earlier(b.end, latestChange))
	if late == 0 {
		late = b.rng.IntN(3) // drawn even when overridden: the rest of the document stays the same
		if b.noticeDays > 0 {
			late = b.noticeDays
		}
	}
	return Change{Kind: b.pick(changeKinds), OccurredOn: day(occurred), NotifiedOn: day(occurred.AddDate(0, 0, late))}
}

// breakStandard makes s fail sub-item sub of 2.6.
func (b *builder) breakStandard(s *ListedStandard, sub rune) {
	switch sub {
	case 'a':
		s.GBT11Conformant = false
	case 'b':
		b.breakDeclaration(s)
	case 'c':
		*b.pickFlag(&s.MeetsPlanCriteria, &s.StricterThanNational, &s.StricterThanIndustry) = false
	case 'd':
		*b.pickFlag(&s.InProduction, &s.ValidTestReport) = false
	case 'e':
		s.Changes = append(s.Changes, b.change(30+b.rng.IntN(15)))
	}
}

// breakDeclaration: never declared, or declared less than a calendar month
// before listing ([I-5]).
func (b *builder) breakDeclaration(s *ListedStandard) {
	if b.rng.IntN(2) == 0 {
		s.DeclaredOn = nil
		return
	}
	listed, _ := time.Parse(time.DateOnly, s.ListedOn)
	s.DeclaredOn = dayPtr(listed.AddDate(0, 0, -b.rng.IntN(25)))
}

func (b *builder) pickFlag(flags ...*bool) *bool { return flags[b.rng.IntN(len(flags))] }

func (b *builder) buildEncouraging() {
	d := &b.doc.Encouraging
	d.Trainings = b.trainings()
	d.International = b.international()
	d.Certification = b.certification()
	d.ProductDeclarations = b.declarations()
	d.BrandEvaluations = b.brandEvaluations()
}

// trainings realises 3.1: ≥ 3 in the cycle → 5, 1–2 → 3, none → 0; the
// others are dated outside the cycle (ignored with a warning, [I-11]).
func (b *builder) trainings() []Training {
	inCycle := map[int]int{5: b.size.Trainings, 3: 1 + b.rng.IntN(min(2, max(b.size.Trainings, 1))), 0: 0}[b.plan.Points["3.1"]]
	out := []Training{}
	for i := range b.size.Trainings {
		at := b.inCycle()
		if i >= inCycle {
			at = b.outOfCycle()
		}
		out = append(out, Training{Date: day(at), Title: fmt.Sprintf("领跑者标准宣贯会（%s）第%d期", b.pick(cities), 1+i)})
	}
	return out
}

// international refers to one of the agency's group standards: a proposal → 5,
// partial adoption only → 3.
func (b *builder) international() []International {
	out := []International{}
	gs := b.doc.Core.GroupStandards
	if len(gs) == 0 {
		return out
	}
	ref := func() string { return fmt.Sprintf("ISO/TC %d N%d", 10+b.rng.IntN(300), 100+b.rng.IntN(900)) }
	switch b.plan.Points["3.2"] {
	case 5:
		out = append(out, International{Standard: gs[b.rng.IntN(len(gs))].ID, Outcome: "proposal", Reference: ref()})
		if b.rng.IntN(2) == 0 {
			out = append(out, International{Standard: gs[b.rng.IntN(len(gs))].ID, Outcome: "partially_adopted"})
		}
	case 3:
		out = append(out, International{Standard: gs[b.rng.IntN(len(gs))].ID, Outcome: "partially_adopted", Reference: ref()})
	}
	return out
}

// certification realises 3.3 with [I-7]: led ≥ 3 → 5; led 2 + cooperated ≥ 1
// → 3; led 1 + cooperated ≥ 1 → 2; unregistered or cooperation alone → 0.
func (b *builder) certification() Certification {
	led, coop, registered := 0, b.rng.IntN(3), true
	switch b.plan.Points["3.3"] {
	case 5:
		led = 3 + b.rng.IntN(3)
	case 3:
		led, coop = 2, 1+b.rng.IntN(2)
	case 2:
		led, coop = 1, 1+b.rng.IntN(2)
	default:
		if b.rng.IntN(2) == 0 {
			registered, led = false, b.rng.IntN(4)
		}
	}
	c := Certification{Registered: registered, LedCategories: []string{}, CooperatedCategories: []string{}}
	for i := range led + coop {
		if i < led {
			c.LedCategories = append(c.LedCategories, category(i))
		} else {
			c.CooperatedCategories = append(c.CooperatedCategories, category(i))
		}
	}
	return c
}

// declarations realises 3.4 with exactly Size.Models declarations; repeated
// models lower the distinct count ([I-8]: ≥ 100 → 5, 50–99 → 3, 1–49 → 2).
func (b *builder) declarations() []ProductDeclaration {
	n := b.size.Models
	distinct := n
	switch b.plan.Points["3.4"] {
	case 3:
		distinct = min(n, 50+b.rng.IntN(50))
	case 2:
		distinct = min(n, 1+b.rng.IntN(49))
	}
	standard := func() string {
		if gs := b.doc.Core.GroupStandards; len(gs) > 0 {
			return gs[b.rng.IntN(len(gs))].ID
		}
		return "T/CAS 800-2023"
	}
	out := []ProductDeclaration{}
	for i := range n {
		out = append(out, ProductDeclaration{Model: fmt.Sprintf("BCD-%04dW", i%distinct), Standard: standard()})
	}
	return out
}

// brandEvaluations realises 3.5: categories with a plan and a completed pilot,
// ≥ 2 → 5, 1 → 3; the other entries lack one of the two.
func (b *builder) brandEvaluations() []BrandEvaluation {
	complete := map[int]int{5: b.size.BrandEvaluations, 3: 1, 0: 0}[b.plan.Points["3.5"]]
	out := []BrandEvaluation{}
	for i := range b.size.BrandEvaluations {
		e := BrandEvaluation{Category: category(i), Plan: true, PilotCompleted: true}
		if i >= complete {
			e.Plan, e.PilotCompleted = b.rng.IntN(2) == 0, false
		}
		out = append(out, e)
	}
	return out
}

func (b *builder) buildFindings() {
	f := &b.doc.Findings
	veto := func(t Target) int {
		if b.plan.Target == t {
			return 1 + b.rng.IntN(2)
		}
		return 0
	}
	f.FalseInformation = b.findings(veto(VetoV1), "已发布领跑者名单中企业产量信息不实")
	f.CertificationFraud = b.findings(veto(VetoV4), "领跑者认证检测报告造假")
	f.NonCooperation = b.findings(veto(VetoV5), "拒不提供评价所需材料")
	misconduct := 0
	if b.plan.Level == 4 && b.rng.IntN(5) == 0 {
		misconduct = 1
	}
	f.SeriousMisconduct = b.findings(misconduct, "违规收费造成不良社会影响")
}
