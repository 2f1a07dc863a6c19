package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// Consistency checks the catalog: item METADATA, tier tables, category
// maxima, levels and vetoes. It never looks at a particular clause.
func Consistency(cat *model.Model) []Finding {
	var out []Finding
	out = append(out, itemFindings(cat)...)
	for _, it := range cat.Items {
		out = append(out, tierFindings(it)...)
	}
	out = append(out, categoryFindings(cat)...)
	out = append(out, levelFindings(cat)...)
	out = append(out, vetoFindings(cat)...)
	return out
}

func errorf(code, at, zh, en string, args ...any) Finding {
	return Finding{Code: code, Severity: SevError, At: at, Message: i18n.Tf(zh, en, args...)}
}

func warnf(code, at, zh, en string, args ...any) Finding {
	return Finding{Code: code, Severity: SevWarning, At: at, Message: i18n.Tf(zh, en, args...)}
}

func itemFindings(cat *model.Model) []Finding {
	var out []Finding
	categories := map[string]bool{}
	for _, c := range cat.Categories {
		categories[c.ID] = true
	}
	firstSeen := map[string]model.Location{}
	for _, it := range cat.Items {
		at := it.Location.String()
		if missing := missingMetadata(it); len(missing) > 0 {
			out = append(out, errorf(CodeItemMetadata, at, "条目 %q 的 METADATA 缺少 %s",
				"item %q: METADATA lacks %s", it.ID, strings.Join(missing, ", ")))
		}
		if it.Category != "" && !categories[it.Category] {
			out = append(out, errorf(CodeItemCategory, at, "条目 %s 的类别 %q 不在 config.categories 中",
				"item %s: category %q is not in config.categories", it.ID, it.Category))
		}
		if prev, dup := firstSeen[it.ID]; dup {
			out = append(out, errorf(CodeItemDuplicate, at, "条目编号 %s 已在 %s 使用",
				"item id %s is already used at %s", it.ID, prev))
		} else {
			firstSeen[it.ID] = it.Location
		}
		if !it.Configured || it.Max <= 0 {
			out = append(out, errorf(CodeItemUnconfigured, at, "条目 %s 在 config.items 中没有正的满分 max",
				"item %s has no positive max in config.items", it.ID))
		}
	}
	for _, id := range cat.Orphans {
		out = append(out, errorf(CodeConfigOrphan, configItemPath(id), "config.items 中的 %s 没有对应的评分规则",
			"config.items has %s but no rule scores it", id))
	}
	return out
}

func missingMetadata(it model.Item) []string {
	var missing []string
	for name, value := range map[string]string{"id": it.ID, "category": it.Category,
		"title.zh": it.Title.ZH, "title.en": it.Title.EN, "clause.zh": it.Clause.ZH, "clause.en": it.Clause.EN} {
		if strings.TrimSpace(value) == "" {
			missing = append(missing, name)
		}
	}
	slices.Sort(missing)
	return missing
}

func configItemPath(id string) string { return fmt.Sprintf("config.items[%q]", id) }

