package execution

import "github.com/pennybt/penny/numeric"

// Usage tracks, for the bar being matched, the volume already filled per
// asset: the used argument of [Simulator.Match] and [Slippage]. It
// forgets everything when the bar index changes. The zero value is ready;
// it allocates only to grow to the largest asset ID seen and the number
// of assets filled in one bar.
type Usage[N numeric.Number[N]] struct {
	bar     int
	used    []N   // by asset ID
	touched []int // asset IDs with a non-zero used
}

// Used returns the volume of asset filled at bar so far.
func (u *Usage[N]) Used(asset, bar int) N {
	u.at(bar)
	if asset < 0 || asset >= len(u.used) {
		var z N
		return z
	}
	return u.used[asset]
}

// Add records that qty (signed or not: its magnitude counts) of asset
// filled at bar.
func (u *Usage[N]) Add(asset, bar int, qty N) {
	u.at(bar)
	if asset >= len(u.used) {
		u.used = append(u.used, make([]N, asset+1-len(u.used))...)
	}
	if u.used[asset].IsZero() {
		u.touched = append(u.touched, asset)
	}
	u.used[asset] = u.used[asset].Add(qty.Abs())
}

func (u *Usage[N]) at(bar int) {
	if bar == u.bar {
		return
	}
	var z N
	for _, a := range u.touched {
		u.used[a] = z
	}
	u.touched = u.touched[:0]
	u.bar = bar
}
