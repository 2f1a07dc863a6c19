package policy

import (
	"testing"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// goodCatalog is consistent: every mutation below must add exactly the
// finding it is about.
func goodCatalog() *model.Model {
	title := i18n.T("标题", "title")
	clause := i18n.T("条文", "clause")
	return &model.Model{
		Categories: []model.Category{{ID: "basic", Title: title, DeclaredMax: 10, Max: 10}},
		Items: []model.Item{
			{ID: "1.1", Category: "basic", Title: title, Clause: clause, Max: 5, Configured: true, Location: model.Location{File: "a.rego", Row: 3}},
			{ID: "1.2", Category: "basic", Title: title, Clause: clause, Max: 5, Configured: true, Location: model.Location{File: "b.rego", Row: 3},
				Tiers: []model.Tier{
					{Tier: "a", Points: 5, Min: map[string]int{"n": 3}},
					{Tier: "b", Points: 3, Min: map[string]int{"n": 1}},
					{Tier: "c", Points: 0, Min: map[string]int{}},
				}},
		},
		Levels: []model.Level{
			{Level: 1, Title: title, Consequence: title, Min: map[string]int{"total": 9, "basic": 8}},
			{Level: 2, Title: title, Consequence: title, Min: map[string]int{"total": 6, "basic": 5}},
			{Level: 3, Title: title, Consequence: title, Below: map[string]int{"total": 6}},
		},
		Vetoes: []model.Veto{{ID: "V1", Title: title, Rule: &model.Item{ID: "X", Location: model.Location{File: "v1.rego", Row: 4}}}, {ID: "V2", Title: title, Rule: &model.Item{ID: "X", Location: model.Location{File: "v2.rego", Row: 4}}}},
	}
}

func TestGoodCatalogHasNoFindings(t *testing.T) {
	if f := Consistency(goodCatalog()); len(f) != 0 {
		t.Fatalf("findings on a consistent catalog: %+v", f)
	}
}

func TestEachInconsistencyHasItsCode(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(c *model.Model)
		code   string
		sev    Severity
	}{
		{"no english title", func(c *model.Model) { c.Items[0].Title.EN = "" }, CodeItemMetadata, SevError},
		{"no chinese clause", func(c *model.Model) { c.Items[1].Clause.ZH = " " }, CodeItemMetadata, SevError},
		{"no english clause", func(c *model.Model) { c.Items[0].Clause.EN = "" }, CodeItemMetadata, SevError},
		{"no category", func(c *model.Model) { c.Items[0].Category = ""; c.Categories[0].Max = 5 }, CodeItemMetadata, SevError},
		{"unknown category", func(c *model.Model) { c.Items[0].Category = "bonus"; c.Categories[0].Max = 5 }, CodeItemCategory, SevError},
		{"duplicate id", func(c *model.Model) { c.Items[1].ID = "1.1"; c.Items[1].Tiers = nil }, CodeItemDuplicate, SevError},
		{"no config", func(c *model.Model) { c.Items[0].Configured = false }, CodeItemUnconfigured, SevError},
		{"orphan config", func(c *model.Model) { c.Orphans = []string{"9.9"} }, CodeConfigOrphan, SevError},
		{"points above max", func(c *model.Model) { c.Items[1].Tiers[0].Points = 6 }, CodeTierPoints, SevError},
		{"tiers not best first", func(c *model.Model) { c.Items[1].Tiers[1].Points = 5 }, CodeTierOrder, SevError},
		{"tier names out of order", func(c *model.Model) { c.Items[1].Tiers[1].Tier = "a" }, CodeTierOrder, SevError},
		{"best tier below max", func(c *model.Model) { c.Items[1].Tiers[0].Points = 4 }, CodeTierTop, SevWarning},
		{"last tier not catch-all", func(c *model.Model) { c.Items[1].Tiers[2].Min = map[string]int{"n": 0} }, CodeTierCatchAll, SevError},
		{"catch-all too early", func(c *model.Model) { c.Items[1].Tiers[1].Min = map[string]int{} }, CodeTierCatchAll, SevError},
		{"shadowed tier", func(c *model.Model) { c.Items[1].Tiers[0].Min = map[string]int{"n": 1} }, CodeTierShadowed, SevError},
		{"undocumented gap", func(c *model.Model) { c.Items[1].Tiers[1].Min = map[string]int{"n": 1, "m": 1} }, CodeTierGap, SevWarning},
		{"declared max differs", func(c *model.Model) { c.Categories[0].DeclaredMax = 12 }, CodeCategoryMax, SevWarning},
		{"levels misnumbered", func(c *model.Model) { c.Levels[1].Level = 5 }, CodeLevelNumbers, SevError},
		{"worse level asks more", func(c *model.Model) { c.Levels[1].Min["basic"] = 10; c.Levels[0].Min["basic"] = 9 }, CodeLevelOrder, SevError},
		{"equal levels", func(c *model.Model) { c.Levels[1].Min = map[string]int{"total": 9, "basic": 9} }, CodeLevelOrder, SevError},
		{"unreachable level", func(c *model.Model) { c.Levels[0].Min["total"] = 11 }, CodeLevelUnreachable, SevError},
		{"overlapping below", func(c *model.Model) { c.Levels[2].Below["total"] = 7 }, CodeLevelBounds, SevError},
		{"total implied by categories", func(c *model.Model) { c.Levels[0].Min["basic"] = 9 }, CodeThresholdUnbound, SevNote},
		{"level text missing", func(c *model.Model) { c.Levels[2].Consequence.ZH = "" }, CodeLevelText, SevError},
		{"veto text missing", func(c *model.Model) { c.Vetoes[1].Title.ZH = " " }, CodeVetoText, SevError},
		{"veto id twice", func(c *model.Model) { c.Vetoes[1].ID = "V1" }, CodeVetoDuplicate, SevError},
		{"veto without rule", func(c *model.Model) { c.Vetoes[1].Rule = nil }, CodeVetoRule, SevError},
		{"veto rule not configured", func(c *model.Model) { c.StrayVetoes = []model.Item{{ID: "V9", Rule: "data.x.vetoes.v9"}} }, CodeVetoRule, SevError},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cat := goodCatalog()
			tc.mutate(cat)
			findings := Consistency(cat)
			if !hasFinding(findings, tc.code, tc.sev) {
				t.Fatalf("want %s %s, got %+v", tc.sev, tc.code, findings)
			}
		})
	}
}

func TestDocumentedGapIsNotReported(t *testing.T) {
	cat := goodCatalog()
	cat.Items[1].Tiers[1].Min = map[string]int{"n": 1, "m": 1}
	cat.Items[1].Interpretations = []string{"I-7"}
	if f := Consistency(cat); len(f) != 0 {
		t.Fatalf("documented gap reported: %+v", f)
	}
}
