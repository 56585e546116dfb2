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
	// Counted says whether both scenarios' instructions were counted on
	// this backend (Counts): then InstructionCost is (With / Without - 1)
	// x 100 of the instructions of one backtest, AllocCost the same of
	// the bytes it allocated, and the Instructions, AllocBytes and
	// AllocObjects pairs are the counts, without and with actions.
	Counted                               bool
	InstructionsWithout, InstructionsWith uint64
	AllocBytesWithout, AllocBytesWith     uint64
	AllocObjectsWithout, AllocObjectsWith uint64
	InstructionCost, AllocCost            float64
	// Measure is the measure the aim is judged by, the steadiest both
	// scenarios have (MeasureInstructions, else MeasureCPU: the CPU
	// cost), Judged the cost by it, and Verdict whether it is under
	// ActionsTarget (TargetMet or TargetNotMet).
	Measure string
	Judged  float64
	Verdict string
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
		c := ActionCost{
			Backend: b.Backend, Without: w.Time.Median, With: b.Time.Median,
			Cost: pct(b.Time.Median, w.Time.Median), CPUCost: pct(b.CPUTime.Median, w.CPUTime.Median),
			NormalizedCost:      pct(b.Normalized, w.Normalized),
			TransactionsWithout: w.Transactions, TransactionsWith: b.Transactions,
			Measure: MeasureCPU,
		}
		c.Judged = c.CPUCost
		if wc, bc := w.Counts, b.Counts; wc != nil && bc != nil && wc.Instructions > 0 {
			c.Counted = true
			c.InstructionsWithout, c.InstructionsWith = wc.Instructions, bc.Instructions
			c.AllocBytesWithout, c.AllocBytesWith = wc.AllocBytes, bc.AllocBytes
			c.AllocObjectsWithout, c.AllocObjectsWith = wc.AllocObjects, bc.AllocObjects
			c.InstructionCost = pct(float64(bc.Instructions), float64(wc.Instructions))
			c.AllocCost = pct(float64(bc.AllocBytes), float64(wc.AllocBytes))
			c.Measure, c.Judged = MeasureInstructions, c.InstructionCost
		}
		c.Verdict = status(c.Judged < ActionsTarget)
		out = append(out, c)
	}
	return out
}
