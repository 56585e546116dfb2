package numeric

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestFloatMulRoundShortcut checks MulRound's shortcut for 8 decimals
// half-even (the ledger's rounding) against the general path, Quantize
// of the product, bit for bit: money-sized operands, exact ties at the
// 8th decimal, negative and zero products, and tiny and huge magnitudes.
func TestFloatMulRoundShortcut(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	cases := [][2]Float{{0, 1}, {-0.0, 1}, {0.000000005, 1}, {0.000000015, 1}, {-0.000000025, 1}, {1e-300, 1e-10}, {1e150, 1e150}, {123.456, -7}}
	for range 100000 {
		var x, y Float
		switch rng.IntN(4) {
		case 0: // a price with 2-4 decimals times a whole amount
			x = Float(float64(rng.IntN(10000000)) / math.Pow(10, float64(2+rng.IntN(3))))
			y = Float(rng.IntN(20001) - 10000)
		case 1: // a tie at the 8th decimal, or near one
			x = Float((float64(rng.IntN(1000000)) + 0.5) / 1e8)
			y = 1
		case 2:
			x, y = Float(rng.NormFloat64()*1e3), Float(rng.NormFloat64()*1e3)
		default:
			x, y = Float(math.Ldexp(rng.Float64(), rng.IntN(200)-100)), Float(-rng.Float64())
		}
		cases = append(cases, [2]Float{x, y})
	}
	for _, c := range cases {
		x, y := c[0], c[1]
		got, want := x.MulRound(y, 8, HalfEven), (x*y).Quantize(8, HalfEven)
		if math.Float64bits(float64(got)) != math.Float64bits(float64(want)) {
			t.Fatalf("MulRound(%v, %v, 8, HalfEven) = %v, Quantize of the product gives %v", x, y, got, want)
		}
	}
}
