package dataportal

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestFactor: products of factors are exact, in int64 while they fit and
// in math/big beyond, against big.Rat.
func TestFactor(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for trial := range 200 {
		f, want := one(), big.NewRat(1, 1)
		for range 1 + rng.IntN(40) {
			n, d := int64(1+rng.IntN(1_000_000_000)), int64(1+rng.IntN(1_000_000_000))
			g := ratio(n, d)
			if rng.IntN(3) == 0 {
				g = fromRat(big.NewRat(n, d))
			}
			f.mul(g)
			want.Mul(want, big.NewRat(n, d))
			if f.rat().Cmp(want) != 0 {
				t.Fatalf("trial %d: %s, want %s", trial, f.rat(), want)
			}
		}
	}
	f := ratio(4, 2)
	if f.num != 2 || f.den != 1 || f.big != nil || f.isOne() || !one().isOne() {
		t.Errorf("ratio(4, 2) = %+v", f)
	}
}
