package dataportal

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// half8 is r rounded to 8 decimals half-even, computed on its own here:
// the oracle of scaleRat.
func half8(r *big.Rat) *big.Rat {
	s := new(big.Rat).Mul(r, big.NewRat(100_000_000, 1))
	q, m := new(big.Int).QuoRem(s.Num(), s.Denom(), new(big.Int)) // truncated toward zero
	m.Abs(m).Lsh(m, 1)
	if c := m.Cmp(s.Denom()); c > 0 || (c == 0 && q.Bit(0) == 1) {
		q.Add(q, big.NewInt(int64(s.Sign())))
	}
	return new(big.Rat).SetFrac(q, big.NewInt(100_000_000))
}

// TestScaleRat: a price scaled by a factor beyond int64 is the exact
// product rounded once to 8 decimals half-even, in every backend (Float:
// the double nearest to that decimal), ties included.
func TestScaleRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	big1 := new(big.Int).Lsh(big.NewInt(1), 70)
	for trial := range 500 {
		text := big.NewRat(rng.Int64N(1e12)-5e11, 1e8).FloatString(8)
		n := new(big.Int).Add(big1, big.NewInt(rng.Int64N(1e9)))
		d := new(big.Int).Add(big1, big.NewInt(rng.Int64N(1e9)))
		factor := new(big.Rat).SetFrac(n, d)
		if trial%50 == 0 {
			factor.SetFrac64(1, 2) // ties: odd last digits halved
			text = "0.00000003"
		}
		x, _ := new(big.Rat).SetString(text)
		want := half8(new(big.Rat).Mul(x, factor))
		if got := scaleRat(numeric.MustParse[numeric.Fixed](text), factor); got.Rat().Cmp(want) != 0 {
			t.Fatalf("fixed %s x %s = %s, want %s", text, factor, got, want.FloatString(8))
		}
		if got := scaleRat(numeric.MustParse[numeric.Decimal](text), factor); got.Rat().Cmp(want) != 0 {
			t.Fatalf("decimal %s x %s = %s, want %s", text, factor, got, want.FloatString(8))
		}
		wf, _ := want.Float64()
		if got := scaleRat(numeric.MustParse[numeric.Float](text), factor); got.Float64() != wf {
			t.Fatalf("float %s x %s = %v, want %v", text, factor, got.Float64(), wf)
		}
	}
}
