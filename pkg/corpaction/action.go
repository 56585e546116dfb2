package corpaction

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
)

// Type is the kind of a corporate action.
type Type uint8

// The types of action. Their text forms are the names of the CSV layout.
const (
	Split Type = iota + 1
	CashDividend
	StockDividend
	SpinOff
	MergerStock
	MergerCash
	MergerStockAndCash
	NameChange
	Delisting
	WorthlessRemoval
)

// Types returns every type, in the order of their constants (a new slice
// at each call).
func Types() []Type {
	return []Type{Split, CashDividend, StockDividend, SpinOff, MergerStock, MergerCash, MergerStockAndCash, NameChange, Delisting, WorthlessRemoval}
}

var typeNames = [...]string{
	Split: "split", CashDividend: "cash_dividend", StockDividend: "stock_dividend", SpinOff: "spin_off",
	MergerStock: "merger_stock", MergerCash: "merger_cash", MergerStockAndCash: "merger_stock_and_cash",
	NameChange: "name_change", Delisting: "delisting", WorthlessRemoval: "worthless_removal",
}

func (t Type) String() string {
	if t >= Split && int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// ParseType reads a type's name. "special_dividend" is a cash dividend
// (ParseType reports special true).
func ParseType(s string) (t Type, special bool, err error) {
	if s == "special_dividend" {
		return CashDividend, true, nil
	}
	for _, t := range Types() {
		if t.String() == s {
			return t, false, nil
		}
	}
	return 0, false, fmt.Errorf("unknown action type %q (want split, cash_dividend, special_dividend, stock_dividend, spin_off, merger_stock, merger_cash, merger_stock_and_cash, name_change, delisting or worthless_removal)", s)
}

// usage says which fields a type uses.
type usage struct{ ratio, amount, target, payDate bool }

func (t Type) uses() usage {
	switch t {
	case Split:
		return usage{ratio: true}
	case CashDividend:
		return usage{amount: true, payDate: true}
	case StockDividend:
		return usage{ratio: true, target: true, payDate: true}
	case SpinOff, MergerStock:
		return usage{ratio: true, target: true, payDate: true}
	case MergerCash:
		return usage{amount: true, payDate: true}
	case MergerStockAndCash:
		return usage{ratio: true, amount: true, target: true, payDate: true}
	case NameChange:
		return usage{target: true}
	case Delisting:
		return usage{amount: true}
	}
	return usage{}
}

// Action is one corporate action of one symbol.
type Action[N numeric.Number[N]] struct {
	Type   Type
	Symbol string
	// Date is the ex-date (the effective date of a merger, name change
	// or delisting), at 00:00 UTC: the first session whose prices
	// reflect the action.
	Date time.Time
	// PayDate and RecordDate are zero when not given. A cash dividend
	// without a pay date is paid on its ex-date.
	PayDate, RecordDate time.Time
	// Ratio is used by split, stock_dividend, spin_off and the stock
	// mergers; zero otherwise.
	Ratio Ratio
	// Amount is the cash per share of a cash dividend or a cash merger,
	// or the price a delisting closes the position at; zero otherwise.
	Amount N
	// Target is the other symbol of a stock dividend (empty: the same),
	// a spin-off, a stock merger or a name change.
	Target string
	// Special marks a special (non-recurring) cash dividend.
	Special bool
	// Origin says where the action was read, for messages.
	Origin Origin
}

// Origin is where an action was read: a file and its line, or a source
// such as "alpaca".
type Origin struct {
	File string
	Line int
}

func (o Origin) String() string {
	if o.Line > 0 {
		return fmt.Sprintf("%s:%d", o.File, o.Line)
	}
	return o.File
}

// String describes the action, e.g. "2000-06-27 NVDA split 2:1".
func (a Action[N]) String() string {
	s := a.Date.Format(time.DateOnly) + " " + a.Symbol + " " + a.Type.String()
	u := a.Type.uses()
	if u.ratio {
		s += " " + a.Ratio.String()
	}
	if u.amount {
		s += " " + a.Amount.String()
	}
	if a.Target != "" {
		s += " " + a.Target
	}
	return s
}

// Values returns the action's values as text, as the CSV layout writes
// them: ratio, amount, target ("" for those the type does not use).
func (a Action[N]) Values() (ratio, amount, target string) {
	u := a.Type.uses()
	if u.ratio {
		ratio = a.Ratio.String()
	}
	if u.amount {
		amount = a.Amount.String()
	}
	return ratio, amount, a.Target
}

// IsSplitLike reports whether the action changes the number of shares of
// its own symbol without changing its holders' value: a split, or a stock
// dividend of the same symbol (seen as a split of (Old+New)/Old).
func (a Action[N]) IsSplitLike() bool {
	return a.Type == Split || a.Type == StockDividend && (a.Target == "" || a.Target == a.Symbol)
}

// SplitRatio returns the split ratio of a split-like action: the ratio of
// a split, (Old+New)/Old for a stock dividend of the same symbol.
func (a Action[N]) SplitRatio() Ratio {
	if a.Type == StockDividend {
		return Ratio{New: a.Ratio.Old + a.Ratio.New, Old: a.Ratio.Old}
	}
	return a.Ratio
}
