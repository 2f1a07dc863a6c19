// Package policies embeds the default policy bundle: the Rego rules, their data
// and the manifest, exactly as OPA loads them from this directory.
package policies

import "embed"

// FS holds the bundle. "all:" keeps .manifest, which a plain pattern drops.
//
//go:embed all:.manifest all:forerunner
var FS embed.FS
