package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
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
	if run.wall <= 0 || run.cpu < 0 {
		t.Fatalf("wall %v, CPU %v", run.wall, run.cpu)
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
	if c.docs != 1000 || c.cliSample != 7 || len(c.scales) != 4 || c.memDocs != 100000 || c.coldRuns < 10 {
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
	r.record("a1", pass{docs: 100, wall: 120 * time.Millisecond, cpu: 100 * time.Millisecond})
	r.record("a1", pass{docs: 100, wall: 110 * time.Millisecond, cpu: 130 * time.Millisecond}) // best of each counts
	r.record("b1", pass{docs: 100, wall: 100 * time.Millisecond, cpu: 50 * time.Millisecond})
	r.rss["mem"] = 200 << 20
	verdicts := map[string]target{}
	for _, t := range r.targets() {
		verdicts[strings.Fields(t.name)[0]+" "+strings.Fields(t.name)[1]] = t
	}
	if v := verdicts["host overhead"]; !v.wall.known || !v.wall.met || v.wall.measured != "1.10" {
		t.Fatalf("host overhead wall verdict %+v", v.wall)
	}
	if v := verdicts["host overhead"]; !v.cpu.known || v.cpu.met || v.cpu.measured != "2.00" {
		t.Fatalf("host overhead CPU verdict %+v", v.cpu)
	}
	if v := verdicts["peak RSS"]; !v.wall.known || v.wall.met {
		t.Fatalf("200 MiB judged %+v", v.wall)
	}
	if v := verdicts["cold start"]; v.wall.known {
		t.Fatalf("cold start judged without figures: %+v", v.wall)
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

func TestCPUTimesAdvance(t *testing.T) {
	before, server := selfCPU(), procCPU(os.Getpid())
	deadline := time.Now().Add(60 * time.Millisecond)
	for x := 0; time.Now().Before(deadline); x++ {
		_ = x * x
	}
	if selfCPU() <= before {
		t.Fatal("selfCPU did not advance over 60 ms of work")
	}
	if procCPU(os.Getpid()) < server {
		t.Fatal("procCPU went backwards")
	}
}

// The late-notice corpora of the cost phase: 24 changes per document.
func TestNoticeCorpusHasTwentyFourChanges(t *testing.T) {
	if s := noticeSize(); s.Standards*s.ChangesPerStandard != 24 {
		t.Fatalf("%d standards × %d changes", s.Standards, s.ChangesPerStandard)
	}
	if s := tenfold(); s.Models != 10*1200/10 || s.Enterprises != 60 {
		t.Fatalf("tenfold: %+v", s)
	}
}

func TestPreviousBundleIsExtractedFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed: the cost phase reports the failure itself")
	}
	dir := t.TempDir()
	path, err := previousBundle(context.Background(), "../..", "HEAD", dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(path, ".manifest")); err != nil {
		t.Fatalf("no bundle manifest under %s: %v", path, err)
	}
}

func TestCostTableJudgesTheTargets(t *testing.T) {
	r := newReport(config{previous: "abc"}, machine{}, time.Now())
	r.costCorpora = []costCorpus{{name: "typical", label: "typical", docs: make([]document, 10)}}
	for key, cpu := range map[string]time.Duration{
		costKey("previous", "typical"): 100, costKey("current", "typical"): 50,
		costKey("jsonl", "typical"): 70, costKey("server", "typical"): 100,
		costKey("current", "late"): 110, costKey("current", "next-day"): 100,
	} {
		r.record(key, pass{docs: 10, wall: cpu, cpu: cpu})
	}
	var b strings.Builder
	r.costTable(&b)
	for _, want := range []string{"| late / next-day notice | ≤ 1.15 | – | 1.10 met |", "0.50 met", "0.70 **missed**"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("cost table lacks %q:\n%s", want, b.String())
		}
	}
}

func TestHTMLTargets(t *testing.T) {
	r := newReport(config{docs: 1000}, machine{}, time.Now())
	r.record("html-jsonl", pass{docs: 1000, wall: 10 * time.Second, cpu: 10 * time.Second})
	r.record("html-html", pass{docs: 1000, wall: 25 * time.Second, cpu: 12 * time.Second})
	r.rss["html-jsonl"], r.rss["html-html"] = 100<<20, 110<<20
	var got []target
	for _, t := range r.targets() {
		if strings.HasPrefix(t.name, "html page:") {
			got = append(got, t)
		}
	}
	if len(got) != 3 {
		t.Fatalf("%d html targets, want 3", len(got))
	}
	if v := got[0]; v.wall.measured != "2.50×" || v.wall.met || v.cpu.measured != "1.20×" || !v.cpu.met {
		t.Errorf("time verdicts %+v / %+v", v.wall, v.cpu)
	}
	if v := got[1].wall; v.measured != "1.10×" || !v.met {
		t.Errorf("RSS verdict %+v", v)
	}
	if v := got[2].wall; v.known {
		t.Errorf("flatness judged without the tenth run: %+v", v)
	}
}

func TestImpactTargets(t *testing.T) {
	r := newReport(config{docs: 1000}, machine{}, time.Now())
	r.record("impact-jsonl", pass{docs: 1000, wall: 10 * time.Second, cpu: 10 * time.Second})
	r.record("impact", pass{docs: 1000, wall: 23 * time.Second, cpu: 17 * time.Second})
	r.live["impact"], r.live["impact-tenth"] = 36<<20, 30<<20
	var got []target
	for _, t := range r.targets() {
		if strings.HasPrefix(t.name, "impact:") {
			got = append(got, t)
		}
	}
	if len(got) != 2 {
		t.Fatalf("%d impact targets, want 2", len(got))
	}
	if v := got[0]; v.wall.measured != "2.30×" || v.wall.met || v.cpu.measured != "1.70×" || !v.cpu.met {
		t.Errorf("time verdicts %+v / %+v", v.wall, v.cpu)
	}
	if v := got[1].wall; v.measured != "1.20×" || !v.met {
		t.Errorf("live heap verdict %+v", v)
	}
	var h liveHeap
	h.Write([]byte("gc 4 @1.135s 5%: 6.2+95+0.008 ms clock, 12+27/49/0+0.016 ms cpu, 84->97->29 MB, 93 MB goal, 0 MB stacks, 0 MB globals, 2 P\ngc 5 @1.5s 9%: 0.4+284 ms clock, 123->147->4"))
	h.Write([]byte("0 MB, 147 MB goal\nnot a trace 1->2->300 MB\n"))
	if h.max != 40<<20 {
		t.Errorf("live heap from the GC trace: %d MiB, want 40", h.max>>20)
	}
}
