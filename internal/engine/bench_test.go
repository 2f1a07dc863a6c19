package engine

import (
	"context"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/forerunner-project/forerunner/internal/evidence"
)

// BenchmarkEvalExample scores the shipped example with the embedded bundle:
// conversion of the input, evaluation, decoding and the sum check.
// BenchmarkEvalExample/full is the decision a stock OPA serves (it validates
// the input itself); /validated is what eval queries after validating in Go.
func BenchmarkEvalExample(b *testing.B) {
	for _, validated := range []bool{false, true} {
		name := map[bool]string{false: "full", true: "validated"}[validated]
		b.Run(name, func(b *testing.B) { benchEvalExample(b, Options{InputValidated: validated}) })
	}
}

func benchEvalExample(b *testing.B, opts Options) {
	e, err := Load(context.Background(), LoadOptions{}, opts)
	if err != nil {
		b.Fatal(err)
	}
	doc, diags := evidence.LoadFile("../../testdata/evidence/valid/example.yaml", evidence.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(context.Background(), doc.Value, ""); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadAndCompile is the cold start of the embedded bundle, as eval does it.
func BenchmarkLoadAndCompile(b *testing.B) {
	for b.Loop() {
		if _, err := Load(context.Background(), LoadOptions{WithoutTests: true}, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeResult is the host's share of an evaluation: the decision
// value into the Go result types, plus the sum check.
func BenchmarkDecodeResult(b *testing.B) {
	e, err := Load(context.Background(), LoadOptions{WithoutTests: true}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	doc, diags := evidence.LoadFile("../../testdata/evidence/valid/example.yaml", evidence.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	value, err := ast.InterfaceToValue(doc.Value)
	if err != nil {
		b.Fatal(err)
	}
	decision, err := e.evalValue(context.Background(), value)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		r, err := decodeResult(decision)
		if err != nil {
			b.Fatal(err)
		}
		if err := CheckResult(r, e.Model()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkInputConversion is the evidence value into OPA's AST, done once
// per document before evaluation.
func BenchmarkInputConversion(b *testing.B) {
	doc, diags := evidence.LoadFile("../../testdata/evidence/valid/example.yaml", evidence.Options{})
	if diags.HasErrors() {
		b.Fatal(diags)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ast.InterfaceToValue(doc.Value); err != nil {
			b.Fatal(err)
		}
	}
}
