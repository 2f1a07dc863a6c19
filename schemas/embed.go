// Package schemas embeds the JSON Schemas of the evidence and result documents.
package schemas

import "embed"

// FS holds every *.schema.json of this directory.
//
//go:embed *.schema.json
var FS embed.FS
