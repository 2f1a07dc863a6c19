package engine

import (
	"context"
	"testing"
)

// A what-if on an item's points re-derives the plan index, so that the plans
// offer the changed points; without a --set on the config nothing is derived.
func TestSetRefreshesThePlanIndex(t *testing.T) {
	b := embeddedForSet(t)
	if changed, err := b.RefreshPlanIndex(context.Background()); changed || err != nil {
		t.Fatalf("no --set: changed %v, %v", changed, err)
	}
	if err := b.ApplySettings([]Setting{{Path: "config.items.1.3.max", Value: "6"}}); err != nil {
		t.Fatal(err)
	}
	digest := b.DataDigest
	changed, err := b.RefreshPlanIndex(context.Background())
	if !changed || err != nil {
		t.Fatalf("changed %v, %v", changed, err)
	}
	moves := StoredPlanIndex(b.Data).(map[string]any)["moves"].(map[string]any)["1.3"].([]any)
	if len(moves) != 6 {
		t.Fatalf("1.3 with max 6 has %d moves, want one for each of 0 … 5", len(moves))
	}
	if b.DataDigest == digest {
		t.Fatal("the data digest does not cover the re-derived index")
	}
	derived, ok, err := DerivePlanIndex(context.Background(), b)
	if !ok || err != nil || !SamePlanIndex(derived, StoredPlanIndex(b.Data)) {
		t.Fatalf("the index is not in step after the refresh: %v, %v", ok, err)
	}
}
