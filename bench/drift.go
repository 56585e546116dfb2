package bench

import (
	"math"
	"math/big"

	"github.com/pennybt/penny/internal/drift"
)

// Drift compares a scenario's outcomes with the decimal backend's, the
// exact reference: Float for the float backend, Fixed for the fixed one
// (nil when that backend did not run).
type Drift struct {
	Float *FloatDrift `json:"float,omitempty"`
	Fixed *ExactDrift `json:"fixed,omitempty"`
}

// FloatDrift is how far float's results are from the exact ones.
type FloatDrift struct {
	// Final and Decimal are the final portfolio values as printed; Abs and
	// Rel the absolute and relative differences of the exact values
	// (float's binary value against the decimal one).
	Final    string `json:"final"`
	Decimal  string `json:"decimal"`
	FinalAbs Real   `json:"final_abs"`
	FinalRel Real   `json:"final_rel"`
	// The equity curve: the largest absolute and relative differences of
	// the session-end portfolio values, and the sessions where they occur.
	CurveMaxAbs        Real   `json:"curve_max_abs"`
	CurveMaxAbsSession string `json:"curve_max_abs_session"`
	CurveMaxRel        Real   `json:"curve_max_rel"`
	CurveMaxRelSession string `json:"curve_max_rel_session"`
	// Sessions counts the sessions compared (the shorter curve's).
	Sessions int       `json:"sessions"`
	Trades   TradeDiff `json:"trades"`
}

// ExactDrift compares two exact backends, which must agree to the digit.
type ExactDrift struct {
	// Identical is true when the final values, every session's portfolio
	// value and every transaction agree exactly.
	Identical bool   `json:"identical"`
	Final     string `json:"final"`
	Decimal   string `json:"decimal"`
	// FinalDiff is the exact difference Final - Decimal as decimal text.
	FinalDiff string `json:"final_diff"`
	// SessionsDiffering counts the sessions whose portfolio values differ;
	// FirstSession is the first of them ("" for none), with both values.
	SessionsDiffering int       `json:"sessions_differing"`
	FirstSession      string    `json:"first_session,omitempty"`
	FirstValue        string    `json:"first_value,omitempty"`
	FirstDecimal      string    `json:"first_decimal,omitempty"`
	Trades            TradeDiff `json:"trades"`
}

// TradeDiff compares a transaction list with decimal's.
type TradeDiff struct {
	Count   int `json:"count"`
	Decimal int `json:"decimal_count"`
	// Same is true when the lists have the same trades: for an exact
	// backend, every field equal; for float, the same time, asset, order
	// and amount (to a relative 1e-9), prices and commissions aside.
	Same bool `json:"same"`
	// FirstDifference is the index of the first trade that differs (the
	// shorter list's length when one list extends the other), -1 when the
	// lists are the same; Field names what differs there and This and
	// Reference describe both trades ("" past the end of a list).
	FirstDifference int    `json:"first_difference"`
	Field           string `json:"field,omitempty"`
	This            string `json:"this,omitempty"`
	Reference       string `json:"reference,omitempty"`
	// For float: among the matching trades before the first difference,
	// how many have a price or commission that is not the float64 nearest
	// the exact one, and the largest absolute price difference.
	InexactPrices int  `json:"inexact_prices,omitempty"`
	MaxPriceDiff  Real `json:"max_price_diff,omitempty"`
}

// computeDrift compares each outcome with decimal's; it returns nil when
// decimal did not run.
func computeDrift(outcomes map[string]*outcome) *Drift {
	ref := outcomes["decimal"]
	if ref == nil {
		return nil
	}
	d := &Drift{}
	if f := outcomes["float"]; f != nil {
		d.Float = floatDrift(f, ref)
	}
	if x := outcomes["fixed"]; x != nil {
		d.Fixed = exactDrift(x, ref)
	}
	return d
}

