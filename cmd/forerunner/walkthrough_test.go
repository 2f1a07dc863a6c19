package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The README's "Editing the rules" walk-through is run as written: every
// ```sh block of that section (its subsections included), in order, as one
// shell session in an empty directory holding a copy of testdata/evidence,
// with the forerunner under test first in PATH. Each command must exit 0,
// or N where its first line ends in "# exit N". The convention is stated in
// an HTML comment at the top of the section, for whoever edits it.

const walkthroughSection = "## Editing the rules"

// readmeCommand is one command of the walk-through: its lines (continuation
// lines and a here-document included), where it starts in README.md, and
// the exit status it must end with.
type readmeCommand struct {
	line  int
	text  string
	want  int
	first string // the program it runs
}

var (
	exitComment = regexp.MustCompile(`\s#\s*exit\s+(\d+)\s*$`)
	hereDoc     = regexp.MustCompile(`<<-?\s*(['"]?)([A-Za-z_][A-Za-z0-9_]*)(['"]?)`)
)

// walkthroughCommands extracts the commands of the section's ```sh blocks.
func walkthroughCommands(readme string) ([]readmeCommand, error) {
	lines := strings.Split(readme, "\n")
	start := -1
	for i, l := range lines {
		if strings.TrimSpace(l) == walkthroughSection {
			start = i
			break
		}
	}
	if start < 0 {
		return nil, fmt.Errorf("README.md has no %q section", walkthroughSection)
	}
	var commands []readmeCommand
	inSh, inOther := false, false
	var block []int // line indexes of the current sh block
	for i := start + 1; i < len(lines); i++ {
		l := lines[i]
		trimmed := strings.TrimSpace(l)
		switch {
		case !inSh && !inOther && strings.HasPrefix(l, "## "):
			return commands, nil
		case !inSh && !inOther && trimmed == "```sh":
			inSh, block = true, nil
		case !inSh && !inOther && strings.HasPrefix(trimmed, "```"):
			inOther = true
		case inOther && trimmed == "```":
			inOther = false
		case inSh && trimmed == "```":
			inSh = false
			cmds, err := splitCommands(lines, block)
			if err != nil {
				return nil, err
			}
			commands = append(commands, cmds...)
		case inSh:
			block = append(block, i)
		}
	}
	if inSh || inOther {
		return nil, fmt.Errorf("README.md: a code fence of %q is not closed", walkthroughSection)
	}
	return commands, nil
}

// splitCommands groups a block's lines into commands: a line ending in "\"
// continues on the next, a here-document runs to its delimiter; blank lines
// and comment lines stand alone and are skipped.
func splitCommands(lines []string, block []int) ([]readmeCommand, error) {
	var out []readmeCommand
	for k := 0; k < len(block); k++ {
		first := lines[block[k]]
		if t := strings.TrimSpace(first); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		cmd := readmeCommand{line: block[k] + 1}
		if m := exitComment.FindStringSubmatch(first); m != nil {
			cmd.want, _ = strconv.Atoi(m[1])
		}
		text := []string{first}
		for strings.HasSuffix(text[len(text)-1], "\\") && k+1 < len(block) {
			k++
			text = append(text, lines[block[k]])
		}
		if m := hereDoc.FindStringSubmatch(strings.Join(text, "\n")); m != nil {
			end := m[2]
			for {
				if k+1 >= len(block) {
					return nil, fmt.Errorf("README.md:%d: here-document %s is not closed in its block", cmd.line, end)
				}
				k++
				text = append(text, lines[block[k]])
				if strings.TrimSpace(lines[block[k]]) == end {
					break
				}
			}
		}
		cmd.text = strings.Join(text, "\n")
		cmd.first = strings.Fields(first)[0]
		out = append(out, cmd)
	}
	return out, nil
}

// walkthroughScript is the commands as one bash script that stops at the
// first command ending with another status than the README says.
func walkthroughScript(commands []readmeCommand) string {
	var b strings.Builder
	b.WriteString("check() { if [ \"$1\" -ne \"$2\" ]; then echo \"README.md:$3: exit $1, want $2\" >&2; exit 1; fi; }\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "echo '== README.md:%d'\n%s\ncheck $? %d %d\n", c.line, c.text, c.want, c.line)
	}
	b.WriteString("echo '== walk-through done'\n")
	return b.String()
}

// shellBuiltins need no program in PATH.
var shellBuiltins = map[string]bool{"cd": true, "echo": true, "printf": true, "export": true, "test": true, "[": true, ":": true, "true": true}

