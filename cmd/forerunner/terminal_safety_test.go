package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// hostileName clears the screen, sets the window title, rings the bell,
// returns the carriage and tries to start a Markdown heading.
const hostileName = "\x1b[2J\x1b[H\x1b]0;pwned\x07甲\r研究院\n# Injected heading"

var controlRE = regexp.MustCompile("[\x00-\x09\x0b-\x1f\x7f]")

func hostileEvidence(t *testing.T) string {
	quoted, _ := json.Marshal(hostileName) // a JSON string is a YAML double-quoted scalar
	return variantOf(t, "level1.yaml", "hostile.yaml", func(doc string) string {
		return regexp.MustCompile(`(?m)^  name: .*$`).ReplaceAllString(doc, "  name: "+string(quoted))
	})
}

// Text and Markdown escape control characters from the evidence; JSON keeps
// the exact text.
func TestControlCharactersNeverReachTheTerminal(t *testing.T) {
	path := hostileEvidence(t)
	for _, lang := range []string{"en", "zh"} {
		for _, format := range []string{"text", "markdown"} {
			out := forerunner(t, "eval", "--lang", lang, "-o", format, path, validDir+"/level2.yaml").expect(t, 0)
			if m := controlRE.FindString(out.stdout + out.stderr); m != "" {
				t.Fatalf("%s %s: control character %q reached the output:\n%s", lang, format, m, out.stdout)
			}
			if !strings.Contains(out.stdout, `x1b`) || !strings.Contains(out.stdout, "# Injected") {
				t.Fatalf("%s %s: the name is not shown escaped:\n%s", lang, format, out.stdout)
			}
			if regexp.MustCompile(`(?m)^# Injected`).MatchString(out.stdout) {
				t.Fatalf("%s %s: a newline in the name started a heading:\n%s", lang, format, out.stdout)
			}
		}
	}
	var r struct{ Agency struct{ Name string } }
	out := forerunner(t, "eval", "-o", "json", path).expect(t, 0)
	if err := json.Unmarshal([]byte(out.stdout), &r); err != nil || r.Agency.Name != hostileName {
		t.Fatalf("JSON must keep the exact name: %q (%v)", r.Agency.Name, err)
	}
}

// Source excerpts of diagnostics on stderr escape control characters too.
func TestDiagnosticExcerptsEscapeControlCharacters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.yaml")
	src := "schema_version: 1\nagency: {id: \"\x1b]0;pwned\x07\", name: x\x1b[2J: y}\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range [][]string{{"validate", path}, {"eval", path}} {
		out := forerunner(t, cmd...).expect(t, ExitInvalid)
		if m := controlRE.FindString(out.stdout + out.stderr); m != "" {
			t.Fatalf("%s: control character %q reached the terminal:\n%s%s", cmd[0], m, out.stdout, out.stderr)
		}
	}
}

// Flag and command errors from cobra come in the user's language, with
// cobra's text as the detail.
func TestUsageErrorsInTheUsersLanguage(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"eval", "--lang", "zh", "--nope", "x.yaml"}, "未知参数 --nope（详情：unknown flag: --nope）"},
		{[]string{"--lang=zh", "eval", "-z", "x.yaml"}, "未知短参数 -z"},
		{[]string{"eval", "--lang", "zh", "--workers", "many", "x.yaml"}, "参数 --workers 的取值 \"many\" 无效"},
		{[]string{"eval", "--lang", "zh", "x.yaml", "--output"}, "参数 --output 缺少取值"},
		{[]string{"--lang", "zh", "frob"}, "未知命令 \"frob\""},
		{[]string{"eval", "--lang", "en", "--nope", "x.yaml"}, "unknown flag --nope"},
	} {
		out := forerunner(t, c.args...).expect(t, ExitUsage)
		if !strings.Contains(out.stderr, c.want) {
			t.Errorf("%v: want %q in:\n%s", c.args, c.want, out.stderr)
		}
	}
}
