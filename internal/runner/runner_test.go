package runner

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
)

func runInputs(t *testing.T) []string {
	t.Helper()
	valid, err := filepath.Glob("../../testdata/evidence/valid/*.yaml")
	if err != nil || len(valid) == 0 {
		t.Fatalf("no valid examples: %v", err)
	}
	var paths []string
	for i := 0; i < 4; i++ {
		paths = append(paths, valid...)
		paths = append(paths, "../../testdata/evidence/invalid/bad-date.yaml")
	}
	return paths
}

func TestRunEmitsEveryInputInOrder(t *testing.T) {
	e := loadMini(t)
	paths := runInputs(t)
	var got []*Outcome
	err := Run(context.Background(), e, paths, Options{Workers: 4}, func(o *Outcome) error {
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
		if !invalid && o.Result.Provenance.EvidenceDigest != "sha256:"+o.Document.SHA256 {
			t.Fatalf("outcome %d: evidence digest %s", i, o.Result.Provenance.EvidenceDigest)
		}
	}
}

func TestRunStopsWhenEmitFails(t *testing.T) {
	e := loadMini(t)
	stop := errors.New("stop")
	emitted := 0
	err := Run(context.Background(), e, runInputs(t), Options{Workers: 2}, func(*Outcome) error {
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
	err := Run(ctx, e, runInputs(t), Options{Workers: 2}, func(*Outcome) error {
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
