package ledger

import "github.com/pennybt/penny/numeric"

// UpdatePrice sets the price the asset is valued at (the engine passes
// each held asset's latest close) and revalues its position:
// Value = Amount*price rounded to 8 decimals half-even. An asset never
// traded is ignored. UpdatePrice allocates nothing in Float and Fixed.
func (l *Ledger[N]) UpdatePrice(asset int, price N) {
	if asset < 0 || asset >= len(l.positions) {
		return
	}
	l.k.reprice(l, &l.positions[asset], price)
}

// reprice is UpdatePrice on the position p, concrete per backend. A
// price equal to the last one leaves the position as it is: its Value is
// already Amount*price rounded (every change of Amount or LastPrice
// sets Value with it).
//
//penny:specialize
func reprice[N numeric.Number[N]](l *Ledger[N], p *Position[N], price N) {
	if price.Cmp(p.LastPrice) == 0 {
		return
	}
	p.LastPrice = price
	if !p.Amount.IsZero() {
		setValue(l, p, round8(p.Amount, price))
	}
}

// MarkToMarket calls UpdatePrice for every held asset for which price
// reports a price. It visits the held positions only: O(positions), not
// O(universe).
func (l *Ledger[N]) MarkToMarket(price func(asset int) (N, bool)) {
	for _, id := range l.held {
		if v, ok := price(id); ok {
			l.UpdatePrice(id, v)
		}
	}
}

// Valuation is the ledger valued at the positions' last prices. Long is
// the value of the long positions (>= 0), Short that of the short ones
// (<= 0), as zipline's long and short exposure; Gross = Long - Short,
// Net = Long + Short = PositionsValue.
type Valuation[N numeric.Number[N]] struct {
	Cash           N
	Receivable     N // dividends accrued and not yet paid
	PositionsValue N
	PortfolioValue N // Cash + Receivable + PositionsValue
	Long, Short    N
	Gross          N
	Cost           N // total cost of the positions held
	Unrealized     N // PositionsValue - Cost
	Positions      int
}

// Valuation values the ledger from running totals of the positions'
// Values and costs, kept as they change: O(1), exact in Fixed and Decimal
// (the same sums as adding the positions up). It allocates nothing in
// Float and Fixed.
func (l *Ledger[N]) Valuation() Valuation[N] {
	var v Valuation[N]
	v.Long, v.Short, v.Cost = l.long, l.short, l.cost
	v.Cash, v.Receivable = l.cash, l.recv
	v.PositionsValue = v.Long.Add(v.Short)
	v.PortfolioValue = l.cash.Add(l.recv).Add(v.PositionsValue)
	v.Gross = v.Long.Sub(v.Short)
	v.Unrealized = v.PositionsValue.Sub(v.Cost)
	v.Positions = len(l.held)
	return v
}

// PortfolioValue returns cash plus the receivables (dividends accrued,
// not yet paid) plus the value of the positions.
func (l *Ledger[N]) PortfolioValue() N { return l.cash.Add(l.recv).Add(l.PositionsValue()) }

// PositionsValue returns the value of the positions (net exposure).
func (l *Ledger[N]) PositionsValue() N { return l.long.Add(l.short) }

// Unrealized returns the unrealized P&L of the positions held.
func (l *Ledger[N]) Unrealized() N { return l.Valuation().Unrealized }
