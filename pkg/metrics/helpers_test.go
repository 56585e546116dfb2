package metrics

import (
	"math"
	"math/rand/v2"
)

// Test series drawn from seeded PCG generators, so every run sees the same
// numbers.

func rng(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)) }

// gaussNoise returns n normal draws with mean 0 and deviation sd.
func gaussNoise(n int, sd float64, seed uint64) []float64 {
	r := rng(seed)
	out := make([]float64, n)
	for i := range out {
		out[i] = r.NormFloat64() * sd
	}
	return out
}

// sprinkleNaN returns a copy of xs with up to k values replaced by NaN.
func sprinkleNaN(xs []float64, k int, seed uint64) []float64 {
	r := rng(seed)
	out := append([]float64(nil), xs...)
	for range k {
		out[r.IntN(len(out))] = math.NaN()
	}
	return out
}

func mulSeries(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] * b[i]
	}
	return out
}

func addConst(a []float64, c float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] + c
	}
	return out
}

// correlated returns n pairs of normal draws with the given means,
// deviations and correlation.
func correlated(n int, meanR, sdR, meanB, sdB, corr float64, seed uint64) (ret, bench []float64) {
	r := rng(seed)
	ret = make([]float64, n)
	bench = make([]float64, n)
	k := math.Sqrt(1 - corr*corr)
	for i := range ret {
		z1, z2 := r.NormFloat64(), r.NormFloat64()
		bench[i] = meanB + sdB*z1
		ret[i] = meanR + sdR*(corr*z1+k*z2)
	}
	return ret, bench
}

// dailyReturns returns n daily returns with a drift and a few NaNs, the
// shape of a real strategy's series.
func dailyReturns(n int, seed uint64) []float64 {
	r := rng(seed)
	out := make([]float64, n)
	for i := range out {
		out[i] = 0.0004 + 0.012*r.NormFloat64()
	}
	return out
}
