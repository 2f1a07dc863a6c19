package policy

import (
	"context"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/cover"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"
	"github.com/open-policy-agent/opa/v1/tester"
	"github.com/open-policy-agent/opa/v1/topdown"
	"github.com/open-policy-agent/opa/v1/topdown/lineage"
)

// TestOptions select what `policy test` prints.
type TestOptions struct {
	Verbose  bool   // list every test, as `opa test -v`
	Coverage bool   // add coverage per rule file
	Run      string // only tests whose name matches this regular expression
	// Timeout bounds each test; zero means DefaultTestTimeout.
	Timeout time.Duration
}

// DefaultTestTimeout bounds one Rego test unless TestOptions.Timeout says otherwise.
const DefaultTestTimeout = 30 * time.Second

// TestSummary counts the outcome of a test run.
type TestSummary struct {
	Pass, Fail, Error, Skip int
	Coverage                *cover.Report // set when TestOptions.Coverage
}

// OK reports whether every test that ran passed and at least one ran.
func (s TestSummary) OK() bool { return s.Fail == 0 && s.Error == 0 && s.Pass > 0 }

// Test runs the Rego tests of src with OPA's tester and writes a report like
// `opa test` (plus coverage when asked) to w.
func Test(ctx context.Context, src *Source, opts TestOptions, w io.Writer) (TestSummary, error) {
	store := inmem.NewFromObjectWithOpts(src.Data, inmem.OptRoundTripOnWrite(false))
	txn, err := store.NewTransaction(ctx, storage.WriteParams)
	if err != nil {
		return TestSummary{}, err
	}
	defer store.Abort(ctx, txn)

	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTestTimeout
	}
	var coverage *cover.Cover
	runner := tester.NewRunner().
		SetCompiler(engine.NewCompiler(nil).WithEnablePrintStatements(true)).
		SetStore(store).
		SetModules(src.Modules).
		CapturePrintOutput(true).
		EnableTracing(opts.Verbose).
		SetTimeout(timeout).
		Filter(opts.Run)
	if opts.Coverage {
		coverage = cover.New()
		runner = runner.SetCoverageQueryTracer(coverage)
	}
	results, err := runner.RunTests(ctx, txn)
	if err != nil {
		return TestSummary{}, err
	}

	var summary TestSummary
	counted := countResults(results, &summary, opts.Verbose)
	if err := (tester.PrettyReporter{Output: w, Verbose: opts.Verbose}).Report(counted); err != nil {
		return summary, err
	}
	if coverage != nil {
		report := ruleCoverage(coverage.Report(src.RuleModules()), src.RuleModules())
		summary.Coverage = &report
		writeCoverage(w, report)
	}
	return summary, nil
}

// countResults forwards results to the reporter while counting them the way
// `opa test` does (leaf sub-results count one each).
func countResults(in chan *tester.Result, s *TestSummary, verbose bool) chan *tester.Result {
	out := make(chan *tester.Result)
	go func() {
		defer close(out)
		for r := range in {
			tally(r, s)
			r.Trace = failureTrace(r.Trace, verbose)
			out <- r
		}
	}()
	return out
}

func tally(r *tester.Result, s *TestSummary) {
	switch {
	case r.Skip:
		s.Skip++
	case r.Error != nil:
		s.Error++
	case len(r.SubResults) > 0:
		for _, sub := range r.SubResults.Iter {
			if len(sub.SubResults) == 0 && sub.Fail {
				s.Fail++
			} else if len(sub.SubResults) == 0 {
				s.Pass++
			}
		}
	case r.Fail:
		s.Fail++
	default:
		s.Pass++
	}
}

// failureTrace keeps the notes and failures of a verbose run, as `opa test -v`.
func failureTrace(trace []*topdown.Event, verbose bool) []*topdown.Event {
	if !verbose {
		return nil
	}
	return lineage.Filter(trace, func(e *topdown.Event) bool {
		return e.Op == topdown.NoteOp || e.Op == topdown.FailOp
	})
}

// writeCoverage prints the percent covered per rule file and its uncovered
// line spans, then the overall figure.
func writeCoverage(w io.Writer, report cover.Report) {
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Coverage / 覆盖率:")
	for _, file := range slices.Sorted(maps.Keys(report.Files)) {
		fr := report.Files[file]
		fmt.Fprintf(w, "  %6.2f%%  %s", fr.Coverage, strings.TrimPrefix(file, "/"))
		if spans := lineSpans(fr.NotCovered); spans != "" {
			fmt.Fprintf(w, "  uncovered/未覆盖: %s", spans)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "  %6.2f%%  total/合计 (%d of %d lines)\n",
		report.Coverage, report.CoveredLines, report.CoveredLines+report.NotCoveredLines)
}

// ruleCoverage keeps only the rule files of report (tests cover themselves)
// and recomputes the totals over them.
func ruleCoverage(report cover.Report, rules map[string]*ast.Module) cover.Report {
	out := cover.Report{Files: map[string]*cover.FileReport{}}
	for file, fr := range report.Files {
		if _, ok := rules[file]; !ok {
			continue
		}
		out.Files[file] = fr
		out.CoveredLines += fr.CoveredLines
		out.NotCoveredLines += fr.NotCoveredLines
	}
	if total := out.CoveredLines + out.NotCoveredLines; total > 0 {
		out.Coverage = 100 * float64(out.CoveredLines) / float64(total)
	}
	return out
}

// lineSpans renders the rows of ranges as "11, 15-18".
func lineSpans(ranges []cover.Range) string {
	var rows []int
	for _, r := range ranges {
		for row := r.Start.Row; row <= r.End.Row; row++ {
			rows = append(rows, row)
		}
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, strconv.Itoa(rows[i]))
		} else {
			parts = append(parts, fmt.Sprintf("%d-%d", rows[i], rows[j]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
