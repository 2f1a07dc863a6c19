package engine

import (
	"maps"
	"slices"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

// Result is the result document of schemas/README.md: the policy's
// decision plus the provenance the host adds. Field order is output order.
type Result struct {
	SchemaVersion int                      `json:"schema_version"`
	Agency        Agency                   `json:"agency,omitzero"` // omitted only when unreadable
	Cycle         Cycle                    `json:"cycle,omitzero"`
	Items         []Item                   `json:"items,omitzero"`
	Categories    map[string]CategoryScore `json:"categories,omitzero"`
	Total         *Score                   `json:"total,omitzero"`
	Vetoes        []Veto                   `json:"vetoes,omitzero"`
	// VetoesChecked lists the vetoes whose rules answered, fired or not:
	// CheckResult refuses a scored result lacking a veto the bundle lists.
	VetoesChecked []string      `json:"vetoes_checked,omitzero"`
	Misconduct    []Misconduct  `json:"misconduct,omitzero"`
	Level         *Level        `json:"level,omitzero"`
	NextLevel     *NextLevel    `json:"next_level,omitzero"`
	Warnings      []Warning     `json:"warnings"`
	Errors        []PolicyError `json:"errors,omitzero"`
	Input         *Input        `json:"input,omitzero"`
	Provenance    Provenance    `json:"provenance"`
}

// Input is the file a result came from: the path as given ("-" for stdin)
// and the digest of its bytes (absent when it could not be read).
type Input struct {
	Path   string `json:"path"`
	Digest string `json:"digest,omitempty"`
}

// Agency identifies the evaluated agency.
type Agency struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	CreditCode string `json:"credit_code,omitempty"`
}

// Cycle is the evaluation cycle.
type Cycle struct {
	Year  int    `json:"year"`
	Start string `json:"start"`
	End   string `json:"end"`
}

// Item is the score of one clause item.
type Item struct {
	ID              string    `json:"id"`
	Category        string    `json:"category"`
	Points          int       `json:"points"`
	Max             int       `json:"max"`
	Tier            string    `json:"tier,omitempty"`
	Title           i18n.Text `json:"title"`
	Reason          i18n.Text `json:"reason"`
	Evidence        []string  `json:"evidence"`
	Interpretations []string  `json:"interpretations"`
	Source          Source    `json:"source"`
}

// Source is where the rule that scored an item is written.
type Source struct {
	File string `json:"file"`
	Row  int    `json:"row"`
}

// CategoryScore is a category subtotal against its attainable and declared maxima.
type CategoryScore struct {
	Points      int `json:"points"`
	Max         int `json:"max"`
	DeclaredMax int `json:"declared_max"`
}

// Score is the total against its attainable and declared maxima.
type Score = CategoryScore

// Veto is a veto that fired.
type Veto struct {
	ID              string    `json:"id"`
	Title           i18n.Text `json:"title"`
	Reason          i18n.Text `json:"reason"`
	Evidence        []string  `json:"evidence"`
	Interpretations []string  `json:"interpretations,omitzero"`
	Source          *Source   `json:"source,omitzero"`
}

// Misconduct is a confirmed serious-misconduct finding (I-13): not a veto but
// listed beside them; it makes the level 4, revokes the qualification and
// bars the agency from selection in BarredYears.
type Misconduct struct {
	Veto
	Consequence i18n.Text `json:"consequence"`
	BarredYears []int     `json:"barred_years"`
}

// Level is the grade and why.
type Level struct {
	Level       int         `json:"level"`
	Title       i18n.Text   `json:"title"`
	Reasons     []i18n.Text `json:"reasons"`
	Consequence i18n.Text   `json:"consequence"`
	// MisconductConsequence is set at level 4 when serious misconduct was found.
	MisconductConsequence *i18n.Text `json:"misconduct_consequence,omitzero"`
}

// NextLevel is what it would take to reach the level above.
type NextLevel struct {
	Level           int  `json:"level"`
	BlockedByVetoes bool `json:"blocked_by_vetoes"`
	// BlockedByMisconduct: serious misconduct (I-13) holds the level at 4.
	BlockedByMisconduct bool           `json:"blocked_by_misconduct"`
	Shortfall           map[string]int `json:"shortfall"`
	Options             []Option       `json:"options"`
	// Conditions are the level's least points per condition (total, categories).
	Conditions map[string]int `json:"conditions,omitzero"`
	// Plans: up to three, fewest items first, then fewest points; empty when
	// none exists (Unreachable says why).
	Plans []Plan `json:"plans"`
	// Unchangeable: items with headroom the rules mark as fixed facts of the cycle.
	Unchangeable []Unchangeable `json:"unchangeable"`
	// Unreachable: when there is no plan, the conditions no change can meet.
	Unreachable []Unreachable `json:"unreachable,omitzero"`
	// Further is the level after the next one, with its best plan, when the next
	// level takes no more items than it.
	Further *FurtherLevel `json:"further,omitzero"`
}

