package indicator

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

func TestZScoreCompareExact(t *testing.T) {
	backendtest.Run(t, testZScoreCompareByName)
}

// testZScoreCompare walks a random 2-decimal price series and, at every
// bar, checks Compare against the exact sign of z - t computed from the
// window with big.Rat: z < t iff n*x - sum < t*sqrt(n*sum(x^2) - sum^2).
// Fixed and Decimal must match exactly; Float away from exact ties.
//
//penny:backends
func testZScoreCompare[N numeric.Number[N]](t *testing.T) {
	const period = 20
	rng := rand.New(rand.NewPCG(4, 2))
	z, err := NewZScore[N](period)
	if err != nil {
		t.Fatal(err)
	}
	thresholds := []string{"-2", "-1.5", "-0.5", "0", "0.5", "2"}
	var ths []Threshold[N]
	for _, s := range thresholds {
		ths = append(ths, NewThreshold(numeric.MustParse[N](s)))
	}
	cents := int64(10000)
	var window []*big.Rat
	for i := range 5000 {
		cents += rng.Int64N(41) - 20
		if i%97 < 25 {
			cents = 10000 // runs of flat prices: ties and zero deviation
		}
		x := big.NewRat(cents, 100)
		window = append(window, x)
		if len(window) > period {
			window = window[1:]
		}
		if z.Push(numeric.MustParse[N](x.FloatString(2))) != (len(window) == period) {
			t.Fatalf("bar %d: ready wrong", i)
		}
		if len(window) < period {
			continue
		}
		sum, sq := new(big.Rat), new(big.Rat)
		for _, v := range window {
			sum.Add(sum, v)
			sq.Add(sq, new(big.Rat).Mul(v, v))
		}
		n := big.NewRat(period, 1)
		d := new(big.Rat).Sub(new(big.Rat).Mul(n, x), sum)
		v := new(big.Rat).Sub(new(big.Rat).Mul(n, sq), new(big.Rat).Mul(sum, sum))
		for j, ts := range thresholds {
			tr, _ := new(big.Rat).SetString(ts)
			var want int
			switch {
			case v.Sign() == 0:
				want = -tr.Sign()
			case (d.Sign() >= 0) != (tr.Sign() >= 0) || d.Sign() == 0 || tr.Sign() == 0:
				// Opposite signs (or a zero) decide.
				want = d.Sign() - tr.Sign()
				if want > 1 {
					want = 1
				} else if want < -1 {
					want = -1
				}
				if d.Sign() == 0 && tr.Sign() == 0 {
					want = 0
				}
			default:
				c := new(big.Rat).Mul(d, d).Cmp(new(big.Rat).Mul(new(big.Rat).Mul(tr, tr), v))
				if d.Sign() < 0 {
					c = -c
				}
				want = c
			}
			got := z.Compare(ths[j])
			if got != want {
				if numeric.Backend[N]() == "float" && want == 0 {
					continue // float rounding decides exact ties
				}
				t.Fatalf("bar %d, t=%s: Compare = %d, exact %d (d=%s v=%s)", i, ts, got, want, d.FloatString(4), v.FloatString(4))
			}
		}
	}
}

func TestZScoreCompareTies(t *testing.T) {
	backendtest.Run(t, testZScoreCompareTiesByName)
}

// testZScoreCompareTies checks Compare at exact ties, where no float64
// estimate may decide: over two values x1, x2 the z-score of x2 is
// exactly +1 or -1 (D = x2 - x1, V = D^2), at any magnitude of the
// prices and of the step, so Compare with +-1 must give 0 on its side and
// the strict answer on the other, and a threshold a step away (1 - 1e-4,
// 1 + 1e-4) the strict answer too.
//
//penny:backends
func testZScoreCompareTies[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	one, minusOne := NewThreshold(numeric.MustParse[N]("1")), NewThreshold(numeric.MustParse[N]("-1"))
	below, above := NewThreshold(numeric.MustParse[N]("0.9999")), NewThreshold(numeric.MustParse[N]("1.0001"))
	for _, scale := range []int64{1, 100, 10000, 1000000} {
		z, err := NewZScore[N](2)
		if err != nil {
			t.Fatal(err)
		}
		units := int64(5000000)
		for i := range 3000 {
			prev := units
			units += (rng.Int64N(201) - 100) * scale
			if rng.IntN(10) == 0 {
				units += rng.Int64N(3) - 1 // steps of 1e-4
			}
			x := numeric.MustParse[N](big.NewRat(units, 10000).FloatString(4))
			if !z.Push(x) {
				continue
			}
			if numeric.Backend[N]() == "float" {
				continue // float decides exact ties by its roundings
			}
			up := units - prev
			if up == 0 {
				// A flat pair: z = 0.
				if c := z.Compare(one); c != -1 {
					t.Fatalf("bar %d: flat pair, Compare(1) = %d", i, c)
				}
				continue
			}
			type check struct {
				th   Threshold[N]
				want int
			}
			checks := []check{{one, 0}, {minusOne, 1}, {below, 1}, {above, -1}}
			if up < 0 {
				checks = []check{{one, -1}, {minusOne, 0}}
			}
			for _, c := range checks {
				if got := z.Compare(c.th); got != c.want {
					t.Fatalf("scale %d bar %d (%d to %d): Compare(%s) = %d, want %d", scale, i, prev, units, c.th.Value(), got, c.want)
				}
			}
		}
	}
}
