// Package corpus generates synthetic evidence documents (evidence.md, version 1)
// for tests and benchmarks: valid, deterministic from a seed, of a chosen size,
// and planned so that a corpus covers every level 1–4 and every veto.
package corpus

import (
	"bytes"
	"encoding/json"
)

// Document is one evidence document. Field names and nesting are the public
// contract of evidence.md; lists are never nil so that they marshal as [].
type Document struct {
	SchemaVersion int            `json:"schema_version"`
	Agency        Agency         `json:"agency"`
	Cycle         Cycle          `json:"cycle"`
	PreviousCycle *PreviousCycle `json:"previous_cycle,omitempty"`
	Basic         Basic          `json:"basic"`
	Core          Core           `json:"core"`
	Encouraging   Encouraging    `json:"encouraging"`
	Findings      Findings       `json:"findings"`
}

// Finding is something the working body confirmed.
type Finding struct {
	Date      string `json:"date"`
	Summary   string `json:"summary"`
	Reference string `json:"reference,omitempty"`
}

type Agency struct {
	ID         string `json:"id"`
	Name       string `json:"name"`
	CreditCode string `json:"credit_code,omitempty"`
}

type Cycle struct {
	Year  int    `json:"year"`
	Start string `json:"start"`
	End   string `json:"end"`
}

type PreviousCycle struct {
	Rankings    int `json:"rankings"`
	LeaderLists int `json:"leader_lists"`
}

type Basic struct {
	FairnessFindings []Finding   `json:"fairness_findings"`
	FeeFindings      []Finding   `json:"fee_findings"`
	Submission       Submission  `json:"submission"`
	Archive          Archive     `json:"archive"`
	SpotChecks       []SpotCheck `json:"spot_checks"`
	WorkReport       WorkReport  `json:"work_report"`
}

type Submission struct {
	Deadline    string  `json:"deadline"`
	SubmittedOn *string `json:"submitted_on"` // null when not submitted
}

type Archive struct {
	Archived       bool `json:"archived"`
	RetentionYears int  `json:"retention_years"`
}

type SpotCheck struct {
	Date          string `json:"date"`
	ProblemsFound bool   `json:"problems_found"`
	Reference     string `json:"reference,omitempty"`
}

type WorkReport struct {
	Submitted bool     `json:"submitted"`
	Sections  []string `json:"sections"`
}

type Core struct {
	EvaluationPlan    EvaluationPlan     `json:"evaluation_plan"`
	GroupStandards    []GroupStandard    `json:"group_standards"`
	Publications      []Publication      `json:"publications"`
	ListedEnterprises []ListedEnterprise `json:"listed_enterprises"`
	ListedStandards   []ListedStandard   `json:"listed_standards"`
}

type EvaluationPlan struct {
	Elements []string `json:"elements"`
	Basis    string   `json:"basis"`
}

type GroupStandard struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Role  string `json:"role"` // lead | participant
	Date  string `json:"date"`
}

type Publication struct {
	Kind  string `json:"kind"` // ranking | leader_list
	Date  string `json:"date"`
	Title string `json:"title"`
}

type ListedEnterprise struct {
	Name                    string       `json:"name"`
	CreditCode              string       `json:"credit_code"`
	Accidents               []Accident   `json:"accidents"`
	ManagementSystems       []string     `json:"management_systems"`
	SeriousDishonestyListed bool         `json:"serious_dishonesty_listed"`
	CreditReport            CreditReport `json:"credit_report"`
	SpotCheckFailures       []Finding    `json:"spot_check_failures"`
	Materials               Materials    `json:"materials"`
}

type Accident struct {
	Date     string `json:"date"`
	Kind     string `json:"kind"`     // environment | safety | quality
	Severity string `json:"severity"` // general | larger | major | especially_major
}

type CreditReport struct {
	Provided         bool `json:"provided"`
	Complete         bool `json:"complete"`
	EntriesExplained bool `json:"entries_explained"`
}

type Materials struct {
	EnterpriseStandard  bool             `json:"enterprise_standard"`
	MassProductionProof bool             `json:"mass_production_proof"`
	CommitmentLetter    CommitmentLetter `json:"commitment_letter"`
}

type CommitmentLetter struct {
	Provided                 bool `json:"provided"`
	Sealed                   bool `json:"sealed"`
	NamesModels              bool `json:"names_models"`
	StatesProductionAndSales bool `json:"states_production_and_sales"`
	StatesChannels           bool `json:"states_channels"`
}

type ListedStandard struct {
	Code                 string   `json:"code"`
	Enterprise           string   `json:"enterprise"` // credit_code of a listed enterprise
	GBT11Conformant      bool     `json:"gbt_1_1_conformant"`
	DeclaredOn           *string  `json:"declared_on"` // null if never declared
	ListedOn             string   `json:"listed_on"`
	MeetsPlanCriteria    bool     `json:"meets_plan_criteria"`
	StricterThanNational bool     `json:"stricter_than_national"`
	StricterThanIndustry bool     `json:"stricter_than_industry"`
	InProduction         bool     `json:"in_production"`
	ValidTestReport      bool     `json:"valid_test_report"`
	Changes              []Change `json:"changes"`
}

type Change struct {
	Kind       string `json:"kind"` // revision | change | repeal | nonconformity
	OccurredOn string `json:"occurred_on"`
	NotifiedOn string `json:"notified_on"`
}

type Encouraging struct {
	Trainings           []Training           `json:"trainings"`
	International       []International      `json:"international"`
	Certification       Certification        `json:"certification"`
	ProductDeclarations []ProductDeclaration `json:"product_declarations"`
	BrandEvaluations    []BrandEvaluation    `json:"brand_evaluations"`
}

type Training struct {
	Date  string `json:"date"`
	Title string `json:"title"`
}

type International struct {
	Standard  string `json:"standard"`
	Outcome   string `json:"outcome"` // proposal | partially_adopted
	Reference string `json:"reference,omitempty"`
}

type Certification struct {
	Registered           bool     `json:"registered"`
	LedCategories        []string `json:"led_categories"`
	CooperatedCategories []string `json:"cooperated_categories"`
}

type ProductDeclaration struct {
	Model    string `json:"model"`
	Standard string `json:"standard"`
}

type BrandEvaluation struct {
	Category       string `json:"category"`
	Plan           bool   `json:"plan"`
	PilotCompleted bool   `json:"pilot_completed"`
}

type Findings struct {
	FalseInformation   []Finding `json:"false_information"`
	CertificationFraud []Finding `json:"certification_fraud"`
	NonCooperation     []Finding `json:"non_cooperation"`
	SeriousMisconduct  []Finding `json:"serious_misconduct"`
}

// JSON returns the document as compact JSON.
func (d *Document) JSON() ([]byte, error) { return json.Marshal(d) }

// Map returns the document as the generic value a JSON decoder gives
// (map[string]any, []any, string, bool, json.Number, nil).
func (d *Document) Map() (map[string]any, error) {
	raw, err := d.JSON()
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	err = dec.Decode(&m)
	return m, err
}

// Clone returns a deep copy, so a test can mutate one side of a comparison.
func (d *Document) Clone() *Document {
	raw, err := d.JSON()
	if err != nil {
		panic(err) // a Document always marshals: it holds only plain values
	}
	var c Document
	if err := json.Unmarshal(raw, &c); err != nil {
		panic(err)
	}
	return &c
}
