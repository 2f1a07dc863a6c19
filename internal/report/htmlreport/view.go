package htmlreport

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/forerunner-project/forerunner/internal/termsafe"
)

// totalKey names the total in level thresholds and shortfalls, beside the
// category ids, as the result and the bundle's data do.
const totalKey = "total"

// agencyView is one agency's section, every text already in the page's language.
type agencyView struct {
	Anchor     string
	Name       string
	ID         string
	CreditCode string
	Cycle      engine.Cycle
	Scored     bool
	Errors     []noticeView
	Level      levelView
	Total      engine.Score
	TotalTitle string
	Bars       barChart
	Categories []categoryRow
	Groups     []itemGroup
	LostItems  int
	Vetoes     []vetoRow
	VetoIDs    string // the vetoes the bundle checks, for "none fired"
	Next       *nextView
	Warnings   []noticeView
	Notes      []noteView
	Provenance engine.Provenance
	// File is the input the result came from, and its digest.
	File       string
	FileDigest string
}

type levelView struct {
	Number      int
	Title       string
	Reasons     []string
	Consequence string
	Misconduct  string
}

// noticeView is a warning or a policy error, with the place it concerns.
type noticeView struct {
	Code string
	Text string
	At   string
}

// categoryRow is one line of the subtotal table, which is also the text
// alternative of the bar chart.
type categoryRow struct {
	Key         string
	Title       string
	Points      int
	Max         int
	DeclaredMax int
	Needs       string // the threshold drawn on the bar, "≥ 35", or ""
	Shortfall   int
}

// itemGroup is a category's items in the item table.
type itemGroup struct {
	Key    string
	Title  string
	Points int
	Max    int
	Items  []itemRow
}

type itemRow struct {
	ID       string
	Title    string
	Points   int
	Max      int
	Lost     int
	Tier     string
	Reason   string
	Evidence []string
	Notes    []noteView
}

// vetoRow is a veto that fired or a serious-misconduct finding, which the
// result lists beside the vetoes with its own consequence.
type vetoRow struct {
	ID          string
	Title       string
	Reason      string
	Evidence    []string
	Notes       []noteView
	Misconduct  bool
	Consequence string
	BarredYears string
}

// noteView is an interpretation: a reference in a row, a footnote at the end.
type noteView struct {
	ID     string
	Anchor string
	Text   string
}

type nextView struct {
	Title     string
	Plan      *planView // the first plan, in full
	Others    int       // how many more plans there are
	Further   *furtherView
	Stuck     []string // conditions no change can meet, when there is no plan
	Blocked   bool     // by vetoes
	Revoked   bool     // by serious misconduct
	Shortfall []shortfallView
	Options   []optionView
}

// planView is a set of item changes after which every point condition of
// the next level holds.
type planView struct {
	Summary string
	Items   []planItemView
	Gain    int
}

type planItemView struct {
	Item     string
	Title    string
	Tier     string
	From, To int
	Gain     int
}

// furtherView is the level after the next one and what its best plan takes.
type furtherView struct {
	Title string
	Items int
	Gain  int
}

type shortfallView struct {
	Title  string
	Points int
}

type optionView struct {
	Item  string
	Title string
	Gain  int
}

// builder turns results into views in one language.
type builder struct {
	lang  i18n.Lang
	model *model.Model
}

// tr picks the text in the page's language. Text from the evidence may hold
// control or bidirectional-override characters that would make the page
// read differently from what it says: they are shown escaped (\u202e), as
// in the terminal reports; html/template escapes the markup.
func (b *builder) tr(t i18n.Text) string { return termsafe.Escape(t.In(b.lang)) }

func safeAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = termsafe.Escape(s)
	}
	return out
}

func (b *builder) say(zh, en string) string { return i18n.T(zh, en).In(b.lang) }

