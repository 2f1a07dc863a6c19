package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as the launcher, as the bench binary does.
func TestMain(m *testing.M) {
	if len(os.Args) > 2 && os.Args[1] == childFlag {
		os.Exit(runChild(os.Args[2:]))
	}
	os.Exit(m.Run())
}

// TestChildRSSIsTheChildsOwn: with 200 MiB resident here, a shell child must
// still report a small peak RSS (the launcher keeps ours out of its figure).
func TestChildRSSIsTheChildsOwn(t *testing.T) {
	ballast := make([]byte, 200<<20)
	for i := range ballast {
		ballast[i] = byte(i)
	}
	run, err := runProcess(context.Background(), nil, "sh", "-c", "true")
	if err != nil {
		t.Fatal(err)
	}
	if run.maxRSS <= 0 || run.maxRSS > 100<<20 {
		t.Fatalf("child peak RSS %d bytes, want a small positive figure", run.maxRSS)
	}
	if run.wall <= 0 {
		t.Fatal("no wall time")
	}
	_ = ballast[len(ballast)-1]
}

func TestRunProcessReportsFailure(t *testing.T) {
	var out strings.Builder
	_, err := runProcess(context.Background(), &out, "sh", "-c", "echo hello; echo oops >&2; exit 3")
	if err == nil || !strings.Contains(err.Error(), "oops") {
		t.Fatalf("err = %v, want the exit failure with stderr", err)
	}
	if out.String() != "hello\n" {
		t.Fatalf("stdout = %q", out.String())
	}
}

func TestMedian(t *testing.T) {
	if m := median([]time.Duration{5, 1, 3}); m != 3 {
		t.Fatalf("median odd = %v", m)
	}
	if m := median([]time.Duration{4, 1, 3, 2}); m != 2 {
		t.Fatalf("median even = %v (want (2+3)/2 = 2 in integer nanoseconds)", m)
	}
}

func TestWorstGrowth(t *testing.T) {
	linear := []scalePoint{{entities: 1, a: 10}, {entities: 10, a: 19}, {entities: 100, a: 109}, {entities: 1000, a: 1009}}
	if g, _ := worstGrowth(linear, func(p scalePoint) time.Duration { return p.a }); g > 10 {
		t.Fatalf("linear growth measured as %.1f×", g)
	}
	quadratic := []scalePoint{{entities: 10, a: 100}, {entities: 100, a: 10000}}
	if g, where := worstGrowth(quadratic, func(p scalePoint) time.Duration { return p.a }); g != 100 || where != "10→100" {
		t.Fatalf("quadratic growth = %.1f× at %s, want 100× at 10→100", g, where)
	}
}

func TestModesFillCounts(t *testing.T) {
	c, err := parseFlags([]string{"-mode", "full", "-sample", "7"})
	if err != nil {
		t.Fatal(err)
	}
	if c.docs != 2000 || c.cliSample != 7 || c.memDocs != 100000 || c.coldRuns < 10 {
		t.Fatalf("full mode config %+v", c)
	}
	if _, err := parseFlags([]string{"-cold", "3"}); err == nil {
		t.Fatal("accepted fewer than 10 cold-start runs")
	}
	if _, err := parseFlags([]string{"-mode", "huge"}); err == nil {
		t.Fatal("accepted an unknown mode")
	}
}

func TestDocsAtSpreadsTheBudget(t *testing.T) {
	c := config{docs: 300, scaleBudget: 3000}
	for n, want := range map[int]int{0: 300, 1: 300, 100: 30, 1000: 3, 100000: 3} {
		if got := c.docsAt(n); got != want {
			t.Errorf("docsAt(%d) = %d, want %d", n, got, want)
		}
	}
}

func TestTargetsVerdicts(t *testing.T) {
	r := newReport(config{memDocs: 10}, machine{}, time.Now())
	r.record("a1", 100, 120*time.Millisecond)
	r.record("a1", 100, 110*time.Millisecond) // the faster pass counts
	r.record("b1", 100, 100*time.Millisecond)
	r.rss["mem"] = 200 << 20
	verdict := map[string]target{}
	for _, t := range r.targets() {
		verdict[strings.Fields(t.name)[0]+" "+strings.Fields(t.name)[1]] = t
	}
	if v := verdict["host overhead"]; !v.known || !v.met || v.measured != "1.10" {
		t.Fatalf("host overhead verdict %+v", v)
	}
	if v := verdict["peak RSS"]; !v.known || v.met {
		t.Fatalf("200 MiB judged %+v", v)
	}
	if v := verdict["cold start"]; v.known {
		t.Fatalf("cold start judged without figures: %+v", v)
	}
}

func TestLineCounter(t *testing.T) {
	var l lineCounter
	l.Write([]byte("a\nb"))
	l.Write([]byte("\n\n"))
	if l.n != 3 {
		t.Fatalf("counted %d lines, want 3", l.n)
	}
}
