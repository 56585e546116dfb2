package report

import (
	"fmt"
	"io"
)

// transactionsHeader is the header of transactions.csv.
var transactionsHeader = []string{"time", "symbol", "amount", "price", "commission", "order_id"}

// WriteTransactions writes transactions.csv: every fill of the run, in
// the order the ledger booked them, with the columns time, symbol,
// amount, price, commission, order_id. time is the fill's bar stamp;
// amount is signed (> 0 bought, < 0 sold); amount, price and commission
// are exact in the backend.
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
		if err := c.end(); err != nil {
			return fmt.Errorf("report: transactions.csv: %w", err)
		}
	}
	if err := c.flush(); err != nil {
		return fmt.Errorf("report: transactions.csv: %w", err)
	}
	return nil
}
