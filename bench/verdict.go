package bench

// The speed target: the fixed backend's overhead over float, from
// medians, is under TargetOverhead percent on every base scenario.
// Overheads from TargetOverhead up to MarginalOverhead (both included) are
// marginal; above MarginalOverhead the target is not met.
const (
	TargetOverhead   = 30.0
	MarginalOverhead = 40.0
)

// Verdict grades an overhead against the target.
type Verdict string

// The verdicts, from best to worst.
const (
	Met      Verdict = "met"
	Marginal Verdict = "marginal"
	NotMet   Verdict = "not met"
)

// Grade returns the verdict of an overhead in percent: below 30 met, 30 to
// 40 marginal, above 40 not met.
func Grade(overhead float64) Verdict {
	switch {
	case overhead < TargetOverhead:
		return Met
	case overhead <= MarginalOverhead:
		return Marginal
	}
	return NotMet
}

// rank orders verdicts from best (0) to worst.
func (v Verdict) rank() int {
	switch v {
	case Met:
		return 0
	case Marginal:
		return 1
	}
	return 2
}

// Worst returns the worst of the verdicts (Met for none).
func Worst(vs ...Verdict) Verdict {
	w := Met
	for _, v := range vs {
		if v.rank() > w.rank() {
			w = v
		}
	}
	return w
}

// Overhead returns (t / base - 1) x 100: how many percent slower t is than
// base.
func Overhead(t, base float64) float64 { return (t/base - 1) * 100 }
