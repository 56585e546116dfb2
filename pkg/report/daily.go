package report

import (
	"fmt"
	"io"
	"strconv"
)

// dailyHeader is the header of daily.csv.
var dailyHeader = []string{"date", "portfolio_value", "cash", "positions_value", "pnl", "return",
	"gross_leverage", "net_leverage", "positions", "long", "short"}

// WriteDaily writes daily.csv: one row per session from the ledger's
// snapshots, with the columns date, portfolio_value, cash,
// positions_value, pnl, return, gross_leverage, net_leverage, positions,
// long, short. date is the session's date; portfolio_value, cash,
// positions_value, pnl (the change of the portfolio value over the
// session), long (>= 0) and short (<= 0) are exact in the backend;
// return, gross_leverage and net_leverage are the snapshot's float64
// figures; positions counts the positions held. A run with corporate
// actions has one more column, dividends: the dividend income accrued in
// the session (at its ex-dates), exact.
func (r *Report[N]) WriteDaily(w io.Writer) error {
	header := dailyHeader
	divs := len(r.Result.Actions) > 0
	if divs {
		header = append(header[:len(header):len(header)], "dividends")
	}
	c, err := newCSV(w, header...)
	if err != nil {
		return fmt.Errorf("report: daily.csv: %w", err)
	}
	for _, s := range r.Result.Snapshots {
		c.add(s.Session.Format(dateLayout))
		addNum(c, s.PortfolioValue)
		addNum(c, s.Cash)
		addNum(c, s.PositionsValue)
		addNum(c, s.PnL)
		c.add(formatFloat(s.Return))
		c.add(formatFloat(s.GrossLeverage))
		c.add(formatFloat(s.NetLeverage))
		c.add(strconv.Itoa(s.Positions))
		addNum(c, s.Long)
		addNum(c, s.Short)
		if divs {
			addNum(c, s.Dividends)
		}
		if err := c.end(); err != nil {
			return fmt.Errorf("report: daily.csv: %w", err)
		}
	}
	if err := c.flush(); err != nil {
		return fmt.Errorf("report: daily.csv: %w", err)
	}
	return nil
}
