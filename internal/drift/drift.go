package drift

import (
	"math"
	"math/big"
)

// Value is the drift of one value from the reference's.
type Value struct {
	// Diff is the exact difference x - ref (nil when either is missing).
	Diff *big.Rat
	// Abs and Rel are |x - ref| and |x - ref| / |ref| as float64: Rel is
	// 0 when both are 0 and +Inf when only ref is; both are NaN when
	// either value is missing.
	Abs, Rel float64
}

// Compare returns the drift of x from ref.
func Compare(x, ref *big.Rat) Value {
	if x == nil || ref == nil {
		return Value{Abs: math.NaN(), Rel: math.NaN()}
	}
	d := new(big.Rat).Sub(x, ref)
	abs := new(big.Rat).Abs(d)
	a, _ := abs.Float64()
	v := Value{Diff: d, Abs: a}
	switch {
	case d.Sign() == 0:
	case ref.Sign() == 0:
		v.Rel = math.Inf(1)
	default:
		v.Rel, _ = new(big.Rat).Quo(abs, new(big.Rat).Abs(ref)).Float64()
	}
	return v
}

// Curve compares two series of values session by session: two equity
// curves over the same sessions.
type Curve struct {
	// Sessions is the number of sessions compared, the shorter series'
	// length; Extra the number of sessions the longer one has beyond it.
	Sessions, Extra int
	// Differing counts the compared sessions whose values are not exactly
	// equal (a missing value differs from everything); First is the first
	// of them, -1 for none.
	Differing, First int
	// Missing counts the compared sessions where a value is missing on
	// either side; FirstMissing is the first of them, -1 for none.
	Missing, FirstMissing int
	// MaxAbs is the largest exact |x - ref| over the sessions with both
	// values (0 when there is none), first reached at MaxAbsAt (-1 when
	// no session has both values).
	MaxAbs   *big.Rat
	MaxAbsAt int
	// MaxRel is the largest relative difference (see Value.Rel) over the
	// sessions with both values, first reached at MaxRelAt (-1 likewise).
	MaxRel   float64
	MaxRelAt int
}

// CompareCurves compares x with the reference series ref, session by
// session.
func CompareCurves(x, ref []*big.Rat) Curve {
	n := min(len(x), len(ref))
	c := Curve{
		Sessions: n, Extra: max(len(x), len(ref)) - n,
		First: -1, FirstMissing: -1, MaxAbs: new(big.Rat), MaxAbsAt: -1, MaxRelAt: -1,
	}
	for i := range n {
		if x[i] == nil || ref[i] == nil {
			c.Missing++
			c.Differing++
			if c.FirstMissing < 0 {
				c.FirstMissing = i
			}
			if c.First < 0 {
				c.First = i
			}
			continue
		}
		v := Compare(x[i], ref[i])
		if v.Diff.Sign() != 0 {
			c.Differing++
			if c.First < 0 {
				c.First = i
			}
		}
		if abs := new(big.Rat).Abs(v.Diff); c.MaxAbsAt < 0 || abs.Cmp(c.MaxAbs) > 0 {
			c.MaxAbs, c.MaxAbsAt = abs, i
		}
		if c.MaxRelAt < 0 || v.Rel > c.MaxRel {
			c.MaxRel, c.MaxRelAt = v.Rel, i
		}
	}
	return c
}
