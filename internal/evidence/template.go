package evidence

import (
	"embed"

	"github.com/forerunner-project/forerunner/internal/i18n"
)

//go:embed templates/evidence.*.yaml
var templates embed.FS

// Template returns a commented YAML evidence template in lang. Its placeholders
// (YYYY-MM-DD, YYYY, "") fail validation until filled in, so an unfilled
// template is never scored; every other default scores nothing.
func Template(lang i18n.Lang) []byte {
	name := "templates/evidence.en.yaml"
	if lang == i18n.ZH {
		name = "templates/evidence.zh.yaml"
	}
	data, err := templates.ReadFile(name)
	if err != nil {
		panic("evidence template not embedded: " + err.Error())
	}
	return data
}
