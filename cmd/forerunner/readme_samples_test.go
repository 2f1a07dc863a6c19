package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The README's sample outputs are the real output of their command, run from
// the repository root. A sample is a ```text block that either starts with
// commands it shows ("$ forerunner ARGS" lines, no redirection or pipe, each
// followed by its output) or follows a line "<!-- output of: forerunner ARGS -->". Its lines must appear
// in the command's output (stdout, then stderr) in the same order; a line "…"
// marks lines left out, and digests and the Go version may differ (the
// bundle's digest changes with every edit of a rule, and the README is not
// rewritten for each). Blocks that show a shell session (several commands,
// redirections) are left alone, and so are those of the walk-through
// ("## Editing the rules"), whose commands TestREADMEWalkthrough runs in their
// own session and whose outputs depend on it.

var (
	sampleMarker   = regexp.MustCompile(`^<!-- output of: forerunner (.+) -->$`)
	sampleCommand  = regexp.MustCompile(`^\$ forerunner ([^>|&;$]+)$`)
	digestPattern  = regexp.MustCompile(`sha256:[0-9a-f]{64}`)
	goVersionField = regexp.MustCompile(`go1\.[0-9]+(\.[0-9]+)?`)
)

// readmeSample is one sample block: the arguments of its command, where it
// starts in README.md, and its lines.
type readmeSample struct {
	line  int
	args  string
	lines []string
}

// readmeSamples finds the sample blocks of readme outside the walk-through.
func readmeSamples(readme string) []readmeSample {
	lines := strings.Split(readme, "\n")
	var samples []readmeSample
	inWalkthrough := false
	for i := 0; i < len(lines); i++ {
		if strings.HasPrefix(lines[i], "## ") {
			inWalkthrough = strings.TrimSpace(lines[i]) == walkthroughSection
		}
		if inWalkthrough || strings.TrimSpace(lines[i]) != "```text" {
			continue
		}
		end := i + 1
		for end < len(lines) && strings.TrimSpace(lines[end]) != "```" {
			end++
		}
		samples = append(samples, samplesAt(lines, i, end)...)
		i = end
	}
	return samples
}

// samplesAt reads the block lines[open+1:end] as samples: the whole block
// after a marker, else one per command when every "$ " line is a forerunner
// command without redirection or pipe, else none.
func samplesAt(lines []string, open, end int) []readmeSample {
	body := lines[open+1 : end]
	if m := previousLine(lines, open); sampleMarker.MatchString(m) {
		return []readmeSample{{line: open + 1, args: sampleMarker.FindStringSubmatch(m)[1], lines: outputLines(body)}}
	}
	if len(body) == 0 || !strings.HasPrefix(body[0], "$ ") {
		return nil
	}
	var samples []readmeSample
	for i, l := range body {
		if !strings.HasPrefix(l, "$ ") {
			continue
		}
		m := sampleCommand.FindStringSubmatch(l)
		if m == nil {
			return nil // a shell session, not samples of single commands
		}
		next := i + 1
		for next < len(body) && !strings.HasPrefix(body[next], "$ ") {
			next++
		}
		samples = append(samples, readmeSample{line: open + 2 + i, args: m[1], lines: outputLines(body[i+1 : next])})
	}
	return samples
}

// outputLines: the lines of a sample that are output.
func outputLines(body []string) []string {
	var out []string
	for _, l := range body {
		if !strings.HasPrefix(l, "$ ") && strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func previousLine(lines []string, i int) string {
	for i--; i >= 0 && strings.TrimSpace(lines[i]) == ""; i-- {
	}
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(lines[i])
}

// normalizeSample makes a line comparable across bundle edits and Go versions.
func normalizeSample(l string) string {
	l = digestPattern.ReplaceAllString(l, "sha256:…")
	return strings.TrimRight(goVersionField.ReplaceAllString(l, "go1.x"), " ")
}

// missingSampleLine is the first sample line not found, in order, in output.
func missingSampleLine(sample, output []string) (string, bool) {
	at := 0
	for _, want := range sample {
		if strings.TrimSpace(want) == "…" {
			continue
		}
		want = normalizeSample(want)
		for at < len(output) && normalizeSample(output[at]) != want {
			at++
		}
		if at == len(output) {
			return want, true
		}
		at++
	}
	return "", false
}

// runSample runs forerunner with args from the repository root, a glob in an
// argument expanded as a shell would.
func runSample(t *testing.T, root, args string) []string {
	t.Helper()
	var argv []string
	for _, a := range strings.Fields(args) {
		matches, _ := filepath.Glob(filepath.Join(root, a))
		if !strings.ContainsAny(a, "*?[") || len(matches) == 0 {
			argv = append(argv, a)
			continue
		}
		for _, m := range matches {
			rel, _ := filepath.Rel(root, m)
			argv = append(argv, rel)
		}
	}
	r := forerunnerIn(t, root, nil, argv...) // a sample may show a refusal: its output is what counts
	return strings.Split(r.stdout+r.stderr, "\n")
}

func TestREADMESamplesAreRealOutput(t *testing.T) {
	root := filepath.Join("..", "..")
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	samples := readmeSamples(string(readme))
	if len(samples) < 6 {
		t.Fatalf("README.md has %d sample outputs, want the example (en, zh), the ranking, explain, the plans and version at least", len(samples))
	}
	for _, s := range samples {
		t.Run(fmt.Sprintf("line %d", s.line), func(t *testing.T) {
			output := runSample(t, root, s.args)
			if missing, ok := missingSampleLine(s.lines, output); ok {
				t.Errorf("README.md:%d, forerunner %s: the output has no line %q where the sample has it; the output:\n%s",
					s.line, s.args, missing, strings.Join(output, "\n"))
			}
		})
	}
}

// The matcher itself: order counts, "…" skips, digests are equal whatever
// their value, and a changed line is found.
func TestSampleMatcher(t *testing.T) {
	output := []string{"a", "b sha256:" + strings.Repeat("1", 64), "c", "d"}
	for _, c := range []struct {
		sample []string
		ok     bool
	}{
		{[]string{"a", "…", "d"}, true},
		{[]string{"b sha256:" + strings.Repeat("2", 64), "c"}, true},
		{[]string{"c", "b sha256:" + strings.Repeat("1", 64)}, false},
		{[]string{"a", "x"}, false},
	} {
		if _, missing := missingSampleLine(c.sample, output); missing == c.ok {
			t.Errorf("%q in %q: found %v, want %v", c.sample, output, !missing, c.ok)
		}
	}
}
