package synthetic

import "math"

const logNormalBits = 12

// logNormal holds the 4096 quantiles (i + 1/2) / 4096 of the log-normal
// distribution exp(0.5 Z), scaled to mean exactly 1: a volume factor is
// one of them, picked by 12 random bits, instead of an exp per bar. It is
// computed once and never written after.
var logNormal = func() *[1 << logNormalBits]float64 {
	var t [1 << logNormalBits]float64
	sum := 0.0
	for i := range t {
		q := (float64(i) + 0.5) / float64(len(t))
		z := math.Sqrt2 * math.Erfinv(2*q-1)
		t[i] = math.Exp(0.5 * z)
		sum += t[i]
	}
	for i := range t {
		t[i] *= float64(len(t)) / sum
	}
	return &t
}()
