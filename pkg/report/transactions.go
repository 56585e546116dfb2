package report

import (
	"fmt"
	"io"
)

// transactionsHeader is the header of transactions.csv.
var transactionsHeader = []string{"time", "symbol", "amount", "price", "commission", "order_id", "reference_price", "slippage"}

// WriteTransactions writes transactions.csv: every fill of the run, in
// the order the ledger booked them, with the columns time, symbol,
// amount, price, commission, order_id, reference_price, slippage. time is
// the fill's bar stamp; amount is signed (> 0 bought, < 0 sold);
// reference_price is the price the matching rules chose from the bar
// before the slippage model moved it (empty when unknown: a transaction
// not made by execution.Simulator), slippage what the fill cost beyond
// it (ledger.Transaction.Slippage: > 0 a cost); amount, price,
// commission, reference_price and slippage are exact in the backend.
func (r *Report[N]) WriteTransactions(w io.Writer) error {
	c, err := newCSV(w, transactionsHeader...)
	if err != nil {
		return fmt.Errorf("report: transactions.csv: %w", err)
	}
	for _, t := range r.Result.Transactions {
		c.add(formatTime(t.Time))
		c.add(t.Asset.Symbol)
		addNum(c, t.Amount)
		addNum(c, t.Price)
		addNum(c, t.Commission)
		c.add(t.OrderID.String())
		if t.Reference.IsZero() {
			c.add("")
		} else {
			addNum(c, t.Reference)
		}
		addNum(c, t.Slippage())
		if err := c.end(); err != nil {
			return fmt.Errorf("report: transactions.csv: %w", err)
		}
	}
	if err := c.flush(); err != nil {
		return fmt.Errorf("report: transactions.csv: %w", err)
	}
	return nil
}
