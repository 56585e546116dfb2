package dataportal

import (
	"fmt"
	"math"
	"math/big"
	"sort"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Adjust says how History adjusts past prices for the corporate actions
// applied so far. Current, Field, Last and fills always see the raw
// traded prices.
type Adjust uint8

const (
	// AdjustSplit (the default) divides prices before each split by its
	// ratio, and multiplies volumes by it, so that a window is a
	// continuous series in today's shares.
	AdjustSplit Adjust = iota
	// AdjustRaw leaves History as traded.
	AdjustRaw
	// AdjustAll also scales prices before each cash dividend by
	// (close - dividend) / close, the close before the ex-date (CRSP's
	// and zipline's rule).
	AdjustAll
)

func (a Adjust) String() string {
	switch a {
	case AdjustSplit:
		return "split"
	case AdjustRaw:
		return "raw"
	case AdjustAll:
		return "all"
	}
	return fmt.Sprintf("Adjust(%d)", uint8(a))
}

// ParseAdjust reads raw, split or all ("" is split).
func ParseAdjust(s string) (Adjust, error) {
	switch s {
	case "split", "":
		return AdjustSplit, nil
	case "raw":
		return AdjustRaw, nil
	case "all":
		return AdjustAll, nil
	}
	return 0, fmt.Errorf("unknown adjustment %q (want raw, split or all)", s)
}

// adjusted is the adjusted view of one asset's columns. Rows before
// bounds[j] are multiplied by the product of the price factors of the
// adjustments at bounds[j] and after (volumes by that of the volume
// factors): cum and vcum hold those products. cols holds, for rows
// [lo, hi), the values adjusted as of the latest adjustment, computed
// when a window first asks for them; every adjustment resets the range.
// Each row is computed at most once per adjustment, so a strategy's
// windows cost O(window) once per action, not per bar. The first
// inlineBounds bounds and products are held in the struct itself (bounds,
// cum and vcum start as its arrays): an asset's first actions allocate
// nothing beyond it.
type adjusted[N numeric.Number[N]] struct {
	bounds    []int32
	cum, vcum []factor
	cols      [market.NumFields][]N
	lo, hi    [market.NumFields]int

	boundsBuf       [inlineBounds]int32
	cumBuf, vcumBuf [inlineBounds]factor
}

// inlineBounds is the number of adjustments an asset's adjusted view
// holds without allocating (a split every few years, a quarterly dividend
// with adjust: all for half a year).
const inlineBounds = 2

// adjViewChunk is the number of adjusted views allocated at once.
const adjViewChunk = 16

// AddAdjustment records, at the current cursor, a corporate action of
// asset a: from now on, History scales the asset's rows before the
// current bar (the ex-date's) by price (open, high, low, close) and
// volume (volume); nil means 1. It is called by the engine at the open
// of the ex-date session, before the session's first bar, so no window
// is ever adjusted by an action after the current bar.
func (p *Portal[N]) AddAdjustment(a int, price, volume *big.Rat) {
	pf, vf := one(), one()
	if price != nil {
		pf = fromRat(price)
	}
	if volume != nil {
		vf = fromRat(volume)
	}
	p.addFactors(a, pf, vf)
}

// AddSplit is AddAdjustment for a split of newShares for oldShares (both
// positive): prices before it times oldShares/newShares, volumes times
// newShares/oldShares, without math/big.
func (p *Portal[N]) AddSplit(a int, newShares, oldShares int64) {
	if newShares <= 0 || oldShares <= 0 {
		panic("dataportal: a split ratio must be positive")
	}
	p.addFactors(a, ratio(oldShares, newShares), ratio(newShares, oldShares))
}

func (p *Portal[N]) addFactors(a int, price, volume factor) {
	if price.isOne() && volume.isOne() {
		return
	}
	if p.adj == nil {
		p.adj = make([]*adjusted[N], len(p.series))
	}
	st := p.adj[a]
	if st == nil {
		// Views are made adjViewChunk at a time (its columns as History
		// asks for them).
		if len(p.adjFree) == 0 {
			p.adjFree = make([]adjusted[N], min(adjViewChunk, len(p.series)))
		}
		st = &p.adjFree[0]
		p.adjFree = p.adjFree[1:]
		st.bounds, st.cum, st.vcum = st.boundsBuf[:0], st.cumBuf[:0], st.vcumBuf[:0]
		p.adj[a] = st
	}
	row := p.seen[a]
	// The products of the factors from each bound to the latest: every
	// one of them takes the new factor.
	for j := range st.cum {
		st.cum[j].mul(price)
		st.vcum[j].mul(volume)
	}
	if k := len(st.bounds); k == 0 || st.bounds[k-1] != row {
		// A new bound, whose product is the new factor (a second action at
		// the same row multiplied its bound's above). mul makes a new
		// big.Rat, never changing its operand's: the factors may share one.
		st.bounds = append(st.bounds, row)
		st.cum = append(st.cum, price)
		st.vcum = append(st.vcum, volume)
	}
	for f := range st.lo {
		st.lo[f], st.hi[f] = int(row), int(row)
	}
}

// adjustedWindow returns rows [start, end) of field f of asset a as
// adjusted, filling in what the view lacks.
func (p *Portal[N]) adjustedWindow(st *adjusted[N], a int, f market.Field, start, end int) []N {
	if st.cols[f] == nil {
		st.cols[f] = make([]N, p.series[a].Len())
	}
	col, raw := st.cols[f], p.cols[f][a]
	last := int(st.bounds[len(st.bounds)-1])
	if st.hi[f] < end { // rows at or after the latest bound are raw
		copy(col[st.hi[f]:end], raw[st.hi[f]:end])
		st.hi[f] = end
	}
	if start < st.lo[f] {
		j := sort.Search(len(st.bounds), func(j int) bool { return int(st.bounds[j]) > start })
		for i := start; i < min(st.lo[f], last); {
			for int(st.bounds[j]) <= i {
				j++
			}
			upto := min(int(st.bounds[j]), st.lo[f])
			factor := st.cum[j]
			if f == market.Volume {
				factor = st.vcum[j]
			}
			scale(col[i:upto], raw[i:upto], factor)
			i = upto
		}
		st.lo[f] = start
	}
	return col[start:end:end]
}

// scale sets dst[i] to src[i]*factor rounded once to 8 decimals,
// half-even. Small whole-number ratios go through the backend's own
// arithmetic (MulInt exact, one rounding division); anything else
// through math/big.
func scale[N numeric.Number[N]](dst, src []N, f factor) {
	if f.big == nil {
		num, den := f.num, f.den
		d := numeric.Int[N](den)
		if num < 1e6 && den < 1e12 {
			for i, x := range src {
				if math.Abs(x.Float64())*float64(num) < 1e10 {
					dst[i] = x.MulInt(num).DivRound(d, 8, numeric.HalfEven)
				} else {
					dst[i] = scaleRat(x, f.rat())
				}
			}
			return
		}
	}
	r := f.rat()
	for i, x := range src {
		dst[i] = scaleRat(x, r)
	}
}

func scaleRat[N numeric.Number[N]](x N, factor *big.Rat) N {
	r := numeric.TextRat(x)
	if r == nil {
		panic(fmt.Sprintf("dataportal: %q is not a decimal", x.String()))
	}
	r.Mul(r, factor)
	v, err := numeric.FromRat[N](r, 8, numeric.HalfEven)
	if err != nil {
		panic(&numeric.ArithmeticError{Backend: numeric.Backend[N](), Op: "adjust", Operands: []string{x.String(), factor.String()}, Err: numeric.ErrOverflow})
	}
	return v
}