func floatDrift(f, ref *outcome) *FloatDrift {
	fd := &FloatDrift{Final: f.finalStr, Decimal: ref.finalStr}
	v := drift.Compare(f.final, ref.final)
	fd.FinalAbs, fd.FinalRel = Real(v.Abs), Real(v.Rel)
	c := drift.CompareCurves(f.equity, ref.equity)
	fd.Sessions = c.Sessions
	day := func(i int) string { return ref.sessions[i].Format("2006-01-02") }
	switch {
	case c.Missing > 0:
		// A NaN or infinite float value: the drift is NaN from there.
		nan := Real(math.NaN())
		fd.CurveMaxAbs, fd.CurveMaxAbsSession = nan, day(c.FirstMissing)
		fd.CurveMaxRel, fd.CurveMaxRelSession = nan, day(c.FirstMissing)
	case c.Differing > 0:
		abs, _ := c.MaxAbs.Float64()
		fd.CurveMaxAbs, fd.CurveMaxAbsSession = Real(abs), day(c.MaxAbsAt)
		fd.CurveMaxRel, fd.CurveMaxRelSession = Real(c.MaxRel), day(c.MaxRelAt)
	}
	fd.Trades = diffTrades(f.trades, ref.trades, false)
	return fd
}

func exactDrift(x, ref *outcome) *ExactDrift {
	ed := &ExactDrift{Final: x.finalStr, Decimal: ref.finalStr}
	if d := drift.Compare(x.final, ref.final).Diff; d != nil {
		ed.FinalDiff = ratText(d)
	}
	c := drift.CompareCurves(x.equity, ref.equity)
	if c.First >= 0 {
		ed.FirstSession = ref.sessions[c.First].Format("2006-01-02")
		ed.FirstValue, ed.FirstDecimal = x.equityS[c.First], ref.equityS[c.First]
	}
	ed.SessionsDiffering = c.Differing + c.Extra
	ed.Trades = diffTrades(x.trades, ref.trades, true)
	ed.Identical = ed.SessionsDiffering == 0 && x.finalStr == ref.finalStr && ed.Trades.Same
	return ed
}

// ratText writes an exact rational as decimal text: exact when its
// denominator divides a power of ten (as every difference of two
// terminating decimals does), else rounded to 30 decimals.
func ratText(r *big.Rat) string {
	for prec := 0; prec <= 30; prec++ {
		s := r.FloatString(prec)
		back, _ := new(big.Rat).SetString(s)
		if back.Cmp(r) == 0 {
			return s
		}
	}
	return r.FloatString(30)
}

// diffTrades compares trades with the reference list; exact compares
// every field's text, otherwise the trades' identity (time, asset, order,
// amount within a relative 1e-9) and counts inexact prices.
func diffTrades(ts, ref []trade, exact bool) TradeDiff {
	td := TradeDiff{Count: len(ts), Decimal: len(ref), FirstDifference: -1}
	n := min(len(ts), len(ref))
	for i := 0; i < n; i++ {
		a, b := ts[i], ref[i]
		field := ""
		switch {
		case !a.time.Equal(b.time):
			field = "time"
		case a.asset != b.asset:
			field = "asset"
		case a.order != b.order:
			field = "order"
		case exact && a.amount != b.amount, !exact && !closeTo(a.amountF, b.amountF):
			field = "amount"
		case exact && a.price != b.price:
			field = "price"
		case exact && a.commission != b.commission:
			field = "commission"
		}
		if field != "" {
			td.FirstDifference, td.Field, td.This, td.Reference = i, field, a.String(), b.String()
			return td
		}
		if !exact {
			if a.priceF != b.priceF || a.commissionF != b.commissionF {
				td.InexactPrices++
			}
			td.MaxPriceDiff = max(td.MaxPriceDiff, Real(math.Abs(a.priceF-b.priceF)))
		}
	}
	if len(ts) != len(ref) {
		td.FirstDifference, td.Field = n, "count"
		if n < len(ts) {
			td.This = ts[n].String()
		}
		if n < len(ref) {
			td.Reference = ref[n].String()
		}
		return td
	}
	td.Same = true
	return td
}

// closeTo reports whether a and b agree to a relative 1e-9.
func closeTo(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*max(math.Abs(a), math.Abs(b))
}