func (b *builder) agency(r *engine.Result, anchor string) *agencyView {
	v := &agencyView{Anchor: anchor, Name: termsafe.Escape(r.Agency.Name), ID: termsafe.Escape(r.Agency.ID),
		CreditCode: termsafe.Escape(r.Agency.CreditCode),
		Cycle:      r.Cycle, Scored: r.Scored(), Provenance: r.Provenance, TotalTitle: b.totalTitle()}
	if r.Input != nil {
		v.File, v.FileDigest = termsafe.Escape(r.Input.Path), r.Input.Digest
	}
	for _, e := range r.Errors {
		v.Errors = append(v.Errors, noticeView{Code: e.Code, Text: b.tr(e.Text()), At: place(e.At, e.Line, e.Column)})
	}
	for _, w := range r.Warnings {
		v.Warnings = append(v.Warnings, noticeView{Text: b.tr(w.Text()), At: termsafe.Escape(w.At)})
	}
	if !v.Scored || r.Total == nil || r.Level == nil {
		v.Scored = false
		return v
	}
	notes := &noteSet{anchor: anchor, builder: b}
	v.Level = b.levelView(r.Level)
	v.Total = *r.Total
	target := b.targetLevel(r)
	v.Categories = b.categoryRows(r, target)
	v.Bars = b.categoryBars(v.Categories, target)
	v.Groups, v.LostItems = b.itemGroups(r, notes)
	v.Vetoes = append(b.vetoRows(r.Vetoes, notes), b.misconductRows(r.Misconduct, notes)...)
	v.VetoIDs = b.checkedIDs()
	v.Next = b.nextView(r.NextLevel)
	v.Notes = notes.list
	return v
}

// place is where an error points: its JSON Pointer, and line:column when known.
func place(pointer string, line, column int) string {
	at := termsafe.Escape(pointer)
	if line > 0 {
		at = strings.TrimSpace(fmt.Sprintf("%s %d:%d", at, line, column))
	}
	return at
}

func (b *builder) totalTitle() string {
	if b.model.TotalTitle != (i18n.Text{}) {
		return b.tr(b.model.TotalTitle)
	}
	return b.say("总分", "Total")
}

func (b *builder) levelView(l *engine.Level) levelView {
	v := levelView{Number: l.Level, Title: b.tr(l.Title), Consequence: b.tr(l.Consequence)}
	for _, reason := range l.Reasons {
		v.Reasons = append(v.Reasons, b.tr(reason))
	}
	if l.MisconductConsequence != nil {
		v.Misconduct = b.tr(*l.MisconductConsequence)
	}
	return v
}

// levelTitle names level n from the bundle, or by number when it has none.
func (b *builder) levelTitle(n int) string { return b.tr(b.model.LevelTitle(n)) }

// checkedIDs lists the vetoes and misconduct rules the bundle checks.
func (b *builder) checkedIDs() string {
	ids := make([]string, 0, len(b.model.Vetoes)+len(b.model.Misconduct))
	for _, v := range append(slices.Clone(b.model.Vetoes), b.model.Misconduct...) {
		ids = append(ids, v.ID)
	}
	return strings.Join(ids, ", ")
}

// targetLevel is the level whose thresholds the bars show: the next level
// up, or the agency's own level at the top.
func (b *builder) targetLevel(r *engine.Result) *model.Level {
	n := r.Level.Level
	if r.NextLevel != nil {
		n = r.NextLevel.Level
	}
	if l, ok := b.model.Level(n); ok && len(l.Min) > 0 {
		return &l
	}
	return nil
}

func (b *builder) categoryTitle(id string) string { return b.tr(b.model.CategoryTitle(id)) }

func (b *builder) categoryRows(r *engine.Result, target *model.Level) []categoryRow {
	row := func(key, title string, s engine.CategoryScore) categoryRow {
		c := categoryRow{Key: key, Title: title, Points: s.Points, Max: s.Max, DeclaredMax: s.DeclaredMax}
		if target != nil {
			if min, ok := target.Min[key]; ok {
				c.Needs = "≥ " + strconv.Itoa(min)
				c.Shortfall = max(0, min-s.Points)
			}
		}
		return c
	}
	var rows []categoryRow
	for _, key := range r.CategoryOrder() {
		rows = append(rows, row(key, b.categoryTitle(key), r.Categories[key]))
	}
	return append(rows, row(totalKey, b.totalTitle(), *r.Total))
}

func (b *builder) itemGroups(r *engine.Result, notes *noteSet) ([]itemGroup, int) {
	var groups []itemGroup
	lost := 0
	for _, key := range r.CategoryOrder() {
		c := r.Categories[key]
		g := itemGroup{Key: key, Title: b.categoryTitle(key), Points: c.Points, Max: c.Max}
		for _, it := range r.Items {
			if it.Category != key {
				continue
			}
			row := itemRow{ID: it.ID, Title: b.tr(it.Title), Points: it.Points, Max: it.Max, Lost: it.Max - it.Points,
				Tier: it.Tier, Reason: b.tr(it.Reason), Evidence: safeAll(it.Evidence), Notes: notes.refs(it.Interpretations)}
			if row.Lost > 0 {
				lost++
			}
			g.Items = append(g.Items, row)
		}
		if len(g.Items) > 0 {
			groups = append(groups, g)
		}
	}
	return groups, lost
}

