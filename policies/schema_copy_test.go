package policies_test

import (
	"bytes"
	"io/fs"
	"testing"

	"github.com/forerunner-project/forerunner/internal/policy"
	"github.com/forerunner-project/forerunner/policies"
	"github.com/forerunner-project/forerunner/schemas"
)

// The bundle validates its input with a generated copy of
// schemas/evidence.schema.json; a schema edit without regenerating the copy
// would make the bundle and forerunner validate differently.
func TestEvidenceSchemaCopyIsCurrent(t *testing.T) {
	schema, err := fs.ReadFile(schemas.FS, "evidence.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	want, err := policy.EvidenceSchemaModule(schema)
	if err != nil {
		t.Fatal(err)
	}
	got, err := fs.ReadFile(policies.FS, "forerunner/v1/schemas/evidence.rego")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("policies/forerunner/v1/schemas/evidence.rego is stale: run go run ./cmd/forerunner policy check --fix --bundle policies")
	}
}
