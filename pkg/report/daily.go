package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
)

// dailyHeader is the header of daily.csv.
var dailyHeader = []string{"date", "portfolio_value", "cash", "positions_value", "pnl", "return",
	"gross_leverage", "net_leverage", "positions", "long", "short", "commission", "slippage", "traded"}

// WriteDaily writes daily.csv: one row per session from the ledger's
// snapshots, with the columns date, portfolio_value, cash,
// positions_value, pnl, return, gross_leverage, net_leverage, positions,
// long, short, commission, slippage, traded. date is the session's date;
// portfolio_value, cash, positions_value, pnl (the change of the
// portfolio value over the session), long (>= 0) and short (<= 0) are
// exact in the backend, and so are the session's costs and trading: the
// sums over its fills of their commissions, of their slippage
// (ledger.Transaction.Slippage) and of their |notional| (traded);
// return, gross_leverage and net_leverage are the snapshot's float64
// figures; positions counts the positions held. A run with corporate
// actions has one more column, dividends: the dividend income accrued in
// the session (at its ex-dates), exact.
//
// Then comes a column per series the strategy recorded with
// engine.Context.Record, in the order of their first value, headed by
// the series' name (by "record_" and the name when that is empty or
// already a column of daily.csv). Its cell is the last value recorded at
// or before the session's end, exact, carried over the sessions where
// the strategy records nothing (as zipline's record does); empty before
// the first value. Values recorded earlier in the same session (an
// intraday run recording at every bar) are in engine.Result.Records.
func (r *Report[N]) WriteDaily(w io.Writer) error {
	header := slices.Clone(dailyHeader)
	divs := len(r.Result.Actions) > 0
	if divs {
		header = append(header, "dividends")
	}
	recs := r.recordColumns()
	for _, c := range recs {
		header = append(header, c.Header)
	}
	c, err := newCSV(w, header...)
	if err != nil {
		return fmt.Errorf("report: daily.csv: %w", err)
	}
	for i, s := range r.Result.Snapshots {
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
		addNum(c, s.Commission)
		addNum(c, s.Slippage)
		addNum(c, s.Traded)
		if divs {
			addNum(c, s.Dividends)
		}
		for j, rc := range recs {
			if k := rc.Last[i]; k >= 0 {
				addNum(c, r.Result.Records[j].Value[k])
			} else {
				c.add("")
			}
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