func (b *builder) vetoRows(vetoes []engine.Veto, notes *noteSet) []vetoRow {
	rows := make([]vetoRow, 0, len(vetoes))
	for _, v := range vetoes {
		rows = append(rows, vetoRow{ID: v.ID, Title: b.tr(v.Title), Reason: b.tr(v.Reason), Evidence: safeAll(v.Evidence),
			Notes: notes.refs(v.Interpretations)})
	}
	return rows
}

func (b *builder) misconductRows(found []engine.Misconduct, notes *noteSet) []vetoRow {
	rows := make([]vetoRow, 0, len(found))
	for _, m := range found {
		row := b.vetoRows([]engine.Veto{m.Veto}, notes)[0]
		row.Misconduct, row.Consequence = true, b.tr(m.Consequence)
		years := make([]string, len(m.BarredYears))
		for i, y := range m.BarredYears {
			years[i] = strconv.Itoa(y)
		}
		row.BarredYears = strings.Join(years, ", ")
		rows = append(rows, row)
	}
	return rows
}

func (b *builder) nextView(n *engine.NextLevel) *nextView {
	if n == nil {
		return nil
	}
	v := &nextView{Title: b.levelTitle(n.Level), Blocked: n.BlockedByVetoes, Revoked: n.BlockedByMisconduct}
	keys := []string{totalKey}
	for _, c := range b.model.Categories {
		keys = append(keys, c.ID)
	}
	for _, k := range slices.Sorted(maps.Keys(n.Shortfall)) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, k := range keys {
		if points := n.Shortfall[k]; points > 0 {
			title := b.totalTitle()
			if k != totalKey {
				title = b.categoryTitle(k)
			}
			v.Shortfall = append(v.Shortfall, shortfallView{Title: title, Points: points})
		}
	}
	b.addPlans(v, n)
	for _, o := range n.Options {
		item, _ := b.model.Item(o.Item)
		v.Options = append(v.Options, optionView{Item: o.Item, Title: b.tr(item.Title), Gain: o.Gain})
	}
	return v
}

// addPlans adds the first plan in full, the count of the others, the level
// after next and, without a plan, the conditions no change can meet.
func (b *builder) addPlans(v *nextView, n *engine.NextLevel) {
	if len(n.Plans) > 0 {
		v.Plan, v.Others = b.planView(n.Plans[0]), len(n.Plans)-1
	}
	if f := n.Further; f != nil && len(f.Plans) > 0 {
		v.Further = &furtherView{Title: b.levelTitle(f.Level), Items: len(f.Plans[0].Items), Gain: f.Plans[0].Gain}
	}
	for _, u := range n.Unreachable {
		if u.Summary != (i18n.Text{}) { // the bundle's words: the fixed items that hold it down
			v.Stuck = append(v.Stuck, b.tr(u.Summary))
			continue
		}
		title := b.totalTitle()
		if u.Condition != totalKey {
			title = b.categoryTitle(u.Condition)
		}
		v.Stuck = append(v.Stuck, fmt.Sprintf(b.say("%s需 %d 分，最多可得 %d 分", "%s needs %d, at most %d can be earned"), title, u.Least, u.Most))
	}
}

func (b *builder) planView(p engine.Plan) *planView {
	v := &planView{Summary: b.tr(p.Summary), Gain: p.Gain}
	for _, it := range p.Items {
		item, _ := b.model.Item(it.Item)
		v.Items = append(v.Items, planItemView{Item: it.Item, Title: b.tr(item.Title), Tier: it.Tier, From: it.From, To: it.To, Gain: it.Gain})
	}
	return v
}

// noteSet collects the interpretations a section refers to, numbered in the
// order of first use, for its footnotes.
type noteSet struct {
	*builder
	anchor string
	list   []noteView
}

func (n *noteSet) refs(ids []string) []noteView {
	out := make([]noteView, 0, len(ids))
	for _, id := range ids {
		out = append(out, n.ref(id))
	}
	return out
}

func (n *noteSet) ref(id string) noteView {
	for _, note := range n.list {
		if note.ID == id {
			return note
		}
	}
	note := noteView{ID: id, Anchor: n.anchor + "-" + id, Text: n.tr(n.model.Interpretations[id])}
	n.list = append(n.list, note)
	return note
}
