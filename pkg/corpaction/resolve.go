package corpaction

import (
	"fmt"
	"sort"
	"time"

	"github.com/pennybt/penny/numeric"
)

// Scheduled is an action placed on a run: the session it applies at (the
// open of its ex-date, or of the next session when the ex-date is not
// one), the IDs of its asset and target, and for a cash dividend the
// session it is paid at.
type Scheduled[N numeric.Number[N]] struct {
	Action[N]
	// Session is the index of the session the action applies at.
	Session int
	// Asset is the ID of Symbol; Target the ID of Action.Target, -1 when
	// there is none (a stock dividend of the same symbol: Asset).
	Asset, Target int
	// PaySession is the index of the session a cash dividend (or the cash
	// of a merger) is paid at: the first session on or after its pay date
	// (its ex-date when it has none); -1 when that is after the run's last
	// session (it stays a receivable).
	PaySession int
}

// Schedule is the actions of a run in the order they apply: by session,
// then as sorted by Sort.
type Schedule[N numeric.Number[N]] struct {
	Items    []Scheduled[N]
	Warnings []Warning
	// Assets marks the assets that have at least one action.
	Assets []bool
}

// Resolve places actions on a run whose universe is symbols (in ID order)
// and whose sessions have the given dates (00:00 UTC, ascending). It
// follows the choices of the package documentation: an unknown symbol or
// target is an error (a *ParseError naming where the action was read); a
// date off the sessions moves to the next session and a date outside them
// is left out, each with a Warning. It returns the whole schedule or an
// error, never part of it.
func Resolve[N numeric.Number[N]](as []Action[N], symbols []string, sessions []time.Time) (*Schedule[N], error) {
	ids := make(map[string]int, len(symbols))
	for i, s := range symbols {
		ids[s] = i
	}
	sc := &Schedule[N]{Assets: make([]bool, len(symbols))}
	if len(sessions) == 0 {
		return sc, nil
	}
	first, last := sessions[0], sessions[len(sessions)-1]
	find := func(d time.Time) int { // first session on or after d, len if none
		return sort.Search(len(sessions), func(i int) bool { return !sessions[i].Before(d) })
	}
	sorted := append([]Action[N](nil), as...)
	Sort(sorted)
	if err := checkDuplicates(sorted); err != nil {
		return nil, err
	}
	for _, a := range sorted {
		unknown := func(field, sym string) error {
			return &ParseError{File: a.Origin.File, Line: a.Origin.Line, Field: field, Value: sym,
				Err: fmt.Errorf("%w: add its bars to the data, or remove the action %s", ErrUnknownSymbol, a)}
		}
		id, ok := ids[a.Symbol]
		if !ok {
			return nil, unknown(ColSymbol, a.Symbol)
		}
		target := -1
		if a.Target != "" {
			if target, ok = ids[a.Target]; !ok {
				return nil, unknown(ColTarget, a.Target)
			}
		}
		if a.Date.Before(first) || a.Date.After(last) {
			sc.Warnings = append(sc.Warnings, Warning{Origin: a.Origin, Action: a.String(),
				What: fmt.Sprintf("left out: %s is outside the run's sessions %s .. %s", a.Date.Format(time.DateOnly), first.Format(time.DateOnly), last.Format(time.DateOnly))})
			continue
		}
		s := find(a.Date)
		if !sessions[s].Equal(a.Date) {
			sc.Warnings = append(sc.Warnings, Warning{Origin: a.Origin, Action: a.String(),
				What: fmt.Sprintf("%s is not a session: applied at the open of the next, %s", a.Date.Format(time.DateOnly), sessions[s].Format(time.DateOnly))})
		}
		pay := s
		if !a.PayDate.IsZero() {
			pay = max(find(a.PayDate), s)
			if pay == len(sessions) {
				pay = -1
			}
		}
		sc.Items = append(sc.Items, Scheduled[N]{Action: a, Session: s, Asset: id, Target: target, PaySession: pay})
		sc.Assets[id] = true
		if target >= 0 {
			sc.Assets[target] = true
		}
	}
	sort.SliceStable(sc.Items, func(i, j int) bool { return sc.Items[i].Session < sc.Items[j].Session })
	return sc, nil
}
