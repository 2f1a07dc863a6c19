package runner

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
)

// Attack 11: --workers 100000 made 1,532 of 2,000 documents time out, each
// evaluation's wall-clock time stretched by its siblings. Workers are bounded
// by the CPUs Go uses, so no more evaluations run than there are CPUs.
func TestWorkersAreBoundedByGOMAXPROCS(t *testing.T) {
	cpus := runtime.GOMAXPROCS(0)
	for requested, want := range map[int]int{0: cpus, -3: cpus, 1: 1, cpus: cpus, 100_000: cpus} {
		if got := Workers(requested); got != want {
			t.Errorf("Workers(%d) = %d, want %d", requested, got, want)
		}
	}
}

// Attack 9: --timeout bounded only the OPA evaluation; loading and
// validating a large document ran past it. The timeout now covers the whole
// per-document pipeline: a document whose loading alone outlasts it is
// reported as timed out, with the message for the whole pipeline.
func TestTimeoutCoversLoadingAndValidation(t *testing.T) {
	e, err := engine.Load(context.Background(), engine.LoadOptions{Path: "../engine/testdata/mini"}, engine.Options{Timeout: 5_000_000})
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/big.yaml"
	if err := os.WriteFile(path, largeEvidence(t, 6<<20), 0o644); err != nil {
		t.Fatal(err)
	}
	var got *Outcome
	err = Run(context.Background(), e, evidence.FileInputs([]string{path}), Options{Workers: 1}, func(o *Outcome) error {
		got = o
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var engineErr *engine.Error
	if !errors.As(got.Err, &engineErr) || engineErr.Code != engine.CodeEvalTimeout ||
		!strings.Contains(engineErr.Msg.EN, "reading, validating and scoring") || got.Document == nil {
		t.Fatalf("outcome: err %v, diagnostics %d", got.Err, len(got.Diagnostics))
	}
}

// largeEvidence is a valid-looking YAML document of about size bytes: the
// example with its led_categories repeated.
func largeEvidence(t *testing.T, size int) []byte {
	t.Helper()
	data, err := os.ReadFile("../../testdata/evidence/valid/example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	b.WriteString("led_categories:\n")
	for b.Len() < size {
		b.WriteString("      - 电冰箱类别名称\n")
	}
	return []byte(strings.Replace(string(data), "led_categories: [电冰箱, 洗衣机]", b.String(), 1))
}
