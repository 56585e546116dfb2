package ledger

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// RoundTrip is one position in one asset, from the fill that takes it
// away from zero to the fill that brings it back to zero or through it
// (see the package documentation, "Round trips"). Its P&L is the P&L the
// ledger realized on the asset while it was open, so it is exact in
// Fixed and Decimal and net of the commissions of its fills.
type RoundTrip[N numeric.Number[N]] struct {
	Asset market.Asset
	// Entry is the time of the fill that opened the trip, Exit that of
	// the fill that closed it (zero while Closed is false).
	Entry, Exit time.Time
	// Closed is false for a position still held after the last fill.
	Closed bool
	// Amount is the quantity the trip opened, signed by its direction
	// (> 0 long, < 0 short): the opening fill's amount (for a trip opened
	// by a flip, what the flip left beyond zero) plus every fill that
	// added to the position. A closed trip also closed that much.
	Amount N
	// Cost is what the trip added to the position's cost, signed like
	// Amount: the notionals and commissions of the opening and adding
	// fills (for a trip opened by a flip, the flip's notional less its
	// closing part, as Position.Cost).
	Cost N
	// Commission is the sum of the commissions of the trip's fills. A
	// flip's commission belongs to the trip it closes, as the ledger
	// charges it.
	Commission N
	// PnL is the P&L the ledger realized on the trip's fills: exact in
	// Fixed and Decimal, net of Commission. For a closed trip it is the
	// cash the trip moved, -(sum of its notionals) - Commission, with a
	// flip's closing part as its notional. For an open trip it is what
	// its partial closes realized so far.
	PnL N
}

// RoundTrips splits a transaction log into round trips by the ledger's
// own rule of average cost: it replays txs, in the order given (the
// order the ledger applied them, as Ledger.Transactions and
// engine.Result.Transactions hold them), through the same position
// arithmetic as Apply, without the cash or the account rules. Per asset
// (by asset ID):
//
//   - a fill on a flat position opens a trip;
//   - a fill in the trip's direction adds to it;
//   - a fill against it that leaves part of the position realizes P&L
//     in the trip, which stays open;
//   - a fill that brings the position to zero closes the trip, and one
//     that takes it through zero closes it (with all of the fill's
//     commission) and opens the next trip, in the other direction, with
//     the rest of the fill.
//
// The trips are in the order they were opened; trips still open at the
// end come with Closed false. Every P&L the ledger realizes falls in
// exactly one trip, so in Fixed and Decimal the trips' PnL add up
// exactly to the ledger's Realized (to each position's Realized per
// asset); in Float they agree to rounding. (In Float, fractional amounts
// that do not cancel exactly in binary leave a residue that the ledger
// holds as a position, and the trips follow it: a crypto position sold
// in pieces may stay open, or flip into a tiny trip, where Fixed and
// Decimal close it.)
//
// Like Apply, RoundTrips panics on a zero amount or a negative asset ID
// (the ledger never logs one), and with a *numeric.ArithmeticError if a
// Fixed value overflows.
func RoundTrips[N numeric.Number[N]](txs []Transaction[N]) []RoundTrip[N] {
	var (
		trips []RoundTrip[N]
		pos   []Position[N] // indexed by asset ID
		open  []int         // index in trips of the asset's open trip, -1 for none
	)
	for i := range txs {
		tx := &txs[i]
		id := tx.Asset.ID
		if tx.Amount.IsZero() || id < 0 {
			panic(fmt.Sprintf("ledger: RoundTrips: transaction %d of %s asset ID %d", i, tx.Amount, id))
		}
		for len(pos) <= id {
			pos = append(pos, Position[N]{})
			open = append(open, -1)
		}
		p := &pos[id]
		before := p.Amount
		notional := tx.Notional()
		pnl, realizes := trade(p, tx, notional)
		if before.IsZero() {
			open[id] = len(trips)
			trips = append(trips, RoundTrip[N]{Asset: tx.Asset, Entry: tx.Time, Amount: tx.Amount,
				Cost: p.Cost, Commission: tx.Commission})
			continue
		}
		rt := &trips[open[id]]
		rt.Commission = rt.Commission.Add(tx.Commission)
		if !realizes {
			rt.Amount = rt.Amount.Add(tx.Amount)
			rt.Cost = rt.Cost.Add(notional).Add(tx.Commission)
			continue
		}
		rt.PnL = rt.PnL.Add(pnl)
		if after := p.Amount; after.IsZero() || after.Sign() != before.Sign() {
			rt.Closed, rt.Exit = true, tx.Time
			open[id] = -1
			if !after.IsZero() {
				// The flip opens the next trip with the rest of the fill,
				// at the cost the ledger gives it, without commission.
				open[id] = len(trips)
				trips = append(trips, RoundTrip[N]{Asset: tx.Asset, Entry: tx.Time, Amount: after, Cost: p.Cost})
			}
		}
	}
	return trips
}
