package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Plans (next_level.plans, issue 17): the reports show the first plan in full and
// how many others there are; `explain --plan` prints every plan with its reasons.

// PlanWriter is implemented by the formats that can print every plan of a result
// (`forerunner explain --plan`).
type PlanWriter interface {
	Plans(r *engine.Result) error
}

// plansDocument is what machine formats print for explain --plan: the agency, its
// level and the result's next_level, plans included (absent at the top level).
type plansDocument struct {
	Agency    engine.Agency     `json:"agency"`
	Cycle     engine.Cycle      `json:"cycle"`
	Level     int               `json:"level,omitzero"`
	NextLevel *engine.NextLevel `json:"next_level,omitzero"`
}

func plansOf(r *engine.Result) plansDocument {
	d := plansDocument{Agency: r.Agency, Cycle: r.Cycle, NextLevel: r.NextLevel}
	if r.Level != nil {
		d.Level = r.Level.Level
	}
	return d
}

// stepText says where a plan takes one item: "2.3 升至a档（7→10分）" /
// "2.3 to tier a (7 → 10)".
func (wr *printer) stepText(it engine.PlanItem) string {
	if it.Tier != "" {
		return fmt.Sprintf(wr.say("%s 升至%s档（%d→%d分）", "%s to tier %s (%d → %d)"), it.Item, it.Tier, it.From, it.To)
	}
	return fmt.Sprintf(wr.say("%s 得满分（%d→%d分）", "%s to full marks (%d → %d)"), it.Item, it.From, it.To)
}

// planSize is "改进2项，共加4分" / "2 items, 4 more points".
func (wr *printer) planSize(p engine.Plan) string {
	switch len(p.Items) {
	case 0: // held only by vetoes or misconduct
		return wr.say("不需改进：分数已满足该级的全部条件", "nothing to change: the points already meet every condition of the level")
	case 1:
		return fmt.Sprintf(wr.say("改进1项，共加%d分", "1 item, %d more points"), p.Gain)
	}
	return fmt.Sprintf(wr.say("改进%d项，共加%d分", "%d items, %d more points"), len(p.Items), p.Gain)
}

// blockedText says first that vetoes or misconduct hold the level whatever the points.
func (wr *printer) blockedText(p engine.Plan) string {
	if len(p.BlockedBy) == 0 {
		return ""
	}
	return fmt.Sprintf(wr.say("%s 成立：无论得分如何等级不变，此方案只满足分数条件。", "%s: the level stays whatever the points; this plan meets the point conditions only."),
		strings.Join(p.BlockedBy, wr.say("、", ", ")))
}

// itemTitle is the title of item id in r, or "" when r lacks it.
func (wr *printer) itemTitle(r *engine.Result, id string) string {
	for _, it := range r.Items {
		if it.ID == id {
			return wr.tr(it.Title)
		}
	}
	return ""
}

// otherPlans says how many more plans there are and where to see them.
func (wr *printer) otherPlans(n *engine.NextLevel) string {
	others := len(n.Plans) - 1
	if others <= 0 {
		return ""
	}
	if others == 1 {
		return wr.say("另有1个方案：forerunner explain --plan 文件", "1 other plan: forerunner explain --plan FILE")
	}
	return fmt.Sprintf(wr.say("另有%d个方案：forerunner explain --plan 文件", "%d other plans: forerunner explain --plan FILE"), others)
}

// furtherText is "再升到二级：改进4项，共加10分" / "Then Level 2: 4 items, 10 more points".
func (wr *printer) furtherText(n *engine.NextLevel) string {
	f := n.Further
	if f == nil || len(f.Plans) == 0 {
		return ""
	}
	return fmt.Sprintf(wr.say("再升到%s：%s", "Then %s: %s"), wr.levelTitle(f.Level), wr.planSize(f.Plans[0]))
}

