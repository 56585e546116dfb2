package metrics

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Transaction is one fill as the round-trip builder reads it: plain float64
// values, converted once from the ledger's exact numbers. Amount is signed:
// positive buys, negative sells. Commission is the cost paid for the fill,
// >= 0.
type Transaction struct {
	Time       time.Time
	Symbol     string
	Amount     float64
	Price      float64
	Commission float64
}

// RoundTrip is a position opened and closed again in one asset: the
// quantity that one closing transaction took off, matched first in, first
// out against the transactions that opened it.
type RoundTrip struct {
	Symbol string
	Open   time.Time // time of the oldest opening transaction matched
	Close  time.Time // time of the closing transaction
	// Amount is the quantity closed, signed by the direction of the trip:
	// positive for a long (bought, then sold), negative for a short.
	Amount float64
	// EntryPrice is the average price of the opening quantity matched,
	// weighted by quantity; ExitPrice is the closing transaction's price.
	EntryPrice, ExitPrice float64
	// Commission is the share of the commissions of the opening and closing
	// transactions that falls on this trip, pro rata to quantity.
	Commission float64
	// PnL is (ExitPrice - EntryPrice) * Amount - Commission.
	PnL float64
}

// Duration is Close - Open.
func (rt RoundTrip) Duration() time.Duration { return rt.Close.Sub(rt.Open) }

// Return is the trip's P&L over the capital it tied up at entry,
// PnL / |EntryPrice * Amount| (pyfolio's rt_returns, net of commission).
func (rt RoundTrip) Return() float64 { return rt.PnL / math.Abs(rt.EntryPrice*rt.Amount) }

// TransactionError reports a transaction RoundTrips cannot use, by its
// index in the input.
type TransactionError struct {
	Index  int
	Symbol string
	Field  string // "amount", "price", "commission" or "symbol"
	Value  float64
	Reason string
}

func (e *TransactionError) Error() string {
	return fmt.Sprintf("metrics: transaction %d (%s): %s %v: %s", e.Index, e.Symbol, e.Field, e.Value, e.Reason)
}

// lotTolerance is the fraction of a lot's original size below which what is
// left of it counts as nothing: float64 quantities such as 0.3 - 0.1 - 0.1
// - 0.1 leave residues of ~1e-17 that must not become round trips.
const lotTolerance = 1e-9

// lot is the open part of an opening transaction.
type lot struct {
	time       time.Time
	amount     float64 // signed, what is still open
	size       float64 // |amount| when opened, for lotTolerance
	price      float64
	commission float64 // commission per unit of quantity
}

// RoundTrips builds round trips from transactions, first in, first out, in
// the spirit of pyfolio's extract_round_trips. The rule, per symbol, taking
// the transactions in time order (stable: equal times keep input order):
//
//   - A transaction in the direction of the open position, or when flat,
//     opens a lot.
//   - A transaction against the open position closes the oldest lots first.
//     All the quantity one transaction closes makes ONE round trip: Open is
//     the time of the oldest lot it touches, EntryPrice the
//     quantity-weighted price of the parts of lots it takes, ExitPrice its
//     own price, Commission the lots' commissions and its own, each pro rata
//     to the quantity closed.
//   - What is left of a transaction after the position is closed opens a
//     lot in the other direction (the position flips), carrying its share of
//     the commission.
//   - Lots still open at the end make no round trip. (pyfolio closes them at
//     the last price first; to do so, append a closing transaction.)
//
// A quantity smaller than 1e-9 of its lot's original size is rounding
// residue and counts as zero. A zero amount is skipped. The result is in
// order of the closing transactions. An amount, price or commission that is
// NaN or infinite, a negative price or commission, or an empty symbol is an
// error naming the transaction.
func RoundTrips(txns []Transaction) ([]RoundTrip, error) {
	for i, t := range txns {
		if err := checkTransaction(i, t); err != nil {
			return nil, err
		}
	}
	order := make([]int, len(txns))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return txns[a].Time.Compare(txns[b].Time) })

	open := map[string][]lot{}
	var trips []RoundTrip
	for _, i := range order {
		t := txns[i]
		if t.Amount == 0 {
			continue
		}
		lots := open[t.Symbol]
		remaining := t.Amount
		perUnit := t.Commission / math.Abs(t.Amount)
		if len(lots) > 0 && math.Signbit(lots[0].amount) != math.Signbit(remaining) {
			rt := RoundTrip{Symbol: t.Symbol, Open: lots[0].time, Close: t.Time, ExitPrice: t.Price}
			var closed, cost, commission float64 // closed: unsigned quantity
			for len(lots) > 0 && remaining != 0 {
				l := &lots[0]
				q := math.Min(math.Abs(l.amount), math.Abs(remaining))
				closed += q
				cost += q * l.price
				commission += q * (l.commission + perUnit)
				l.amount = shrink(l.amount, q, l.size)
				remaining = shrink(remaining, q, math.Abs(t.Amount))
				if l.amount == 0 {
					lots = lots[1:]
				}
			}
			sign := -math.Copysign(1, t.Amount) // a sell closes a long
			rt.Amount = sign * closed
			rt.EntryPrice = cost / closed
			rt.Commission = commission
			rt.PnL = (rt.ExitPrice-rt.EntryPrice)*rt.Amount - commission
			trips = append(trips, rt)
		}
		if remaining != 0 {
			lots = append(lots, lot{time: t.Time, amount: remaining, size: math.Abs(remaining), price: t.Price, commission: perUnit})
		}
		if len(lots) == 0 {
			delete(open, t.Symbol)
		} else {
			open[t.Symbol] = lots
		}
	}
	return trips, nil
}

// shrink takes q off the magnitude of the signed amount a, snapping to zero
// what is left below lotTolerance of size.
func shrink(a, q, size float64) float64 {
	left := math.Abs(a) - q
	if left <= lotTolerance*size {
		return 0
	}
	return math.Copysign(left, a)
}

func checkTransaction(i int, t Transaction) error {
	bad := func(field string, v float64, reason string) error {
		return &TransactionError{Index: i, Symbol: t.Symbol, Field: field, Value: v, Reason: reason}
	}
	switch {
	case t.Symbol == "":
		return bad("symbol", 0, "empty symbol")
	case math.IsNaN(t.Amount) || math.IsInf(t.Amount, 0):
		return bad("amount", t.Amount, "not a finite number")
	case math.IsNaN(t.Price) || math.IsInf(t.Price, 0):
		return bad("price", t.Price, "not a finite number")
	case t.Price < 0:
		return bad("price", t.Price, "negative")
	case math.IsNaN(t.Commission) || math.IsInf(t.Commission, 0):
		return bad("commission", t.Commission, "not a finite number")
	case t.Commission < 0:
		return bad("commission", t.Commission, "negative")
	}
	return nil
}