// TestREADMEWalkthrough runs the walk-through; a tool it needs besides
// forerunner (openssl, patch) missing from PATH skips it, unless
// FORERUNNER_REQUIRE_TOOLS is set (CI installs them and sets it).
func TestREADMEWalkthrough(t *testing.T) {
	raw, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	commands, err := walkthroughCommands(string(raw))
	if err != nil {
		t.Fatal(err)
	}
	requireSteps(t, commands)
	bash := lookTool(t, "bash")
	for _, c := range commands {
		if c.first != "forerunner" && !shellBuiltins[c.first] {
			lookTool(t, c.first)
		}
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "testdata", "evidence"), os.DirFS("../../testdata/evidence")); err != nil {
		t.Fatal(err)
	}
	script := walkthroughScript(commands)
	cmd := exec.Command(bash, "--noprofile", "--norc", "-c", script)
	cmd.Dir = dir
	cmd.Env = testEnv("PATH=" + filepath.Dir(binary(t)) + string(os.PathListSeparator) + os.Getenv("PATH"))
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil || !strings.HasSuffix(out.String(), "== walk-through done\n") {
		t.Fatalf("the README walk-through failed (%v):\n%s", err, tailLines(out.String(), 60))
	}
}

// requireSteps: the walk-through keeps every step the issue asks for, so
// that a step removed from the README fails here rather than going untested.
func requireSteps(t *testing.T, commands []readmeCommand) {
	t.Helper()
	var all strings.Builder
	for _, c := range commands {
		all.WriteString(c.text + "\n")
	}
	for _, step := range []string{"forerunner policy export", "config/data.json", ".rego", "forerunner policy check",
		"forerunner policy test", "_test.rego", "forerunner impact", "forerunner policy build", "--signing-key",
		"forerunner eval --bundle", "--verification-key"} {
		if !strings.Contains(all.String(), step) {
			t.Errorf("the walk-through's ```sh blocks lack %q", step)
		}
	}
	if len(commands) < 8 {
		t.Errorf("the walk-through has %d commands; its ```sh blocks were not found", len(commands))
	}
}

// lookTool finds a program the walk-through runs.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("FORERUNNER_REQUIRE_TOOLS") != "" {
			t.Fatalf("the README walk-through needs %s, not in PATH", name)
		}
		t.Skipf("the README walk-through needs %s, not in PATH (FORERUNNER_REQUIRE_TOOLS makes this a failure)", name)
	}
	return path
}

func tailLines(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// The extraction itself: continuation lines, here-documents, exit comments,
// other fences skipped, the section's end.
func TestWalkthroughExtraction(t *testing.T) {
	readme := strings.Join([]string{
		"# x", "```sh", "not this", "```",
		walkthroughSection, "text",
		"```", "$ shown only", "```",
		"```sh", "# a comment", "forerunner policy export my-bundle", "", "forerunner policy check --bundle my-bundle  # exit 1",
		"forerunner eval \\", "  --bundle b x.yaml", "```",
		"### sub", "```sh", "patch f <<'EOF'", "@@ -1 +1 @@", "-a", "+b", "EOF", "```",
		"## Next", "```sh", "not this either", "```",
	}, "\n")
	got, err := walkthroughCommands(readme)
	if err != nil {
		t.Fatal(err)
	}
	want := []readmeCommand{
		{line: 12, text: "forerunner policy export my-bundle", first: "forerunner"},
		{line: 14, text: "forerunner policy check --bundle my-bundle  # exit 1", want: 1, first: "forerunner"},
		{line: 15, text: "forerunner eval \\\n  --bundle b x.yaml", first: "forerunner"},
		{line: 20, text: "patch f <<'EOF'\n@@ -1 +1 @@\n-a\n+b\nEOF", first: "patch"},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if _, err := walkthroughCommands(walkthroughSection + "\n```sh\npatch f <<EOF\n-a\n```\n"); err == nil {
		t.Error("an unclosed here-document is an error")
	}
	if _, err := walkthroughCommands(walkthroughSection + "\n```sh\nforerunner version\n"); err == nil {
		t.Error("an unclosed fence is an error")
	}
}

// A command that fails, or exits otherwise than its "# exit N" says, stops
// the script with the README line.
func TestWalkthroughScriptStopsAtAWrongStatus(t *testing.T) {
	bash := lookTool(t, "bash")
	for _, c := range []struct {
		commands []readmeCommand
		says     string
	}{
		{[]readmeCommand{{line: 3, text: "false"}, {line: 4, text: "echo after"}}, "README.md:3: exit 1, want 0"},
		{[]readmeCommand{{line: 7, text: "true  # exit 1", want: 1}}, "README.md:7: exit 0, want 1"},
	} {
		out, err := exec.Command(bash, "--noprofile", "--norc", "-c", walkthroughScript(c.commands)).CombinedOutput()
		if err == nil || !strings.Contains(string(out), c.says) || strings.Contains(string(out), "after") {
			t.Errorf("%v: %v\n%s", c.commands, err, out)
		}
	}
}
