package explain

import (
	"testing"

	"github.com/forerunner-project/forerunner/internal/engine"
)

func TestResolvePointer(t *testing.T) {
	doc := map[string]any{"a/b": []any{map[string]any{"~x": "v"}}}
	if v, ok := resolvePointer(doc, "/a~1b/0/~0x"); !ok || v != "v" {
		t.Fatalf("got %v %v", v, ok)
	}
	if _, ok := resolvePointer(doc, "/a~1b/1"); ok {
		t.Fatal("out of range must not resolve")
	}
}

func TestExplainPicksSubItems(t *testing.T) {
	r := &engine.Result{Items: []engine.Item{{ID: "1.1", Category: "basic", Max: 5}}}
	r.Items = append(r.Items, engine.Item{ID: "2.6.a", Category: "core", Max: 1}, engine.Item{ID: "2.6.b", Category: "core", Max: 1})
	exps, err := Gather(r, "2.6", nil, nil)
	if err != nil || len(exps) != 2 {
		t.Fatalf("got %d explanations, %v", len(exps), err)
	}
	if _, err := Gather(r, "9.9", nil, nil); err == nil {
		t.Fatal("an unknown item must be an error")
	}
}
