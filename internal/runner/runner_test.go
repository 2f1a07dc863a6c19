package runner

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
	"github.com/forerunner-project/forerunner/internal/evidence"
)

func runInputs(t *testing.T) []string {
	t.Helper()
	valid, err := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	if err != nil || len(valid) == 0 {
		t.Fatalf("no valid examples: %v", err)
	}
	// Each example once: the same document twice is a duplicate agency and
	// cycle, which the batch refuses (TestRunRefusesDuplicatesAndNamesInputs).
	return append(valid, "../../testdata/evidence/invalid/bad-date.yaml")
}

func TestRunEmitsEveryInputInOrder(t *testing.T) {
	e := loadMini(t)
	paths := runInputs(t)
	var got []*Outcome
	err := Run(context.Background(), e, evidence.FileInputs(paths), Options{Workers: 4}, func(o *Outcome) error {
		got = append(got, o)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(paths) {
		t.Fatalf("%d outcomes for %d inputs", len(got), len(paths))
	}
	for i, o := range got {
		invalid := filepath.Base(paths[i]) == "bad-date.yaml"
		if o.Index != i || o.Path != paths[i] || o.Valid() == invalid || (o.Err == nil && o.Result != nil && o.Result.Scored()) == invalid {
			t.Fatalf("outcome %d: index %d path %s valid %v err %v", i, o.Index, o.Path, o.Valid(), o.Err)
		}
		if o.Result == nil || o.Result.Provenance.EvidenceDigest != "sha256:"+o.Document.SHA256 ||
			*o.Result.Input != (engine.Input{Path: paths[i], Digest: "sha256:" + o.Document.SHA256}) {
			t.Fatalf("outcome %d: every input gets a result naming it: %+v", i, o.Result)
		}
		if invalid && (o.Result.Scored() || o.Result.Errors[0].Code != "E-DATE" || o.Result.Errors[0].Line == 0) {
			t.Fatalf("outcome %d: the invalid input's entry: %+v", i, o.Result.Errors)
		}
	}
}

func TestRunRefusesDuplicatesAndNamesInputs(t *testing.T) {
	e := loadMini(t)
	first := "../../testdata/evidence/valid/level1.yaml"
	paths := []string{first, "../../testdata/evidence/valid/level2.yaml", first}
	var got []*Outcome
	if err := Run(context.Background(), e, evidence.FileInputs(paths), Options{Workers: 2}, func(o *Outcome) error {
		got = append(got, o)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 2} {
		r := got[i].Result
		if !got[i].Refused() || r.Scored() || r.Errors[0].Code != "duplicate_agency_cycle" || r.Agency.ID != "AG-0101" {
			t.Fatalf("input %d: %+v", i, r)
		}
	}
	if !got[1].Result.Scored() || got[1].Refused() {
		t.Fatalf("input 1 is alone in its agency and cycle: %+v", got[1].Result)
	}
}

func TestRunStopsWhenEmitFails(t *testing.T) {
	e := loadMini(t)
	stop := errors.New("stop")
	emitted := 0
	err := Run(context.Background(), e, evidence.FileInputs(runInputs(t)), Options{Workers: 2}, func(*Outcome) error {
		emitted++
		if emitted == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || emitted != 3 {
		t.Fatalf("want the emit error after 3 outcomes, got %v after %d", err, emitted)
	}
}

func TestRunReturnsWhenTheCallerCancels(t *testing.T) {
	e := loadMini(t)
	ctx, cancel := context.WithCancel(context.Background())
	emitted := 0
	err := Run(ctx, e, evidence.FileInputs(runInputs(t)), Options{Workers: 2}, func(*Outcome) error {
		emitted++
		if emitted == 2 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("want context.Canceled, got %v after %d outcomes", err, emitted)
	}
}

// loadMini compiles the engine's two-item stand-in bundle.
func loadMini(t *testing.T) *engine.Engine {
	t.Helper()
	e, err := engine.Load(context.Background(), engine.LoadOptions{Path: "../engine/testdata/mini"}, engine.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// RunEach reads every input once and scores it with each engine; the batch
// is planned under each (the embedded bundle carries the previous cycle
// forward, the stand-in has no carried_forward rule).
func TestRunEachScoresEveryInputWithEveryEngine(t *testing.T) {
	full, err := engine.Load(context.Background(), engine.LoadOptions{}, engine.Options{InputValidated: true})
	if err != nil {
		t.Fatal(err)
	}
	engines := []*engine.Engine{full, loadMini(t)}
	paths := []string{"../../testdata/batch/a-2024.yaml", "../../testdata/batch/a-2025.yaml", "../../testdata/evidence/invalid/bad-date.yaml"}
	var got [][]*Outcome
	err = RunEach(context.Background(), engines, evidence.FileInputs(paths), Options{Workers: 2}, func(o []*Outcome) error {
		got = append(got, o)
		return nil
	})
	if err != nil || len(got) != len(paths) {
		t.Fatalf("%v: %d outcomes for %d inputs", err, len(got), len(paths))
	}
	for i, o := range got {
		if len(o) != 2 || o[0].Index != i || o[1].Index != i || o[0].Document != o[1].Document {
			t.Fatalf("input %d: want one outcome per engine sharing the document, got %+v", i, o)
		}
		for k, e := range engines {
			if o[k].Result.Provenance.BundleDigest != e.Provenance("").BundleDigest {
				t.Errorf("input %d, engine %d: scored by the wrong bundle", i, k)
			}
		}
	}
	carried := func(o *Outcome) bool {
		return slices.ContainsFunc(o.Result.Warnings, func(w engine.Warning) bool { return w.At == "/previous_cycle" })
	}
	if !carried(got[1][0]) || carried(got[1][1]) {
		t.Errorf("a-2025: previous_cycle carried under the embedded bundle only: %+v / %+v", got[1][0].Result.Warnings, got[1][1].Result.Warnings)
	}
	if got[2][0].Valid() || got[2][0].Result.Scored() || got[2][1].Result.Scored() {
		t.Errorf("the invalid input is scored by neither")
	}
}
