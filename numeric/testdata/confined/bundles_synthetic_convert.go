package synthetic

import (
	"strconv"

	"github.com/pennybt/penny/numeric"
)

// prices converts whole numbers of ticks to N exactly: ticks*t is a
// decimal with at most 8 places, below 2^53 units.
//
//   - Fixed: the raw value ticks * units * 10^(8-scale), no rounding.
//   - Float: float64(ticks*units) / 10^scale, two exact operands and one
//     correctly rounded division: the float64 nearest to the decimal, the
//     value numeric.Parse gives for its text.
//   - Decimal, and any other backend: the decimal text read by
//     numeric.Parse, exact; equal tick counts share one value (values of a
//     numeric.Number are immutable), so each distinct price is parsed once.
func prices[N numeric.Number[N]](ticks []int64, t tick) []N {
	out := make([]N, len(ticks))
	switch d := any(out).(type) {
	case []numeric.Fixed: // want
		m := t.units * int64(pow10[numeric.FixedDecimals-t.scale])
		for i, x := range ticks {
			d[i] = numeric.FixedFromRaw(x * m)
		}
	case []numeric.Float: // want
		p := pow10[t.scale]
		for i, x := range ticks {
			d[i] = numeric.Float(float64(x*t.units) / p)
		}
	default:
		// Each distinct value is parsed once and shared: values of a
		// numeric.Number are immutable.
		var buf []byte
		seen := make(map[int64]N)
		for i, x := range ticks {
			v, ok := seen[x]
			if !ok {
				buf = appendDecimal(buf[:0], x*t.units, t.scale)
				v = numeric.MustParse[N](string(buf))
				seen[x] = v
			}
			out[i] = v
		}
	}
	return out
}

// appendDecimal appends u * 10^-scale (u >= 0) as decimal text.
func appendDecimal(b []byte, u int64, scale int) []byte {
	s := strconv.FormatInt(u, 10)
	if scale == 0 {
		return append(b, s...)
	}
	for len(s) <= scale {
		s = "0" + s
	}
	b = append(b, s[:len(s)-scale]...)
	b = append(b, '.')
	return append(b, s[len(s)-scale:]...)
}