// unreachableText says which conditions no change can meet, when there is no plan:
// the bundle's own summary of each (the fixed items that hold it down), or, from a
// bundle without one, the figures.
func (wr *printer) unreachableText(n *engine.NextLevel) string {
	if len(n.Plans) > 0 || len(n.Unreachable) == 0 {
		return ""
	}
	if said := wr.unreachableSummaries(n.Unreachable); said != "" {
		return said
	}
	parts := make([]string, len(n.Unreachable))
	for i, u := range n.Unreachable {
		parts[i] = fmt.Sprintf(wr.say("%s最多%d分，需%d分", "%s at most %d of %d"), wr.conditionTitle(u.Condition), u.Most, u.Least)
	}
	return fmt.Sprintf(wr.say("本周期无法达到（可改进的条款全部满分仍不够）：%s", "out of reach this cycle (even every changeable item at full marks falls short): %s"),
		strings.Join(parts, wr.say("；", "; ")))
}

// unreachableSummaries joins the bundle's summaries of us, or is "" if one lacks it.
func (wr *printer) unreachableSummaries(us []engine.Unreachable) string {
	parts := make([]string, len(us))
	for i, u := range us {
		if u.Summary == (i18n.Text{}) {
			return ""
		}
		parts[i] = wr.tr(u.Summary)
	}
	return strings.Join(parts, wr.say("。", ". "))
}

func (wr *printer) conditionTitle(name string) string {
	if name == "total" {
		return wr.say("总分", "total")
	}
	return wr.categoryTitle(name)
}

// textPlan prints the first plan in full under next_level in the text report.
func (wr *printer) textPlan(r *engine.Result, n *engine.NextLevel) {
	if text := wr.unreachableText(n); text != "" {
		wr.printf("  %s\n", text)
	}
	if len(n.Plans) == 0 {
		return
	}
	p := n.Plans[0]
	wr.printf("  %s%s\n", wr.label("方案", "Plan"), wr.planSize(p))
	if b := wr.blockedText(p); b != "" {
		wr.printf("    %s\n", b)
	}
	for _, it := range p.Items {
		wr.printf("    - %s  %s\n", wr.stepText(it), wr.itemTitle(r, it.Item))
	}
	for _, line := range []string{wr.otherPlans(n), wr.furtherText(n)} {
		if line != "" {
			wr.printf("  %s\n", line)
		}
	}
}

// mdPlan is textPlan for markdown.
func (wr *printer) mdPlan(r *engine.Result, n *engine.NextLevel) {
	if text := wr.unreachableText(n); text != "" {
		wr.printf("- %s\n", mdText(text))
	}
	if len(n.Plans) == 0 {
		return
	}
	p := n.Plans[0]
	wr.printf("- %s%s\n", wr.label("方案", "Plan"), mdText(wr.planSize(p)))
	if b := wr.blockedText(p); b != "" {
		wr.printf("  - %s\n", mdText(b))
	}
	for _, it := range p.Items {
		wr.printf("  - %s %s\n", mdText(wr.stepText(it)), mdText(wr.itemTitle(r, it.Item)))
	}
	for _, line := range []string{wr.otherPlans(n), wr.furtherText(n)} {
		if line != "" {
			wr.printf("- %s\n", mdText(line))
		}
	}
}

