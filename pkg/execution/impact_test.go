package execution

import (
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// TestImpactFastPathExact checks the float64 fast path of the volume-share
// price against the exact big-integer computation on random operands:
// whenever the fast path answers, it answers the exact rounding.
func TestImpactFastPathExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	answered := 0
	for i := range 200000 {
		price := numeric.FixedFromRaw(rng.Int64N(1e13) + 1)         // up to 100000
		k := numeric.FixedFromRaw(rng.Int64N(1e8) + 1)              // up to 1
		volume := numeric.FixedFromRaw((rng.Int64N(1e7) + 1) * 1e8) // whole shares
		total := numeric.FixedFromRaw(rng.Int64N(volume.Raw()/40 + 1))
		if i%7 == 0 {
			total = numeric.FixedFromRaw(rng.Int64N(volume.Raw() + 1)) // large shares
		}
		buy := rng.IntN(2) == 0
		want := impactExact(price, k, total, volume, buy)
		got, ok := impactFixedFast(price, k.Float64(), total.Float64(), volume.Float64(), buy)
		if !ok {
			continue
		}
		answered++
		if got != want {
			t.Fatalf("price %v k %v total %v volume %v buy %v: fast %v, exact %v", price, k, total, volume, buy, got, want)
		}
	}
	if answered < 150000 {
		t.Fatalf("the fast path answered only %d of 200000", answered)
	}
	// Ties go to the exact path: 0.5 raw units exactly.
	if _, ok := impactFixedFast(numeric.FixedFromRaw(1), 0.5, 1, 1, true); ok {
		t.Fatal("a value of exactly 1.5 raw units was rounded by the fast path")
	}
}
