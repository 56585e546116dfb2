package report

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
)

// Report is a run's Result with its Summary, ready to be written. Build it
// with New; its writers only read the Result.
type Report[N numeric.Number[N]] struct {
	Result  *engine.Result[N]
	Summary Summary
	opts    Options
}

// New summarizes res (see Summarize) and returns its Report.
func New[N numeric.Number[N]](res *engine.Result[N], opts Options) (*Report[N], error) {
	s, err := Summarize(res, opts)
	if err != nil {
		return nil, err
	}
	return &Report[N]{Result: res, Summary: s, opts: opts}, nil
}
