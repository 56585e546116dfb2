package report

import (
	"fmt"
	"io"

	"github.com/pennybt/penny/pkg/order"
)

// ordersHeader is the header of orders.csv.
var ordersHeader = []string{"id", "created", "updated", "symbol", "type", "amount", "filled",
	"limit", "stop", "tif", "status", "reason"}

// WriteOrders writes orders.csv: every order placed, in placement order,
// with its final state and the columns id, created, updated, symbol, type,
// amount, filled, limit, stop, tif, status, reason. created is the bar
// it was placed at and updated its last fill, cancellation or rejection;
// amount and filled are signed and exact; limit and stop are exact, and
// empty for the order types without them; type, tif and status are the
// names package order gives them (market, gtc, filled...); reason says
// why an order was rejected or cancelled.
func (r *Report[N]) WriteOrders(w io.Writer) error {
	c, err := newCSV(w, ordersHeader...)
	if err != nil {
		return fmt.Errorf("report: orders.csv: %w", err)
	}
	for i := range r.Result.Orders {
		o := &r.Result.Orders[i]
		c.add(o.ID.String())
		c.add(formatTime(o.Created))
		c.add(formatTime(o.Updated))
		c.add(o.Asset.Symbol)
		c.add(o.Type.String())
		addNum(c, o.Amount)
		addNum(c, o.Filled)
		if o.Type == order.Limit || o.Type == order.StopLimit {
			addNum(c, o.LimitPrice)
		} else {
			c.add("")
		}
		if o.Type == order.Stop || o.Type == order.StopLimit {
			addNum(c, o.StopPrice)
		} else {
			c.add("")
		}
		c.add(o.TIF.String())
		c.add(o.Status.String())
		c.add(o.Reason)
		if err := c.end(); err != nil {
			return fmt.Errorf("report: orders.csv: %w", err)
		}
	}
	if err := c.flush(); err != nil {
		return fmt.Errorf("report: orders.csv: %w", err)
	}
	return nil
}
