package report

import (
	"fmt"
	"io"
	"strconv"
)

// actionsHeader is the header of actions.csv.
var actionsHeader = []string{"time", "symbol", "type", "event", "ratio", "amount", "target",
	"cash", "receivable", "realized", "position_before", "position_after", "target_before", "target_after",
	"orders_rescaled", "orders_cancelled"}

// WriteActions writes actions.csv: every effect of a corporate action on
// the run, in the order applied (a cash dividend has two rows, its
// accrual at the ex-date and its payment). time is the open of the
// session it applied at; type the action's type; event what it did to the
// ledger (split, dividend, payment, exchange, distribution, close);
// ratio, amount and target the action's values as its source gave them;
// cash the cash it moved, receivable the change of the dividends
// receivable, realized the P&L it realized (all exact); position_before
// and position_after the amounts of the symbol, target_before and
// target_after those of the target; and the open orders it rescaled or
// cancelled. A run without actions writes the header only.
func (r *Report[N]) WriteActions(w io.Writer) error {
	c, err := newCSV(w, actionsHeader...)
	if err != nil {
		return fmt.Errorf("report: actions.csv: %w", err)
	}
	for _, a := range r.Result.Actions {
		ev := a.Event
		ratio, amount, target := a.Action.Values()
		c.add(formatTime(ev.Time))
		c.add(ev.Asset.Symbol)
		c.add(a.Action.Type.String())
		c.add(ev.Kind.String())
		c.add(ratio)
		c.add(amount)
		c.add(target)
		addNum(c, ev.Cash)
		addNum(c, ev.Receivable)
		addNum(c, ev.Realized)
		addNum(c, ev.Before)
		addNum(c, ev.After)
		switch {
		case target != "" && ev.Transfer != nil:
			addNum(c, ev.TargetBefore)
			addNum(c, ev.TargetAfter)
		case target != "": // a stock dividend of its own symbol, a split
			var zero N
			addNum(c, zero)
			addNum(c, zero)
		default:
			c.add("")
			c.add("")
		}
		c.add(strconv.Itoa(a.Rescaled))
		c.add(strconv.Itoa(a.Cancelled))
		if err := c.end(); err != nil {
			return fmt.Errorf("report: actions.csv: %w", err)
		}
	}
	if err := c.flush(); err != nil {
		return fmt.Errorf("report: actions.csv: %w", err)
	}
	return nil
}
