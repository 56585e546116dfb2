// Package ledger keeps the account of a run: cash, positions, the
// transaction log, and a snapshot per session. In the Fixed and Decimal
// backends every value it holds is exact or rounded by the rules below,
// so the two backends agree digit for digit and a test recomputes the
// whole ledger from its transaction log with math/big and finds the same
// digits.
//
// # Flow
//
// The engine asks [Ledger.Check] whether a fill passes the account's
// rules ([Account]: a cash account by default, optionally shorting and a
// maximum gross leverage); if not, it rejects the order with the reason
// returned. Otherwise [Ledger.Apply] records the [Transaction].
// ([Ledger.TryApply] does both in one pass, as the engine calls it.)
// When a value is needed (a check of leverage, the strategy asking for
// its portfolio value, the end of a session) the engine sets the held
// assets' prices ([Ledger.UpdatePrice], [Ledger.MarkToMarket]) and values
// the ledger ([Ledger.Valuation], [Ledger.Snapshot]).
//
// The arithmetic of Apply, Check, TryApply, UpdatePrice and Snapshot's
// sums runs as concrete code for each backend (functions marked
// //penny:specialize, taken once by [New]): a method call on a type
// parameter goes through a dictionary and is never inlined.
//
// # Rounding: where and how
//
// Every product or quotient the ledger computes is rounded once, to 8
// decimals, half-even (the precision of Fixed), from the exact result:
//
//   - a trade's notional, Amount*Price ([Transaction.Notional]);
//   - a position's value, Amount*LastPrice;
//   - the cost removed by a partial close, Cost*|closed|/|Amount|;
//   - in a fill that flips a position through zero, the notional of the
//     closing part, -Amount*Price (the opening part's cost is the rest of
//     the fill's notional, so the parts add up exactly);
//   - the leverage bound MaxLeverage*value, and the display-only
//     [Position.CostBasis].
//
// Everything else is sums and differences, exact in Fixed and Decimal:
// cash -= Notional + Commission; Cost and Realized move by exact amounts;
// the cost removed plus the cost remaining always equals the cost before.
// So the cash is always exact given the notionals, and the portfolio
// value always equals the starting cash plus Realized plus Unrealized.
// In Float the same rules are applied in binary floating point and
// drift; the tests measure how far.
//
// # Average cost
//
// As zipline does, a position's cost is its average cost, kept as the
// exact total Cost (signed like the amount) rather than a rounded price
// per share. Opening or increasing a position adds the fill's notional
// and commission to Cost. Reducing it removes the closed share of Cost
// (all of it on a full close) and realizes the proceeds less that cost
// and less the commission. A fill that flips the position through zero
// closes the whole position at the fill price, charging all of the
// fill's commission to the realized P&L, and opens the rest at the fill
// price. Realized P&L is thus net of every commission.
//
// # Round trips
//
// [RoundTrips] splits the transaction log into round trips by the same
// rule, replaying it through the arithmetic of Apply. A round trip is a
// position in one asset from the fill that takes it away from zero to
// the fill that brings it back to zero, or through zero: a flip closes
// the trip (its whole commission charged to it, as above) and opens the
// next one, in the other direction, with the rest of the fill. Fills in
// the trip's direction add to it; partial closes realize P&L in it and
// leave it open. A trip's P&L is the sum of what the ledger realized on
// its fills, so it is net of every commission of the trip (an opening
// commission is part of the cost, which comes out of the P&L as the
// position is closed), and the P&L of all the trips, open ones
// included, is the ledger's Realized, exactly in Fixed and Decimal. A
// closed trip's P&L is the cash it moved: the proceeds of its closing
// fills less the cost of its opening ones, commissions included. Unlike
// first-in-first-out matching, a partial close makes no trip of its own
// and the P&L of a trip does not depend on which shares were sold first
// (zipline keeps average cost too; backtrader's Trade opens and closes
// as a round trip does here, at average cost, but splits a flip's
// commission between the two trades pro rata to quantity).
//
// RoundTrips also replays the corporate action events between the fills,
// in the order the ledger applied them (Event.Seq), through the same
// arithmetic: a split keeps the trip open with its Amount multiplied by
// the ratio (bought 10, split 2:1, sold 20 is one trip), a stock merger
// or name change carries the trip to the target, a cash merger or
// delisting closes it, shares received open, add to or reduce the
// target's trip as a fill would; cash in lieu is P&L of the trip that
// held the shares, and a dividend accrues in the trip's Dividends (apart
// from its P&L, as the ledger keeps dividends apart from Realized). So
// the trips' P&L is still the ledger's Realized, exactly.
//
// # Valuation
//
// Positions are indexed by asset ID, and the ledger keeps a compact,
// sorted list of the assets held: valuation visits the held positions
// only, O(positions) whatever the size of the universe, and UpdatePrice,
// MarkToMarket and Valuation allocate nothing in Float and Fixed (Decimal
// allocates in its arithmetic, by design). Long and short exposure, gross
// and net follow zipline: Short <= 0, Gross = Long - Short, Net = Long +
// Short.
//
// # Panics
//
// Apply panics on a zero amount or a negative asset ID (bugs of the
// caller). A Fixed value leaving its range panics with a
// *numeric.ArithmeticError naming the operation, which the engine
// recovers and reports with the bar and order at fault. Nothing panics
// on a business outcome: Check refuses with a reason.
package ledger
