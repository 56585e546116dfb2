package order

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Lot returns the quantity increment of asset a: its LotSize parsed
// exactly into N, or, when LotSize is empty, 1 for an equity (whole
// shares) and 0.00000001 for a crypto asset (8 decimals, the finest
// quantity Fixed holds). It fails if LotSize is not a positive number
// that N holds exactly.
func Lot[N numeric.Number[N]](a market.Asset) (N, error) {
	var z N
	s := a.LotSize
	if s == "" {
		if a.Class == market.Crypto {
			s = "0.00000001"
		} else {
			s = "1"
		}
	}
	lot, err := numeric.Parse[N](s)
	if err != nil {
		return z, fmt.Errorf("order: asset %s: lot size: %w", a.Symbol, err)
	}
	if lot.Sign() <= 0 {
		return z, fmt.Errorf("order: asset %s: lot size %s is not positive", a.Symbol, s)
	}
	return lot, nil
}

// Quantity returns the quantity of an asset worth value at price, in
// whole lots: value/price cut to 8 decimals toward zero, then to a
// multiple of lot toward zero (see [TruncLot]; the first cut does not
// change the result when lot has at most 8 decimals). It is what
// OrderValue and OrderPercent order. Quantity returns zero if price is
// not positive; it panics (a bug) if lot is not positive.
//
// In Fixed and Decimal the result is exact; in Float the quotient may
// land just below a whole lot (9.999999999 shares) and lose it.
func Quantity[N numeric.Number[N]](value, price, lot N) N {
	if price.Sign() <= 0 {
		if lot.Sign() <= 0 {
			panic(fmt.Sprintf("order: Quantity with lot %s", lot))
		}
		var z N
		return z
	}
	return TruncLot(value.DivRound(price, 8, numeric.Down), lot)
}

// TruncLot returns q rounded toward zero to a whole multiple of lot,
// exactly in Fixed and Decimal (whatever the size of q/lot: no overflow).
// In Float, a quotient q/lot within 1e-9 (relative) of a whole number is
// taken as that number (so that 0.3 is 3 lots of 0.1, not 2), and the
// result is rounded to the lot's decimals. It panics (a bug) if lot is
// not positive.
func TruncLot[N numeric.Number[N]](q, lot N) N {
	if lot.Sign() <= 0 {
		panic(fmt.Sprintf("order: TruncLot with lot %s", lot))
	}
	switch qv := any(q).(type) {
	case numeric.Fixed: // want
		l := any(lot).(numeric.Fixed).Raw() // want
		r := qv.Raw()
		return any(numeric.FixedFromRaw(r - r%l)).(N)
	case numeric.Float: // want
		return any(truncLotFloat(qv, any(lot).(numeric.Float))).(N) // want
	}
	// Exact fallback for Decimal and any other backend: q/lot =
	// (qn/qd) / (ln/ld) = qn*ld / (qd*ln), truncated toward zero.
	rq, rl := rat(q), rat(lot)
	n := new(big.Int).Mul(rq.Num(), rl.Denom())
	d := new(big.Int).Mul(rq.Denom(), rl.Num())
	k := n.Quo(n, d)
	v := new(big.Rat).Mul(new(big.Rat).SetInt(k), rl)
	return fromRat[N](v)
}

func truncLotFloat(q, lot numeric.Float) numeric.Float {
	k := float64(q) / float64(lot)
	if r := math.Round(k); math.Abs(k-r) <= 1e-9*math.Max(1, math.Abs(k)) {
		k = r
	}
	v := numeric.Float(math.Trunc(k) * float64(lot))
	if _, frac, ok := strings.Cut(lot.String(), "."); ok && len(frac) <= 18 {
		v = v.Quantize(len(frac), numeric.HalfEven)
	}
	return v
}

// isMultiple reports whether q is a whole number of lots: exactly in
// Fixed and Decimal, to 1e-9 relative in Float.
func isMultiple[N numeric.Number[N]](q, lot N) bool {
	if f, ok := any(q).(numeric.Float); ok { // want
		l := float64(any(lot).(numeric.Float)) // want
		x := float64(f)
		d := math.Round(x/l)*l - x
		return math.Abs(d) <= 1e-9*math.Abs(x)
	}
	return TruncLot(q, lot).Cmp(q) == 0
}

// rat returns x as an exact big.Rat, read from its canonical text.
func rat[N numeric.Number[N]](x N) *big.Rat {
	r, ok := new(big.Rat).SetString(x.String())
	if !ok {
		panic(fmt.Sprintf("order: %q is not a decimal", x.String()))
	}
	return r
}

// fromRat returns the N holding v, whose denominator must be a power of
// ten N can hold (true of multiples of a lot of N).
func fromRat[N numeric.Number[N]](v *big.Rat) N {
	prec, exact := v.FloatPrec()
	if !exact {
		panic(fmt.Sprintf("order: %s is not a finite decimal", v))
	}
	x, err := numeric.Parse[N](v.FloatString(prec))
	if err != nil {
		panic(fmt.Sprintf("order: %v", err))
	}
	return x
}
