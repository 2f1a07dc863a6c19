package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/i18n"
	"github.com/forerunner-project/forerunner/internal/model"
	"github.com/open-policy-agent/opa/v1/ast"
)

// Severity of a finding: errors fail `policy check`, warnings do not.
type Severity string

const (
	SevError   Severity = "error"
	SevWarning Severity = "warning"
	// SevNote explains something that is not wrong but surprises (a
	// threshold that never binds); only `policy check` shows notes.
	SevNote Severity = "note"
)

// Finding is one coded result of `policy check`.
type Finding struct {
	Code     string    `json:"code"`
	Severity Severity  `json:"severity"`
	At       string    `json:"at"` // file:row, or the config path concerned
	Message  i18n.Text `json:"message"`
}

// Finding codes, documented in README.md ("Editing the rules").
const (
	CodeRefusedBuiltin   = "refused_builtin"       // a rule calls a non-deterministic built-in
	CodeConfig           = "config_malformed"      // config data missing or of the wrong shape
	CodeItemMetadata     = "item_metadata"         // item rule without id, category, zh+en title or zh+en clause
	CodeItemCategory     = "item_category"         // item names a category the config lacks
	CodeItemDuplicate    = "item_duplicate"        // two rules claim the same item id
	CodeItemUnconfigured = "item_unconfigured"     // item rule without config.items entry, or max ≤ 0
	CodeConfigOrphan     = "config_orphan_item"    // config.items entry no rule scores
	CodeTierOrder        = "tier_order"            // tiers not best first, or names out of order
	CodeTierPoints       = "tier_points"           // tier points outside 0..max
	CodeTierTop          = "tier_top_below_max"    // best tier cannot reach the item's max
	CodeTierCatchAll     = "tier_catch_all"        // last tier not a catch-all, or one before it
	CodeTierShadowed     = "tier_unreachable"      // an earlier tier always applies first
	CodeTierGap          = "tier_gap"              // tier combining counts, no interpretation documents it
	CodeCategoryMax      = "category_max"          // attainable max differs from declared max
	CodeLevelNumbers     = "level_numbers"         // levels not 1..n in order
	CodeLevelOrder       = "level_order"           // a better level asks less than a worse one
	CodeLevelUnreachable = "level_unreachable"     // a level asks more than is attainable
	CodeLevelBounds      = "level_bounds"          // last level's "below" bounds overlap a level above
	CodeLevelText        = "level_text"            // level title or consequence lacks zh or en
	CodeThresholdUnbound = "threshold_never_binds" // a level's total minimum is implied by its category minima
	CodeVetoText         = "veto_text"             // veto lacks id, zh or en title
	CodeVetoDuplicate    = "veto_duplicate"        // two vetoes share an id
	CodeVetoRule         = "veto_rule"             // configured veto without rule, or rule without config
	// CodeCalendarIndex (calendar.go): working-day index out of step with the calendar
	// CodePlanIndex (planindex.go): plan index out of step with the config
)

// Check compiles src strictly with the restricted capabilities, type-checks
// it against the evidence schema, and checks its METADATA and config data.
func Check(src *Source, evidenceSchema []byte) ([]Finding, error) {
	findings, compiler, err := compileFindings(src, evidenceSchema)
	if err != nil {
		return nil, err
	}
	cat, err := src.Model()
	if err != nil {
		return append(findings, configFinding(err)), nil
	}
	findings = append(findings, Consistency(cat)...)
	findings = append(findings, undefinedFindings(src, cat, evidenceSchema)...)
	findings = append(findings, sourceFindings(src, cat)...)
	findings = append(findings, schemaFindings(src, evidenceSchema)...)
	findings = append(findings, calendarFindings(src)...)
	if !compiler.Failed() { // the plan index is derived by evaluating the bundle
		findings = append(findings, planIndexFindings(src, compiler, cat)...)
	}
	return append(findings, formatFindings(src)...), nil
}

// HasErrors reports whether any finding is an error.
func HasErrors(findings []Finding) bool {
	for _, f := range findings {
		if f.Severity == SevError {
			return true
		}
	}
	return false
}

// compileFindings runs the refused-call scan and a strict, schema-typed compile
// of every module, tests included (as `opa check --strict` does).
func compileFindings(src *Source, evidenceSchema []byte) ([]Finding, *ast.Compiler, error) {
	modules := engine.Modules(src.Bundle, true)
	var findings []Finding
	for _, t := range engine.RefusedCalls(modules) {
		findings = append(findings, Finding{Code: CodeRefusedBuiltin, Severity: SevError, Message: t})
	}
	schemas, err := schemaSet(evidenceSchema)
	if err != nil {
		return nil, nil, err
	}
	compiler := engine.NewCompiler(schemas).WithStrict(true)
	compiler.Compile(modules)
	for _, e := range compiler.Errors {
		findings = append(findings, compileFinding(e))
	}
	return findings, compiler, nil
}

// schemaSet registers the evidence schema as the input schema of every rule
// and as schema.evidence for rules that name it in their METADATA.
func schemaSet(evidenceSchema []byte) (*ast.SchemaSet, error) {
	var schema any
	if err := json.Unmarshal(evidenceSchema, &schema); err != nil {
		return nil, fmt.Errorf("evidence schema / 证据模式: %w", err)
	}
	set := ast.NewSchemaSet()
	set.Put(ast.SchemaRootRef, schema)
	set.Put(ast.MustParseRef("schema.evidence"), schema)
	return set, nil
}

func compileFinding(e *ast.Error) Finding {
	at := ""
	if e.Location != nil {
		at = fmt.Sprintf("%s:%d", strings.TrimPrefix(e.Location.File, "/"), e.Location.Row)
	}
	msg := e.Message
	if e.Details != nil {
		for _, line := range e.Details.Lines() {
			msg += "; " + strings.TrimSpace(line)
		}
	}
	return Finding{Code: e.Code, Severity: SevError, At: at, Message: i18n.T(msg, msg)}
}

// configFinding reports configuration data the model cannot read.
func configFinding(err error) Finding {
	msg := i18n.T(err.Error(), err.Error())
	var cfgErr *model.ConfigError
	if errors.As(err, &cfgErr) {
		msg = cfgErr.Text()
	}
	return Finding{Code: CodeConfig, Severity: SevError, At: "data.forerunner.v1.config", Message: msg}
}
