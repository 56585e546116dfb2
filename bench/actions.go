package bench

// ActionCost is what corporate actions cost one backend: the actions
// scenario (ActionsScenario: daily with splits and dividends) against
// daily, the same bars and strategy without them.
type ActionCost struct {
	Backend string
	// Without and With are the median times per backtest (ns).
	Without, With float64
	// Cost is (With / Without - 1) x 100, from the medians; CPUCost the
	// same from the median CPU times; NormalizedCost from the normalised
	// times (each scenario's fastest run over its own calibration
	// median), which discount a machine busier during one scenario than
	// the other.
	Cost, CPUCost, NormalizedCost float64
	// Transactions of each run: the strategy trades the split-adjusted
	// history, so nearly as without actions, but not exactly (dividends
	// move the raw prices, and ticks round).
	TransactionsWithout, TransactionsWith int
}

// ActionsTarget is the aim for the cost of corporate actions on daily, in
// percent of the time without them.
const ActionsTarget = 2.0

// ActionsCost compares the actions scenario with daily, backend by
// backend, when both ran; nil otherwise.
func ActionsCost(r *Results) []ActionCost {
	var without, with *ScenarioResult
	for i := range r.Scenarios {
		switch r.Scenarios[i].Name {
		case "daily":
			without = &r.Scenarios[i]
		case ActionsScenario:
			with = &r.Scenarios[i]
		}
	}
	if without == nil || with == nil {
		return nil
	}
	pct := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return (a/b - 1) * 100
	}
	var out []ActionCost
	for _, b := range with.Backends {
		w := without.Backend(b.Backend)
		if w == nil {
			continue
		}
		out = append(out, ActionCost{
			Backend: b.Backend, Without: w.Time.Median, With: b.Time.Median,
			Cost: pct(b.Time.Median, w.Time.Median), CPUCost: pct(b.CPUTime.Median, w.CPUTime.Median),
			NormalizedCost:      pct(b.Normalized, w.Normalized),
			TransactionsWithout: w.Transactions, TransactionsWith: b.Transactions,
		})
	}
	return out
}