// tierFindings checks one tier table: best first, points within 0..max, the
// best tier reaching max, a single catch-all at the end, no tier shadowed by
// an earlier one, and no undocumented gap.
func tierFindings(it model.Item) []Finding {
	if len(it.Tiers) == 0 {
		return nil
	}
	var out []Finding
	base := configItemPath(it.ID) + ".tiers"
	for i, t := range it.Tiers {
		at := fmt.Sprintf("%s[%d]", base, i)
		if t.Points < 0 || t.Points > it.Max {
			out = append(out, errorf(CodeTierPoints, at, "条目 %s 档次 %s 的分值 %d 超出 0..%d",
				"item %s tier %s: points %d outside 0..%d", it.ID, t.Tier, t.Points, it.Max))
		}
		if i > 0 {
			out = append(out, tierPairFindings(it, i, at)...)
		}
		if len(t.Min) > 1 && len(it.Interpretations) == 0 {
			out = append(out, gapFinding(it, t, at))
		}
		if len(t.Min) == 0 && i < len(it.Tiers)-1 {
			out = append(out, errorf(CodeTierCatchAll, at, "条目 %s 档次 %s 无条件，其后的档次永远不会适用",
				"item %s tier %s has no minimum, so the tiers after it never apply", it.ID, t.Tier))
		}
	}
	if last := it.Tiers[len(it.Tiers)-1]; len(last.Min) != 0 {
		out = append(out, errorf(CodeTierCatchAll, fmt.Sprintf("%s[%d]", base, len(it.Tiers)-1),
			"条目 %s 的最后一档 %s 不是兜底档（min 应为空）", "item %s: last tier %s is not a catch-all (min must be empty)",
			it.ID, last.Tier))
	}
	if top := it.Tiers[0].Points; top < it.Max {
		out = append(out, warnf(CodeTierTop, base+"[0]", "条目 %s 的最高档只有 %d 分，满分 %d 无法取得",
			"item %s: best tier gives %d, so its max %d cannot be reached", it.ID, top, it.Max))
	}
	return out
}

// tierPairFindings compares tier i with the tiers before it.
func tierPairFindings(it model.Item, i int, at string) []Finding {
	var out []Finding
	prev, t := it.Tiers[i-1], it.Tiers[i]
	if t.Points >= prev.Points || t.Tier <= prev.Tier {
		out = append(out, errorf(CodeTierOrder, at, "条目 %s 档次 %s（%d 分）应排在 %s（%d 分）之前",
			"item %s: tier %s (%d points) must come before tier %s (%d points): tiers go best first, named in order",
			it.ID, t.Tier, t.Points, prev.Tier, prev.Points))
	}
	for _, earlier := range it.Tiers[:i] {
		if len(t.Min) > 0 && implies(t.Min, earlier.Min) {
			out = append(out, errorf(CodeTierShadowed, at, "条目 %s 档次 %s 永远不会适用：满足它的证据也满足更高的档次 %s",
				"item %s: tier %s never applies: evidence meeting it also meets the better tier %s",
				it.ID, t.Tier, earlier.Tier))
			break
		}
	}
	return out
}

// gapFinding: a tier whose minimum combines several counts leaves the
// combinations that meet only some of them to lower tiers (the gaps of 3.3's
// text); that reading must be documented by an interpretation (as I-7 does).
// Single-count tables cannot have gaps: the first tier met applies.
func gapFinding(it model.Item, t model.Tier, at string) Finding {
	return warnf(CodeTierGap, at, "条目 %s 档次 %s 组合了多个计数（%s）：只满足其中一部分的情况落入更低档次，请用解释条款（interpretations）说明",
		"item %s tier %s combines several counts (%s): counts meeting only some of them fall to a lower tier; document this reading with an interpretation",
		it.ID, t.Tier, describeMin(t.Min))
}

// implies reports whether meeting every minimum of a also meets every minimum of b.
func implies(a, b map[string]int) bool {
	for count, n := range b {
		if a[count] < n {
			return false
		}
	}
	return true
}

func describeMin(m map[string]int) string {
	parts := make([]string, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, fmt.Sprintf("%s≥%d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func categoryFindings(cat *model.Model) []Finding {
	var out []Finding
	for _, c := range cat.Categories {
		if c.Max == c.DeclaredMax {
			continue
		}
		note := strings.Join(c.Interpretations, ", ")
		if note == "" {
			note = "-"
		}
		out = append(out, warnf(CodeCategoryMax, fmt.Sprintf("config.categories.%s", c.ID),
			"类别 %s：各条目满分之和 %d 与声明满分 %d 不一致（解释：%s），按可得满分 %d 计",
			"category %s: its items sum to %d but its declared max is %d (interpretation: %s); results use the attainable %d",
			c.ID, c.Max, c.DeclaredMax, note, c.Max))
	}
	return out
}
