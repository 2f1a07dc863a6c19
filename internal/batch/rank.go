package batch

import (
	"sort"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Row is what a ranking keeps of one scored result.
type Row struct {
	Index      int // input order, the last tie-break
	Path       string
	Agency     string // name and id, as printed
	Year       int
	Level      int
	LevelTitle i18n.Text
	Points     int
	Max        int
	// Vetoes lists the ids of the fired vetoes and misconduct findings.
	Vetoes []string
}

// Cycle is the ranking of one cycle year: rows by level (1 best), then total
// (higher first), then input order; and how many agencies reached each level.
type Cycle struct {
	Year   int
	Rows   []Row
	Counts map[int]int
}

// Rank groups rows by cycle year, years ascending, and ranks each cycle.
// Results of different cycles are never ranked against each other.
func Rank(rows []Row) []Cycle {
	byYear := map[int][]Row{}
	for _, r := range rows {
		byYear[r.Year] = append(byYear[r.Year], r)
	}
	years := make([]int, 0, len(byYear))
	for y := range byYear {
		years = append(years, y)
	}
	sort.Ints(years)
	out := make([]Cycle, 0, len(years))
	for _, y := range years {
		ranked := byYear[y]
		sort.SliceStable(ranked, func(i, j int) bool {
			a, b := ranked[i], ranked[j]
			if a.Level != b.Level {
				return a.Level < b.Level
			}
			if a.Points != b.Points {
				return a.Points > b.Points
			}
			return a.Index < b.Index
		})
		counts := map[int]int{}
		for _, r := range ranked {
			counts[r.Level]++
		}
		out = append(out, Cycle{Year: y, Rows: ranked, Counts: counts})
	}
	return out
}
