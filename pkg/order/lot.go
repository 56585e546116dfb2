package order

import (
	"fmt"

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

// lotCache keeps each asset's Lot, by asset ID, for the orders of a
// book: parsing the lot size text at every order cost more than the rest
// of placing it. An entry serves an asset of the same ID, class and lot
// size text only.
type lotCache[N numeric.Number[N]] struct {
	byID []cachedLot[N]
}

type cachedLot[N numeric.Number[N]] struct {
	set   bool
	class market.Class
	size  string
	lot   N
	err   error
}

// lot returns Lot(a), from the cache when it holds a's (a nil cache
// holds nothing).
func (c *lotCache[N]) lot(a market.Asset) (N, error) {
	if c == nil || a.ID < 0 {
		return Lot[N](a)
	}
	if a.ID < len(c.byID) {
		if e := &c.byID[a.ID]; e.set && e.class == a.Class && e.size == a.LotSize {
			return e.lot, e.err
		}
	}
	lot, err := Lot[N](a)
	if a.ID >= len(c.byID) {
		c.byID = append(c.byID, make([]cachedLot[N], a.ID+1-len(c.byID))...)
	}
	c.byID[a.ID] = cachedLot[N]{set: true, class: a.Class, size: a.LotSize, lot: lot, err: err}
	return lot, err
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
// result is rounded to the lot's decimals ([numeric.Number.TruncTo]). It
// panics (a bug) if lot is not positive.
func TruncLot[N numeric.Number[N]](q, lot N) N {
	if lot.Sign() <= 0 {
		panic(fmt.Sprintf("order: TruncLot with lot %s", lot))
	}
	return q.TruncTo(lot)
}