// plansText prints every plan of r with its reasons (explain --plan).
func (wr *printer) plansText(r *engine.Result) error {
	if wr.written > 0 {
		wr.printf("\n%s\n\n", strings.Repeat("═", 72))
	}
	wr.printf("%s\n", wr.style(agencyLine(r), bold))
	n := r.NextLevel
	switch {
	case !r.Scored():
		wr.printf("%s\n", wr.say("未评分，没有方案。", "Not scored: no plans."))
		return nil
	case n == nil:
		wr.printf(wr.say("已是%s，没有更高的等级。\n", "Already %s: there is no higher level.\n"), wr.tr(r.Level.Title))
		return nil
	}
	wr.printf(wr.say("现为%s，升到%s：\n", "Now %s; to reach %s:\n"), wr.tr(r.Level.Title), wr.levelTitle(n.Level))
	wr.printf("  %s%s\n", wr.label("条件", "Conditions"), wr.conditionsText(r, n.Conditions, nil))
	if text := wr.unreachableText(n); text != "" {
		wr.printf("  %s\n", text)
	}
	for i, p := range n.Plans {
		wr.printf("\n%s\n", wr.style(fmt.Sprintf(wr.say("方案%d/%d：%s", "Plan %d of %d: %s"), i+1, len(n.Plans), wr.planSize(p)), bold))
		wr.planDetail(r, n.Conditions, p)
	}
	wr.textUnchangeable(n)
	if f := n.Further; f != nil && len(f.Plans) > 0 {
		wr.printf("\n%s\n", wr.style(fmt.Sprintf(wr.say("再升到%s：%s", "Then %s: %s"), wr.levelTitle(f.Level), wr.planSize(f.Plans[0])), bold))
		wr.printf("  %s%s\n", wr.label("条件", "Conditions"), wr.conditionsText(r, f.Conditions, nil))
		wr.planDetail(r, f.Conditions, f.Plans[0])
	}
	return nil
}

// planDetail prints one plan: what holds it back, each item with why it has its
// points now and what the asked tier requires, and the conditions after it.
func (wr *printer) planDetail(r *engine.Result, conditions map[string]int, p engine.Plan) {
	if b := wr.blockedText(p); b != "" {
		wr.printf("  %s\n", wr.style(b, red))
	}
	for _, it := range p.Items {
		wr.printf("  - %s  %s\n", wr.stepText(it), wr.itemTitle(r, it.Item))
		if reason := wr.itemReason(r, it.Item); reason != "" {
			wr.printf("      %s%s\n", wr.label("现在", "Now"), reason)
		}
		if need := wr.tierNeeds(it); need != "" {
			wr.printf("      %s%s\n", wr.label("该档要求", "That tier needs"), need)
		}
	}
	wr.printf("  %s%s\n", wr.label("方案后", "After it"), wr.conditionsText(r, conditions, p.Gains))
}

func (wr *printer) itemReason(r *engine.Result, id string) string {
	for _, it := range r.Items {
		if it.ID == id {
			return wr.tr(it.Reason)
		}
	}
	return ""
}

// tierNeeds gives the minimums of the tier a plan item asks for, from the model.
func (wr *printer) tierNeeds(it engine.PlanItem) string {
	if it.Tier == "" {
		return ""
	}
	m, ok := wr.opts.Model.Item(it.Item)
	if !ok {
		return ""
	}
	for _, t := range m.Tiers {
		if t.Tier == it.Tier {
			return wr.minimums(t.Min)
		}
	}
	return ""
}

// conditionsText lists each condition as "total 81 ≥ 70": the points now plus
// gains (nil for none), against the least the level asks for, total first.
func (wr *printer) conditionsText(r *engine.Result, conditions map[string]int, gains map[string]int) string {
	names := []string{"total"}
	for _, name := range slices.Sorted(maps.Keys(conditions)) {
		if name != "total" {
			names = append(names, name)
		}
	}
	var parts []string
	for _, name := range names {
		least, ok := conditions[name]
		if !ok {
			continue
		}
		points := r.Total.Points
		if name != "total" {
			points = r.Categories[name].Points
		}
		points += gains[name]
		mark := "≥"
		if points < least {
			mark = "<"
		}
		parts = append(parts, fmt.Sprintf("%s %d %s %d", wr.conditionTitle(name), points, mark, least))
	}
	return strings.Join(parts, wr.say("，", ", "))
}

// textUnchangeable names the items no plan uses, and why.
func (wr *printer) textUnchangeable(n *engine.NextLevel) {
	if len(n.Unchangeable) == 0 {
		return
	}
	wr.printf("\n%s\n", wr.say("方案不使用的条款（本周期已成定局）：", "Items no plan uses (fixed facts of the cycle):"))
	for _, u := range n.Unchangeable {
		wr.printf("  - %s  %s\n", u.Item, wr.tr(u.Reason))
	}
}
