package htmlreport

import (
	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Model is what the page needs to know about the bundle: names, order and
// thresholds. The page takes every category, level and clause name from here
// and from the result, never from Go code, so a bundle with other categories
// or another number of levels renders without a change.
type Model struct {
	// Categories in display order.
	Categories []Category
	// TotalTitle names the sum of the categories ("Total").
	TotalTitle i18n.Text
	// Levels, best first.
	Levels []Level
	// ItemTitles and VetoTitles by clause id, for guidance that names an item.
	ItemTitles map[string]i18n.Text
	VetoIDs    []string
	// Interpretations by id ("I-11"), shown as footnotes.
	Interpretations map[string]i18n.Text
}

// Category is one category of items.
type Category struct {
	ID          string
	Title       i18n.Text
	Max         int // attainable: the sum of its items' maxima
	DeclaredMax int
}

// Level is one level and the points it takes: Min for a level earned by
// reaching every minimum, Below for the failing level reached by falling
// under any bound.
type Level struct {
	Level int
	Title i18n.Text
	Min   map[string]int
	Below map[string]int
}

// TotalKey is the key of the total in level thresholds and shortfalls, next
// to the category ids.
const TotalKey = "total"

func (m *Model) level(n int) (Level, bool) {
	for _, l := range m.Levels {
		if l.Level == n {
			return l, true
		}
	}
	return Level{}, false
}

func (m *Model) category(id string) (Category, bool) {
	for _, c := range m.Categories {
		if c.ID == id {
			return c, true
		}
	}
	return Category{}, false
}
