package numeric

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestFixedRoundEstimateAgainstRat draws exact values (many of them on or
// next to a rounding boundary), estimates them in float64 with an error
// the test checks to be within the tolerance it passes, and requires that
// whenever RoundEstimate answers, it answers the exact rounding; and that
// it answers most of the values away from a boundary.
func TestFixedRoundEstimateAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	n := 100000
	if testing.Short() {
		n = 10000
	}
	answered, far := 0, 0
	for i := range n {
		d, mode := rng.IntN(11), allModes[rng.IntN(len(allModes))]
		var v *big.Rat
		switch i % 3 {
		case 0: // any value up to 1e4
			v = new(big.Rat).SetFrac64(rng.Int64N(1e12), 1e8+rng.Int64N(1e8))
		case 1: // on a boundary: a whole or a half unit at min(d, 8) decimals
			units := rng.Int64N(1e12)*2 + rng.Int64N(2)
			v = new(big.Rat).SetFrac(big.NewInt(units), new(big.Int).Lsh(pow10Int(min(d, FixedDecimals)), 1))
		default: // next to one: a boundary plus or minus 1e-12 of a unit
			units := new(big.Rat).SetFrac64(rng.Int64N(1e9)*2+rng.Int64N(2), 2)
			units.Add(units, new(big.Rat).SetFrac64(rng.Int64N(3)-1, 1e12))
			v = units.Quo(units, new(big.Rat).SetInt(pow10Int(min(d, FixedDecimals))))
		}
		if rng.IntN(2) == 0 {
			v.Neg(v)
		}
		tol := []float64{0, 1e-15, 1e-14, 1e-10}[rng.IntN(4)]
		f, _ := v.Float64()
		est := f * (1 + (rng.Float64()-0.5)*tol)
		// The promise the caller makes: |v - est| <= tol*|est|.
		diff := new(big.Rat).Sub(v, new(big.Rat).SetFloat64(est))
		limit := new(big.Rat).Mul(new(big.Rat).SetFloat64(tol), new(big.Rat).SetFloat64(math.Abs(est)))
		if diff.Abs(diff).Cmp(limit) > 0 {
			tol = 1e-15 // the float64 conversion of v alone is within 2^-53
			if diff.Cmp(new(big.Rat).Mul(new(big.Rat).SetFloat64(tol), new(big.Rat).SetFloat64(math.Abs(est)))) > 0 {
				continue
			}
		}
		want := refRound(v, min(d, FixedDecimals), mode)
		got, ok := RoundEstimate[Fixed](est, tol, d, mode)
		counted := i%3 == 0 && tol <= 1e-14
		if counted {
			far++
		}
		if !ok {
			continue
		}
		if counted {
			answered++
		}
		if fixedRat(got).Cmp(want) != 0 {
			t.Fatalf("RoundEstimate(%v, %g, %d, %v) of %s = %v, want %s", est, tol, d, mode, v.FloatString(20), got, want.FloatString(8))
		}
		units := new(big.Rat).Mul(v, new(big.Rat).SetInt(pow10Int(min(d, FixedDecimals))))
		if half := mode == HalfEven || mode == HalfUp; i%3 == 1 && half != units.IsInt() {
			// The estimate of a boundary cannot tell which way it rounds.
			t.Fatalf("RoundEstimate(%v, %g, %d, %v) answered %v for the boundary %s", est, tol, d, mode, got, v.FloatString(20))
		}
	}
	if answered < far*9/10 {
		t.Fatalf("RoundEstimate answered %d of %d values away from boundaries", answered, far)
	}
}

// TestRoundEstimateBackends checks the other backends' rules and Fixed's
// refusals: Float rounds the estimate itself, Decimal never answers,
// Fixed refuses what it cannot hold or bound.
func TestRoundEstimateBackends(t *testing.T) {
	rng := rand.New(rand.NewPCG(53, 54))
	for range 1000 {
		est := rng.NormFloat64() * 1e3
		d, mode := rng.IntN(19), allModes[rng.IntN(len(allModes))]
		if got, ok := RoundEstimate[Float](est, 1e-14, d, mode); !ok || got != Float(est).Quantize(d, mode) {
			t.Fatalf("float RoundEstimate(%v, %d, %v) = %v, %v", est, d, mode, got, ok)
		}
		if _, ok := RoundEstimate[Decimal](est, 0, d, mode); ok {
			t.Fatalf("decimal RoundEstimate(%v) answered", est)
		}
	}
	refused := []struct {
		name     string
		est, tol float64
	}{
		{"nan", math.NaN(), 0},
		{"inf", math.Inf(1), 0},
		{"nan tolerance", 1.3, math.NaN()},
		{"inf tolerance", 1.3, math.Inf(1)},
		{"wide tolerance", 1.3, 0.1},
		{"beyond range", 1e11, 0},
		{"beyond 2^62 units", -5e10, 0},
	}
	for _, tt := range refused {
		if got, ok := RoundEstimate[Fixed](tt.est, tt.tol, 8, HalfEven); ok {
			t.Errorf("%s: RoundEstimate(%v, %v) = %v, want no answer", tt.name, tt.est, tt.tol, got)
		}
	}
	if got, ok := RoundEstimate[Fixed](90000000000.4, 0, 0, HalfEven); !ok || got != Int[Fixed](9e10) {
		t.Errorf("RoundEstimate(90000000000.4, 0 decimals) = %v, %v", got, ok)
	}
}
