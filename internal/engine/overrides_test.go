package engine

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// embeddedForSet loads the embedded bundle without its tests.
func embeddedForSet(t *testing.T) *Bundle {
	t.Helper()
	b, err := LoadBundle(LoadOptions{WithoutTests: true})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func configValue(t *testing.T, b *Bundle, keys ...any) any {
	t.Helper()
	var v any = b.Data["forerunner"].(map[string]any)["v1"].(map[string]any)["config"]
	for _, k := range keys {
		switch k := k.(type) {
		case string:
			v = v.(map[string]any)[k]
		case int:
			v = v.([]any)[k]
		}
	}
	return v
}

// Every spelling of a path reaches the same value: the JSON Pointer from the
// data root, the dotted path as policy check names places (relative to
// forerunner.v1), with data.forerunner.v1. in front, and item ids with dots
// bare or quoted.
func TestSettingPathSpellings(t *testing.T) {
	cases := []struct{ path, pointer string }{
		{"/forerunner/v1/config/levels/0/min/encouraging", "/forerunner/v1/config/levels/0/min/encouraging"},
		{"config.levels[0].min.encouraging", "/forerunner/v1/config/levels/0/min/encouraging"},
		{"config.levels.0.min.encouraging", "/forerunner/v1/config/levels/0/min/encouraging"},
		{"data.forerunner.v1.config.levels[0].min.encouraging", "/forerunner/v1/config/levels/0/min/encouraging"},
		{"forerunner.v1.config.levels[0].min.encouraging", "/forerunner/v1/config/levels/0/min/encouraging"},
		{`config.items["2.6.e"].working_days`, "/forerunner/v1/config/items/2.6.e/working_days"},
		{"config.items.2.6.e.working_days", "/forerunner/v1/config/items/2.6.e/working_days"},
		{"/forerunner/v1/config/items/2.6.e/working_days", "/forerunner/v1/config/items/2.6.e/working_days"},
		{`config.items["3.1"].tiers[0].min.trainings`, "/forerunner/v1/config/items/3.1/tiers/0/min/trainings"},
	}
	for _, c := range cases {
		b := embeddedForSet(t)
		if err := b.ApplySettings([]Setting{{Path: c.path, Value: "4"}}); err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if got := b.Overrides[0].Path; got != c.pointer {
			t.Errorf("%s: pointer %s, want %s", c.path, got, c.pointer)
		}
	}
}

// A setting changes the value, keeps its type, and records old and new; the
// data digest names the changed data and only it.
func TestApplySettingsRecordsOverridesAndDigest(t *testing.T) {
	b := embeddedForSet(t)
	digest := b.Digest
	if err := b.ApplySettings([]Setting{{Path: "config.levels[0].min.encouraging", Value: "20"},
		{Path: "config.levels[0].title.en", Value: "Top level"}}); err != nil {
		t.Fatal(err)
	}
	if got := configValue(t, b, "levels", 0, "min", "encouraging"); got != json.Number("20") {
		t.Errorf("value %#v, want json.Number 20", got)
	}
	if got := configValue(t, b, "levels", 0, "title", "en"); got != "Top level" {
		t.Errorf("a bare string is taken as a string: %#v", got)
	}
	want := []Override{{Path: "/forerunner/v1/config/levels/0/min/encouraging", Old: json.Number("25"), New: json.Number("20")},
		{Path: "/forerunner/v1/config/levels/0/title/en", Old: "Level 1", New: "Top level"}}
	if !reflect.DeepEqual(b.Overrides, want) {
		t.Errorf("overrides %+v, want %+v", b.Overrides, want)
	}
	if b.Digest != digest {
		t.Error("the bundle digest names the files as read, whatever --set changed")
	}
	if b.DataDigest != DataDigest(b.Data) || !strings.HasPrefix(b.DataDigest, "sha256:") {
		t.Errorf("data digest %q", b.DataDigest)
	}
	other := embeddedForSet(t)
	if err := other.ApplySettings([]Setting{{Path: "config.levels[0].min.encouraging", Value: "21"}}); err != nil {
		t.Fatal(err)
	}
	if other.DataDigest == b.DataDigest || other.DataDigest == DataDigest(embeddedForSet(t).Data) {
		t.Error("other values, other data digests")
	}
}

// A setting that cannot be applied is refused with a message naming the
// path and what is there, in both languages, and leaves the data unchanged.
func TestApplySettingsRefusals(t *testing.T) {
	cases := []struct {
		setting Setting
		en, zh  string
	}{
		{Setting{"config.levels[0].min.encoraging", "20"},
			`the nearest existing parent /forerunner/v1/config/levels/0/min has no key "encoraging" (its keys: basic, core, encouraging, total)`,
			`最近的已有上级 /forerunner/v1/config/levels/0/min 没有键 "encoraging"`},
		{Setting{"config.levels[7].min.total", "20"},
			`the nearest existing parent /forerunner/v1/config/levels is an array of 4 entries (counted from 0) and has no entry "7"`,
			"是有 4 项的数组"},
		{Setting{"config.misconduct.barred_selection_years.x", "2"},
			`the nearest existing parent /forerunner/v1/config/misconduct/barred_selection_years is a number (3) and holds no "x"`, "是数值（3）"},
		{Setting{"config.levels[0].min.encouraging", `"20"`},
			`/forerunner/v1/config/levels/0/min/encouraging expects a number (now 25), got a string "20"`,
			`应为数值（现值 25），收到的是字符串 "20"`},
		{Setting{"config.levels[0].min.encouraging", "twenty"},
			`expects a number (now 25); "twenty" is not a JSON value`, `"twenty" 不是 JSON 值`},
		{Setting{"config.levels[0].min", "20"}, "expects an object (now {", "应为对象"},
		{Setting{"config.levels[0]].min", "20"}, `--set path "config.levels[0]].min" cannot be read`, "无法解析"},
		{Setting{"config..levels", "20"}, "cannot be read", "无法解析"},
		{Setting{`config.items["2.6.e].max`, "2"}, "cannot be read", "无法解析"},
		{Setting{"/forerunner/v1/config/levels/x/min", "2"}, `has no entry "x"`, `没有第 "x" 项`},
	}
	for _, c := range cases {
		b := embeddedForSet(t)
		before := DataDigest(b.Data)
		err := b.ApplySettings([]Setting{{Path: "config.window_years", Value: "4"}, c.setting})
		var set *SetError
		if !errors.As(err, &set) {
			t.Errorf("%+v: error %v, want a SetError", c.setting, err)
			continue
		}
		if !strings.Contains(set.Msg.EN, c.en) || !strings.Contains(set.Msg.ZH, c.zh) {
			t.Errorf("%+v:\n en %s\n zh %s", c.setting, set.Msg.EN, set.Msg.ZH)
		}
		if DataDigest(b.Data) != before || b.Overrides != nil {
			t.Errorf("%+v: the data changed although a setting was refused", c.setting)
		}
	}
}

func TestApplySettingsRefusesTheSamePathTwice(t *testing.T) {
	b := embeddedForSet(t)
	err := b.ApplySettings([]Setting{{Path: "config.levels[0].min.total", Value: "85"}, {Path: "/forerunner/v1/config/levels/0/min/total", Value: "80"}})
	if err == nil || !strings.Contains(err.Error(), "/forerunner/v1/config/levels/0/min/total is set twice") {
		t.Fatalf("got %v", err)
	}
}

func TestParseSetting(t *testing.T) {
	s, err := ParseSetting("config.items.1.4.retention_years=a=b")
	if err != nil || s.Path != "config.items.1.4.retention_years" || s.Value != "a=b" {
		t.Errorf("got %+v, %v", s, err)
	}
	for _, bad := range []string{"", "config.levels", "=20", " =20"} {
		if _, err := ParseSetting(bad); err == nil || !strings.Contains(err.Error(), "is not PATH=VALUE") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// The engine records the overrides in every result's provenance.
func TestProvenanceCarriesOverrides(t *testing.T) {
	b := embeddedForSet(t)
	if err := b.ApplySettings([]Setting{{Path: "config.items.2.6.e.working_days", Value: "7"}}); err != nil {
		t.Fatal(err)
	}
	e := &Engine{bundle: b}
	p := e.Provenance("sha256:x")
	if len(p.Overrides) != 1 || p.DataDigest != b.DataDigest || p.BundleDigest != b.Digest {
		t.Errorf("provenance %+v", p)
	}
	if got := p.Overrides[0].String(); got != "/forerunner/v1/config/items/2.6.e/working_days 5 → 7" {
		t.Errorf("String() = %q", got)
	}
}
