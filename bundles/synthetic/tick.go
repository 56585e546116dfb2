package synthetic

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/pennybt/penny/numeric"
)

// tick is a positive decimal with at most 8 decimals, held exactly as
// units * 10^-scale.
type tick struct {
	units int64
	scale int // 0..8
}

// parseTick reads plain decimal text ("0.01", "1", "0.00000001", "5").
func parseTick(s string) (tick, error) {
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > numeric.FixedDecimals {
		return tick{}, errors.New("more than 8 decimals: " + strconv.Quote(s))
	}
	digits := intPart + frac
	if digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return tick{}, errors.New("want a positive decimal such as 0.01, got " + strconv.Quote(s))
	}
	u, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || u <= 0 || u > 1e9 {
		return tick{}, errors.New("want a positive decimal below 1000000000, got " + strconv.Quote(s))
	}
	return tick{units: u, scale: len(frac)}, nil
}

// float returns the tick as the nearest float64.
func (t tick) float() float64 { return float64(t.units) / pow10[t.scale] }

// String returns the canonical text of the tick.
func (t tick) String() string {
	return numeric.FixedFromRaw(t.units * int64(pow10[numeric.FixedDecimals-t.scale])).String()
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8}

// maxTicks bounds a price in ticks so that ticks*units stays below 2^53
// (exact in float64) and the Fixed raw value below MaxFixed.
func (t tick) maxTicks() int64 {
	m := int64(MaxPrice) * int64(pow10[t.scale]) / t.units // MaxPrice / tick, exactly
	m = min(m, (1<<53)/t.units)
	m = min(m, math.MaxInt64/(t.units*int64(pow10[numeric.FixedDecimals-t.scale])))
	return m
}
