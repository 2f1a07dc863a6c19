package policy

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
)

// levelFindings checks that levels are numbered 1..n, each better level asks
// at least as much as the next, every level can be reached with the attainable
// maxima, and the last level's strict "below" bounds do not overlap a level's
// minimum (a score cannot both qualify and disqualify).
func levelFindings(cat *model.Model) []Finding {
	var out []Finding
	attainableOf := cat.Attainable()
	var previous *model.Level
	for i := range cat.Levels {
		l := &cat.Levels[i]
		at := fmt.Sprintf("config.levels[%d]", i)
		if l.Level != i+1 {
			out = append(out, errorf(CodeLevelNumbers, at, "第 %d 个等级编号为 %d，应为 %d",
				"level entry %d is numbered %d, expected %d", i+1, l.Level, i+1))
		}
		out = append(out, levelTextFindings(l, at)...)
		if len(l.Min) == 0 {
			continue
		}
		out = append(out, reachFindings(l, at, attainableOf)...)
		out = append(out, unboundTotal(l, at)...)
		if previous != nil {
			out = append(out, orderFindings(previous, l, at, cat.Figures())...)
		}
		previous = l
	}
	return append(out, boundsFindings(cat.Levels)...)
}

// unboundTotal notes a total minimum its category minima already imply: the
// categories add up to the total, so lowering the total alone moves nobody.
func unboundTotal(l *model.Level, at string) []Finding {
	total, ok := l.Min["total"]
	if !ok {
		return nil
	}
	sum := 0
	for name, least := range l.Min {
		if name != "total" {
			sum += least
		}
	}
	if sum < total {
		return nil
	}
	return []Finding{{Code: CodeThresholdUnbound, Severity: SevNote, At: at + ".min.total", Message: i18n.Tf(
		"等级 %d 的总分门槛 %d 永远不起作用：其各类别门槛之和已是 %d，只降低总分门槛不会改变任何机构的等级",
		"level %d's total minimum %d never binds: its category minima already add up to %d, so lowering the total minimum alone moves nobody",
		l.Level, total, sum)}}
}

func levelTextFindings(l *model.Level, at string) []Finding {
	var missing []string
	if strings.TrimSpace(l.Title.ZH) == "" || strings.TrimSpace(l.Title.EN) == "" {
		missing = append(missing, "title")
	}
	if strings.TrimSpace(l.Consequence.ZH) == "" || strings.TrimSpace(l.Consequence.EN) == "" {
		missing = append(missing, "consequence")
	}
	if m := l.MisconductConsequence; m != nil && (strings.TrimSpace(m.ZH) == "" || strings.TrimSpace(m.EN) == "") {
		missing = append(missing, "misconduct_consequence")
	}
	if len(missing) == 0 {
		return nil
	}
	return []Finding{errorf(CodeLevelText, at, "等级 %d 的 %s 缺少中文或英文",
		"level %d: %s lacks zh or en text", l.Level, strings.Join(missing, ", "))}
}

func reachFindings(l *model.Level, at string, attainableOf map[string]int) []Finding {
	var out []Finding
	for _, k := range slices.Sorted(maps.Keys(l.Min)) {
		limit, known := attainableOf[k]
		if !known {
			out = append(out, errorf(CodeLevelUnreachable, at, "等级 %d 的门槛 %s 不是总分或类别",
				"level %d: threshold %s is neither total nor a category", l.Level, k))
		} else if l.Min[k] > limit {
			out = append(out, errorf(CodeLevelUnreachable, at, "等级 %d 要求 %s ≥ %d，但可得满分只有 %d",
				"level %d needs %s ≥ %d but at most %d is attainable", l.Level, k, l.Min[k], limit))
		}
	}
	return out
}

// orderFindings compares a level with the better one before it.
func orderFindings(better, l *model.Level, at string, figures []string) []Finding {
	var out []Finding
	stricter := false
	for _, k := range figures {
		if l.Min[k] > better.Min[k] {
			out = append(out, errorf(CodeLevelOrder, at, "等级 %d 要求 %s ≥ %d，高于等级 %d 的 %d",
				"level %d needs %s ≥ %d, more than the better level %d (%d)", l.Level, k, l.Min[k], better.Level, better.Min[k]))
		}
		stricter = stricter || better.Min[k] > l.Min[k]
	}
	if !stricter {
		out = append(out, errorf(CodeLevelOrder, at, "等级 %d 的门槛与等级 %d 相同，永远不会适用",
			"level %d has the same thresholds as level %d, so it never applies", l.Level, better.Level))
	}
	return out
}

// boundsFindings: a "below" bound above some level's minimum would make a
// score both qualify for that level and fall below the bound [I-10].
func boundsFindings(levels []model.Level) []Finding {
	var out []Finding
	for i, low := range levels {
		for _, k := range slices.Sorted(maps.Keys(low.Below)) {
			for _, l := range levels {
				if min, ok := l.Min[k]; ok && low.Below[k] > min {
					out = append(out, errorf(CodeLevelBounds, fmt.Sprintf("config.levels[%d].below.%s", i, k),
						"等级 %d 的“%s < %d”与等级 %d 的“%s ≥ %d”重叠",
						"level %d's bound %s < %d overlaps level %d's %s ≥ %d",
						low.Level, k, low.Below[k], l.Level, k, min))
				}
			}
		}
	}
	return out
}

func vetoFindings(cat *model.Model) []Finding {
	var out []Finding
	seen := map[string]bool{}
	for _, rule := range cat.StrayVetoes {
		out = append(out, errorf(CodeVetoRule, rule.Location.String(), "否决规则 %s 不在 config.vetoes 中",
			"veto rule %s is not listed in config.vetoes", rule.ID))
	}
	for i, v := range cat.Vetoes {
		at := fmt.Sprintf("config.vetoes[%d]", i)
		if strings.TrimSpace(v.ID) == "" || strings.TrimSpace(v.Title.ZH) == "" || strings.TrimSpace(v.Title.EN) == "" {
			out = append(out, errorf(CodeVetoText, at, "否决项 %q 缺少编号或中英文标题",
				"veto %q lacks an id or its zh/en title", v.ID))
		}
		if v.Rule == nil {
			out = append(out, errorf(CodeVetoRule, at, "否决项 %s 没有对应的规则", "veto %s has no rule that fires it", v.ID))
		}
		if seen[v.ID] {
			out = append(out, errorf(CodeVetoDuplicate, at, "否决项编号 %s 重复", "veto id %s is used twice", v.ID))
		}
		seen[v.ID] = true
	}
	for _, m := range cat.Misconduct {
		if strings.TrimSpace(m.Title.ZH) == "" || strings.TrimSpace(m.Title.EN) == "" {
			out = append(out, errorf(CodeVetoText, m.Rule.Location.String(), "严重违规规则 %s 的 METADATA 缺少中英文标题",
				"misconduct rule %s lacks its zh/en title in METADATA", m.ID))
		}
		if seen[m.ID] {
			out = append(out, errorf(CodeVetoDuplicate, m.Rule.Location.String(), "编号 %s 重复", "id %s is used twice", m.ID))
		}
		seen[m.ID] = true
	}
	return out
}
