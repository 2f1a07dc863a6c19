package engine

import (
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
)

// refusedPrefixes name built-in families that reach outside the evidence
// (network, clock, randomness, runtime), whatever their OPA flags say.
var refusedPrefixes = []string{"http.", "net.", "rand.", "uuid."}

// refusedNames are single built-ins refused for the same reason.
var refusedNames = map[string]bool{
	"time.now_ns": true,
	"opa.runtime": true,
}

// netOnlyNondeterministic are built-ins OPA marks non-deterministic only
// because a schema's remote $ref could be fetched. Capabilities allows no
// network, so they depend on their arguments alone; the bundle validates its
// input with json.match_schema.
var netOnlyNondeterministic = map[string]bool{
	"json.match_schema":  true,
	"json.verify_schema": true,
}

// IsRefusedBuiltin reports whether a policy may not call the built-in name:
// a score must depend on the evidence and the bundle only.
func IsRefusedBuiltin(b *ast.Builtin) bool {
	if b.Nondeterministic && !netOnlyNondeterministic[b.Name] || refusedNames[b.Name] {
		return true
	}
	for _, p := range refusedPrefixes {
		if strings.HasPrefix(b.Name, p) {
			return true
		}
	}
	return false
}

// Capabilities is this OPA version's capabilities without the refused
// built-ins and without network access. Every compile of the bundle (eval,
// policy check/test/build) uses it.
func Capabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !IsRefusedBuiltin(b) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// refusedBuiltinNames lists every built-in of this OPA version that
// Capabilities leaves out, to recognise calls to them in a policy.
func refusedBuiltinNames() map[string]bool {
	names := map[string]bool{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		if IsRefusedBuiltin(b) {
			names[b.Name] = true
		}
	}
	return names
}
