package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const policyFixture = "../../internal/policy/testdata/fixture"

func TestPolicyCheckOfDefaultBundleWarnsI1Only(t *testing.T) {
	out := forerunner(t, "policy", "check").expect(t, ExitOK)
	if !strings.Contains(out.stdout, "WARNING category_max") || !strings.Contains(out.stdout, "I-1") ||
		!strings.Contains(out.stdout, "0 error(s), 1 warning(s)") {
		t.Errorf("stdout:\n%s", out.stdout)
	}
}

func TestPolicyCheckErrorsExit1(t *testing.T) {
	dir := t.TempDir()
	forerunner(t, "policy", "export", dir).expect(t, ExitOK)
	rule := "package forerunner.v1.clock\n\nstamp := time.now_ns()\n"
	if err := os.WriteFile(filepath.Join(dir, "forerunner", "v1", "clock.rego"), []byte(rule), 0o644); err != nil {
		t.Fatal(err)
	}
	res := forerunner(t, "--lang", "zh", "policy", "check", "--bundle", dir, "--output", "json").expect(t, ExitInvalid)
	if !strings.Contains(res.stdout, `"code": "refused_builtin"`) || !strings.Contains(res.stdout, "time.now_ns") {
		t.Errorf("stdout:\n%s", res.stdout)
	}
}

func TestPolicyTestVerboseOnFixture(t *testing.T) {
	out := forerunner(t, "policy", "test", "--bundle", policyFixture, "-v").expect(t, ExitOK)
	if !strings.Contains(out.stdout, "test_three_trainings_tier_a: PASS") || !strings.Contains(out.stdout, "PASS: 3/3") {
		t.Errorf("stdout:\n%s", out.stdout)
	}
}

func TestPolicyBuildThenTestArchiveHasNoTests(t *testing.T) {
	archive := filepath.Join(t.TempDir(), "b.tar.gz")
	forerunner(t, "policy", "build", "--bundle", policyFixture, "--no-check", "-o", archive).expect(t, ExitOK)
	res := forerunner(t, "policy", "test", "--bundle", archive).expect(t, ExitInvalid)
	if !strings.Contains(res.stderr, "no tests ran") {
		t.Errorf("stderr:\n%s", res.stderr)
	}
}

func TestPolicyUsageAndBundleErrors(t *testing.T) {
	forerunner(t, "policy", "build").expect(t, ExitUsage)
	forerunner(t, "policy", "inspect", "--output", "xml").expect(t, ExitUsage)
	forerunner(t, "policy", "check", "--bundle", filepath.Join(t.TempDir(), "missing")).expect(t, ExitBundle)
	forerunner(t, "policy", "check", "--fix").expect(t, ExitUsage)
}

func TestPolicyInspectMarkdownAndExportRegistered(t *testing.T) {
	out := forerunner(t, "policy", "inspect", "--output", "markdown").expect(t, ExitOK)
	if !strings.Contains(out.stdout, "| 2.3 | core |") || !strings.Contains(out.stdout, "| V5 |") {
		t.Errorf("stdout:\n%s", out.stdout)
	}
	help := forerunner(t, "policy", "--help").expect(t, ExitOK)
	for _, sub := range []string{"test", "check", "inspect", "build", "export"} {
		if !strings.Contains(help.stdout, "  "+sub+" ") {
			t.Errorf("policy --help lacks %s:\n%s", sub, help.stdout)
		}
	}
}

// Attack 18: policy test had a fixed 30 s per-test timeout. --timeout sets
// it: a slow test passes under a generous limit and is an error under a
// short one; a non-positive limit is a usage error.
func TestPolicyTestTimeoutFlag(t *testing.T) {
	dir := t.TempDir()
	slow := "package slow_test\n\n" +
		"test_slow if {\n\tevery i in numbers.range(1, 2000) {\n\t\tevery j in numbers.range(1, 2000) {\n\t\t\ti + j > 0\n\t\t}\n\t}\n}\n"
	if err := os.WriteFile(filepath.Join(dir, "slow_test.rego"), []byte(slow), 0o644); err != nil {
		t.Fatal(err)
	}
	forerunner(t, "policy", "test", "--bundle", dir, "--timeout", "5m").expect(t, ExitOK)
	for _, lang := range []string{"en", "zh"} {
		res := forerunner(t, "--lang", lang, "policy", "test", "--bundle", dir, "--timeout", "1ms").expect(t, ExitInvalid)
		if !strings.Contains(res.stdout, "ERROR: 1/1") {
			t.Errorf("%s: want the slow test reported as an error:\n%s\n%s", lang, res.stdout, res.stderr)
		}
	}
	res := forerunner(t, "--lang", "zh", "policy", "test", "--bundle", dir, "--timeout", "0s").expect(t, ExitUsage)
	if !strings.Contains(res.stderr, "--timeout 须为正的时长") {
		t.Errorf("stderr:\n%s", res.stderr)
	}
	if help := forerunner(t, "policy", "test", "--help").expect(t, ExitOK); !strings.Contains(help.stdout, "time limit of each test") || !strings.Contains(help.stdout, "每个测试的时限") {
		t.Errorf("help:\n%s", help.stdout)
	}
}

// eval and impact refuse a timeout that is not positive, as policy test
// does, instead of silently scoring with the default.
func TestBatchTimeoutMustBePositive(t *testing.T) {
	example := validDir + "/example.yaml"
	for _, args := range [][]string{
		{"eval", "--timeout", "0s", example},
		{"impact", "--timeout", "-1s", "--set", "config.levels[0].min.total=85", example},
	} {
		res := forerunner(t, append([]string{"--lang", "en"}, args...)...).expect(t, ExitUsage)
		if !strings.Contains(res.stderr, "--timeout must be a positive duration") || res.stdout != "" {
			t.Errorf("%v: stdout %q, stderr:\n%s", args, res.stdout, res.stderr)
		}
	}
}
