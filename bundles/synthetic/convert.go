package synthetic

import (
	"fmt"

	"github.com/pennybt/penny/numeric"
)

// prices converts whole numbers of ticks to N exactly, with
// numeric.FromUnscaled: ticks*t is the decimal ticks*units * 10^-scale,
// with at most 8 places and below 2^53 units (maxTicks), so every backend
// holds it: Fixed and Decimal exactly (Decimal inline, allocating
// nothing), Float as the nearest float64 (the value numeric.Parse gives
// for its text).
func prices[N numeric.Number[N]](ticks []int64, t tick) []N {
	units := make([]int64, len(ticks))
	for i, x := range ticks {
		units[i] = x * t.units
	}
	out := make([]N, len(ticks))
	if i, err := numeric.FromUnscaled(out, units, t.scale); err != nil {
		panic(fmt.Sprintf("synthetic: price of %d ticks of %s: %v", ticks[i], t, err)) // maxTicks bounds every price
	}
	return out
}
