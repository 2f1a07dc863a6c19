package policy

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/forerunner-project/forerunner/internal/model"
)

// Output formats of `policy inspect` (text, json, markdown) and of `policy
// check` (text, json).
const (
	FormatText     = "text"
	FormatJSON     = "json"
	FormatMarkdown = "markdown"
)

// InspectFormats and CheckFormats are what --output takes.
var (
	InspectFormats = []string{FormatText, FormatJSON, FormatMarkdown}
	CheckFormats   = []string{FormatText, FormatJSON}
)

// WriteCatalog renders the model in format (text, json or markdown).
func WriteCatalog(w io.Writer, cat *model.Model, format string) error {
	switch format {
	case FormatJSON:
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(cat)
	case FormatMarkdown:
		return writeMarkdown(w, cat)
	case FormatText, "":
		return writeText(w, cat)
	}
	return fmt.Errorf("unknown format %q (text|json|markdown) / 未知格式 %q", format, format)
}

func writeText(w io.Writer, cat *model.Model) error {
	var b strings.Builder
	fmt.Fprintf(&b, "bundle revision / 策略包版本: %s\n", cat.Revision)
	for _, c := range cat.Categories {
		fmt.Fprintf(&b, "\n%s  %s / %s  max %d (declared / 声明 %d)%s\n", c.ID, c.Title.ZH, c.Title.EN,
			c.Max, c.DeclaredMax, bracketed(c.Interpretations))
		for _, it := range cat.Items {
			if it.Category == c.ID {
				writeTextItem(&b, it)
			}
		}
	}
	writeTextLevels(&b, cat)
	_, err := io.WriteString(w, b.String())
	return err
}

func writeTextItem(b *strings.Builder, it model.Item) {
	fmt.Fprintf(b, "  %-6s %s / %s\n", it.ID, it.Title.ZH, it.Title.EN)
	fmt.Fprintf(b, "         max %d%s  %s  %s\n", it.Max, bracketed(it.Interpretations), it.Rule, it.Location)
	for _, t := range it.Tiers {
		fmt.Fprintf(b, "         tier %s: %d  %s\n", t.Tier, t.Points, minText(t.Min))
	}
}

func writeTextLevels(b *strings.Builder, cat *model.Model) {
	fmt.Fprintf(b, "\nlevels / 等级\n")
	for _, l := range cat.Levels {
		fmt.Fprintf(b, "  %d %s / %s: %s\n", l.Level, l.Title.ZH, l.Title.EN, levelCondition(cat, l))
	}
	fmt.Fprintf(b, "\nvetoes / 一票否决\n")
	for _, v := range cat.Vetoes {
		fmt.Fprintf(b, "  %s %s / %s\n", v.ID, v.Title.ZH, v.Title.EN)
	}
	if len(cat.Misconduct) > 0 {
		fmt.Fprintf(b, "\nserious misconduct / 严重违规 (I-13)\n")
	}
	for _, m := range cat.Misconduct {
		fmt.Fprintf(b, "  %s %s / %s\n", m.ID, m.Title.ZH, m.Title.EN)
	}
}

func writeMarkdown(w io.Writer, cat *model.Model) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# Catalog / 条目目录 (%s)\n\n", cat.Revision)
	b.WriteString("| id | category | 标题 | title | max | tiers | interpretations | source |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, it := range cat.Items {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d | %s | %s | `%s` |\n", it.ID, it.Category, cell(it.Title.ZH),
			cell(it.Title.EN), it.Max, cell(tiersText(it.Tiers)), strings.Join(it.Interpretations, ", "), it.Location)
	}
	b.WriteString("\n| category | 名称 | name | max | declared max |\n|---|---|---|---|---|\n")
	for _, c := range cat.Categories {
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d |\n", c.ID, cell(c.Title.ZH), cell(c.Title.EN), c.Max, c.DeclaredMax)
	}
	b.WriteString("\n| level | 名称 | name | condition |\n|---|---|---|---|\n")
	for _, l := range cat.Levels {
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", l.Level, cell(l.Title.ZH), cell(l.Title.EN), cell(levelCondition(cat, l)))
	}
	b.WriteString("\n| veto | 名称 | name |\n|---|---|---|\n")
	for _, v := range cat.Vetoes {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", v.ID, cell(v.Title.ZH), cell(v.Title.EN))
	}
	for _, m := range cat.Misconduct {
		fmt.Fprintf(&b, "| %s (I-13) | %s | %s |\n", m.ID, cell(m.Title.ZH), cell(m.Title.EN))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func bracketed(list []string) string {
	if len(list) == 0 {
		return ""
	}
	return " [" + strings.Join(list, ", ") + "]"
}

func minText(m map[string]int) string {
	if len(m) == 0 {
		return "(otherwise / 其他)"
	}
	return describeMin(m)
}

func tiersText(tiers []model.Tier) string {
	parts := make([]string, 0, len(tiers))
	for _, t := range tiers {
		parts = append(parts, fmt.Sprintf("%s=%d %s", t.Tier, t.Points, minText(t.Min)))
	}
	return strings.Join(parts, "; ")
}

func levelCondition(cat *model.Model, l model.Level) string {
	var parts []string
	for _, k := range cat.Figures() {
		if n, ok := l.Min[k]; ok {
			parts = append(parts, fmt.Sprintf("%s≥%d", k, n))
		}
	}
	for _, k := range cat.Figures() {
		if n, ok := l.Below[k]; ok {
			parts = append(parts, fmt.Sprintf("%s<%d", k, n))
		}
	}
	if len(l.Below) > 0 {
		return "any of / 任一: " + strings.Join(parts, ", ") + ", veto / 否决, serious misconduct / 严重违规 (I-13)"
	}
	return strings.Join(parts, ", ")
}

// cell keeps markdown table cells on one line and their pipes literal.
func cell(s string) string {
	return strings.NewReplacer("|", "\\|", "\n", " ").Replace(s)
}
