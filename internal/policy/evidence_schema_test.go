package policy

import (
	"testing"
)

func TestEvidenceSchemaCopyStaleMissingAndRewritten(t *testing.T) {
	schema := []byte(`{"type": "object", "required": ["schema_version"]}`)
	validation := "package forerunner.v1.validation\n\nschema := data.forerunner.v1.schemas.evidence\n"

	dir := copyFixture(t, map[string]string{"forerunner/v1/validation/validation.rego": validation})
	if !hasFinding(check(t, dir, schema), CodeSchemaStale, SevError) {
		t.Fatal("a bundle that validates its input without a schema copy passes")
	}
	if _, err := UpdateEvidenceSchema(dir, []byte(`{"type": "object"}`)); err != nil {
		t.Fatal(err)
	}
	if !hasFinding(check(t, dir, schema), CodeSchemaStale, SevError) {
		t.Fatal("a copy of another schema passes")
	}
	path, err := UpdateEvidenceSchema(dir, schema)
	if err != nil {
		t.Fatal(err)
	}
	if findings := check(t, dir, schema); hasFinding(findings, CodeSchemaStale, SevError) || hasFinding(findings, CodeFormat, SevError) {
		t.Fatalf("still stale or unformatted after rewriting %s: %+v", path, findings)
	}
}

// A bundle without in-bundle validation (the fixture) needs no copy.
func TestNoSchemaCopyNeededWithoutValidation(t *testing.T) {
	if hasFinding(check(t, copyFixture(t, nil), []byte(`{"type": "object"}`)), CodeSchemaStale, SevError) {
		t.Fatal("schema_stale on a bundle that does not validate its input")
	}
}

func check(t *testing.T, dir string, schema []byte) []Finding {
	t.Helper()
	findings, err := Check(mustLoad(t, dir), schema)
	if err != nil {
		t.Fatal(err)
	}
	return findings
}