// Plan is a set of item changes after which every point condition of a level holds.
type Plan struct {
	Items []PlanItem `json:"items"`
	// Gain is the points asked for in all; Gains per condition changed.
	Gain  int            `json:"gain"`
	Gains map[string]int `json:"gains"`
	// Satisfies names the conditions that hold after the plan, total first.
	Satisfies []string `json:"satisfies"`
	// BlockedBy: vetoes and misconduct that keep level 4 whatever the points.
	BlockedBy []string  `json:"blocked_by"`
	Summary   i18n.Text `json:"summary"`
}

// PlanItem is one item of a plan: from its points to To, a named higher tier of a
// tiered item or an untiered item's full marks.
type PlanItem struct {
	Item     string `json:"item"`
	Category string `json:"category"`
	From     int    `json:"from"`
	To       int    `json:"to"`
	Gain     int    `json:"gain"`
	Tier     string `json:"tier,omitempty"`
}

// Unchangeable is an item a plan never uses, and the rules' reason.
type Unchangeable struct {
	Item   string    `json:"item"`
	Reason i18n.Text `json:"reason"`
}

// Unreachable is a condition that stays short with every changeable item at its max:
// the fixed items that hold it down and, in words, why the level is out of reach.
type Unreachable struct {
	Condition string    `json:"condition"`
	Least     int       `json:"least"`
	Most      int       `json:"most"`
	Fixed     []string  `json:"fixed,omitzero"`
	Summary   i18n.Text `json:"summary,omitzero"`
}

// FurtherLevel is the level after the next one and its best plan.
type FurtherLevel struct {
	Level      int            `json:"level"`
	Conditions map[string]int `json:"conditions"`
	Shortfall  map[string]int `json:"shortfall"`
	Plans      []Plan         `json:"plans"`
}

// Option is one item with headroom that would help close the shortfall.
type Option struct {
	Item string `json:"item"`
	Gain int    `json:"gain"`
}

// Warning is a remark about the evidence that did not stop the scoring.
type Warning struct {
	ZH string `json:"zh"`
	EN string `json:"en"`
	At string `json:"at,omitempty"`
}

// Text returns the warning's message.
func (w Warning) Text() i18n.Text { return i18n.Text{ZH: w.ZH, EN: w.EN} }

// PolicyError is why a document was not scored: the policy's own errors, and
// those of the evidence or the batch put in the same shape.
type PolicyError struct {
	Code   string `json:"code"`
	ZH     string `json:"zh"`
	EN     string `json:"en"`
	At     string `json:"at,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Text returns the error's message.
func (e PolicyError) Text() i18n.Text { return i18n.Text{ZH: e.ZH, EN: e.EN} }

// Provenance says what produced a result.
type Provenance struct {
	Engine         string `json:"engine"`
	OPA            string `json:"opa"`
	BundleRevision string `json:"bundle_revision"`
	BundleDigest   string `json:"bundle_digest"`
	EvidenceDigest string `json:"evidence_digest"`
	// BundleChecks is "skipped" when the bundle was used without the checks
	// of policy check (--no-check); absent otherwise.
	BundleChecks string `json:"bundle_checks,omitempty"`
	// Overrides are the --set changes made to the bundle's data, in order;
	// DataDigest is the digest of the data they produced. Both absent
	// without --set.
	Overrides  []Override `json:"overrides,omitempty"`
	DataDigest string     `json:"data_digest,omitempty"`
}

// ChecksSkipped is BundleChecks of a result whose bundle was used without
// the checks of policy check (--no-check).
const ChecksSkipped = "skipped"

// Unchecked reports whether the result's bundle skipped its checks.
func (p Provenance) Unchecked() bool { return p.BundleChecks == ChecksSkipped }

// ProvenanceNotes are what every report says of a result whose data --set
// changed or whose bundle skipped its checks.
var ProvenanceNotes = struct{ WhatIf, UncheckedTitle, Unchecked i18n.Text }{
	WhatIf:         i18n.T("假设（--set，非正式结果）", "What-if (--set, not an official result)"),
	UncheckedTitle: i18n.T("未检查", "Unchecked"),
	Unchecked:      i18n.T("策略包未经 policy check 检查（--no-check），得分可能有误", "the bundle was used without the checks of policy check (--no-check); its scores may be wrong"),
}

// Scored reports whether the policy produced a score (no errors).
func (r *Result) Scored() bool { return len(r.Errors) == 0 }

// CategoryOrder lists the result's categories in the order their items come
// (clause order), then any without items, by name: every report's order.
func (r *Result) CategoryOrder() []string {
	var order []string
	for _, it := range r.Items {
		if _, ok := r.Categories[it.Category]; ok && !slices.Contains(order, it.Category) {
			order = append(order, it.Category)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(r.Categories)) {
		if !slices.Contains(order, name) {
			order = append(order, name)
		}
	}
	return order
}
