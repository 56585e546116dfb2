package sweep

// InputError is an error of a sweep's input, reported before anything is
// written: an invalid spec or option, a metric that is not a column, a
// folder that holds another sweep's results, shards that cannot be
// merged.
type InputError struct{ Err error }

func (e *InputError) Error() string { return e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

// Check reports the errors of a spec that need no data: the sweep block,
// the walk_forward block, the metric and the constraints' metrics.
func Check(spec Spec) error {
	if _, err := NewSpace(&spec.Sweep); err != nil {
		return &InputError{err}
	}
	if _, err := newRanker(&spec.Sweep, 1); err != nil {
		return &InputError{err}
	}
	if spec.WalkForward != nil {
		if err := spec.WalkForward.Validate(); err != nil {
			return &InputError{err}
		}
	}
	return nil
}
