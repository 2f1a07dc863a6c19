package policy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"path/filepath"
	"slices"

	"github.com/forerunner-project/forerunner/internal/model"
)

// The bundle keeps every item's and veto's rule location as data (rego.metadata
// carries none), at this data path and file. A rule edited without updating
// it makes results point at the wrong line.
var (
	sourcesDataPath = []string{"forerunner", "v1", "sources"}
	sourcesFile     = filepath.Join("forerunner", "v1", "sources", "data.json")
)

// CodeSourceStale: the sources data disagrees with where the rules are.
const CodeSourceStale = "source_stale"

// ruleSources maps every item and veto id to the location of its rule.
func ruleSources(cat *model.Model) map[string]model.Location {
	out := map[string]model.Location{}
	for _, it := range cat.Items {
		out[it.ID] = it.Location
	}
	for _, v := range append(slices.Clone(cat.Vetoes), cat.Misconduct...) {
		if v.Rule != nil {
			out[v.ID] = v.Rule.Location
		}
	}
	return out
}

// sourceFindings compares the bundle's sources data, when it has any, with
// the rules' actual locations.
func sourceFindings(src *Source, cat *model.Model) []Finding {
	recorded := lookupObject(src.Data, sourcesDataPath...)
	if recorded == nil {
		return nil
	}
	var out []Finding
	actual := ruleSources(cat)
	for _, id := range slices.Sorted(maps.Keys(actual)) {
		want := actual[id]
		got, _ := recorded[id].(map[string]any)
		if fmt.Sprint(got["file"]) != want.File || fmt.Sprint(got["row"]) != fmt.Sprint(want.Row) {
			out = append(out, staleFinding(id, fmt.Sprintf("%v:%v", got["file"], got["row"]), want.String()))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(recorded)) {
		if _, ok := actual[id]; !ok {
			out = append(out, staleFinding(id, "listed", "no rule"))
		}
	}
	return out
}

func staleFinding(id, recorded, actual string) Finding {
	return errorf(CodeSourceStale, sourcesFile, "%s：来源数据记为 %s，规则实际在 %s（运行 forerunner policy check --fix --bundle 目录）",
		"%s: the sources data says %s, the rule is at %s (run forerunner policy check --fix --bundle DIR)",
		id, recorded, actual)
}

// UpdateSources rewrites the sources data file of the bundle directory dir
// from the rules' locations, in the layout the bundle's own test writes.
func UpdateSources(dir string, cat *model.Model) (string, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	if err := enc.Encode(ruleSources(cat)); err != nil {
		return "", err
	}
	return writeGenerated(dir, filepath.ToSlash(sourcesFile), buf.Bytes())
}
