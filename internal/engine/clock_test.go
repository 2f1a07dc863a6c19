package engine

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
)

// Attack 3: crypto.x509.parse_and_verify_certificates changed its answer the
// day a certificate expired. Built-ins that read the clock are refused.
func TestClockDependentBuiltinsAreRefused(t *testing.T) {
	caps := map[string]bool{}
	for _, b := range Capabilities().Builtins {
		caps[b.Name] = true
	}
	for _, name := range []string{"crypto.x509.parse_and_verify_certificates",
		"crypto.x509.parse_and_verify_certificates_with_options", "time.now_ns", "io.jwt.decode_verify"} {
		b, ok := ast.BuiltinMap[name]
		if !ok {
			t.Fatalf("%s is not a built-in of this OPA", name)
		}
		if !IsRefusedBuiltin(b) || caps[name] {
			t.Errorf("%s is allowed", name)
		}
	}
}

// localZoneQuery formats the epoch in the zone "Local" and parses a time
// whose zone abbreviation the local zone may define.
const localZoneQuery = `x := [time.format([0, "Local", "15:04 MST"]), time.parse_ns("2006-01-02 15:04 MST", "2024-01-01 08:00 CST")]`

// Attack 3: time.format/time.date with "Local" followed TZ. Under
// TZ=Asia/Shanghai the host answers as under UTC (a child process, since
// the zone is read when a process starts).
func TestLocalZoneIsUTCWhateverTZ(t *testing.T) {
	if os.Getenv("FORERUNNER_TZ_CHILD") != "" {
		rs, err := rego.New(rego.Query(localZoneQuery)).Eval(context.Background())
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		fmt.Printf("answer: %v\n", rs[0].Bindings["x"])
		return
	}
	answers := map[string]string{}
	for _, tz := range []string{"UTC", "Asia/Shanghai", "America/Chicago"} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLocalZoneIsUTCWhateverTZ$", "-test.v")
		cmd.Env = append(os.Environ(), "FORERUNNER_TZ_CHILD=1", "TZ="+tz)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("TZ=%s: %v\n%s", tz, err, out)
		}
		for _, line := range strings.Split(string(out), "\n") {
			if strings.HasPrefix(line, "answer: ") || strings.HasPrefix(line, "error: ") {
				answers[tz] = line
			}
		}
	}
	want := answers["UTC"]
	if !strings.Contains(want, "00:00 UTC") {
		t.Fatalf("under UTC: %q", want)
	}
	for tz, got := range answers {
		if got != want {
			t.Errorf("TZ=%s answered %q, UTC %q", tz, got, want)
		}
	}
}
