package report

import (
	"errors"
	"fmt"
	"time"

	"github.com/pennybt/penny/pkg/metrics"
)

// Defaults of the HTML report.
const (
	// DefaultRollingWindow is the rolling Sharpe window, in sessions:
	// 63 sessions, about three months of trading days.
	DefaultRollingWindow = 63
	// DefaultMaxTrades is the number of transactions the HTML report
	// lists; transactions.csv always has them all.
	DefaultMaxTrades = 1000
	// MaxPoints bounds the points of one line of a chart: longer series
	// are downsampled (see the package documentation).
	MaxPoints = 1000
)

// Options are the facts of a run that its Result does not hold, and the
// choices of the report. The zero value is usable: no name, the Result's
// backend and elapsed time, empyrical's defaults for the metrics, and the
// report defaults above.
type Options struct {
	// Name is the run's name (the config's name), the title of the HTML
	// report. It may hold any text: it is escaped where it is written.
	Name string
	// Backend overrides Result.Backend when not empty.
	Backend string
	// Elapsed overrides Result.Elapsed when positive (a caller may time
	// the loading of the data as well as the run).
	Elapsed time.Duration
	// Metrics configures the statistics of the session returns. The
	// returns are one per session whatever the bar frequency, so the
	// Period is normally Daily (the zero value); RiskFree is per session.
	Metrics metrics.Config
	// RollingWindow is the window of the rolling Sharpe chart, in
	// sessions. Zero picks DefaultRollingWindow, cut to half the
	// sessions of the run (and at least 2) when the run is shorter than
	// two windows, so that a short run still draws a curve.
	RollingWindow int
	// MaxTrades caps the rows of the HTML report's transactions table;
	// zero picks DefaultMaxTrades.
	MaxTrades int
}

// Validate reports options that cannot be used: a negative window or
// cap, or an invalid metrics configuration.
func (o *Options) Validate() error {
	var errs []error
	if o.RollingWindow < 0 {
		errs = append(errs, fmt.Errorf("rolling window: must be >= 0, got %d", o.RollingWindow))
	}
	if o.MaxTrades < 0 {
		errs = append(errs, fmt.Errorf("max trades: must be >= 0, got %d", o.MaxTrades))
	}
	if o.Elapsed < 0 {
		errs = append(errs, fmt.Errorf("elapsed: must be >= 0, got %s", o.Elapsed))
	}
	if err := o.Metrics.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("report: options: %w", err)
	}
	return nil
}

// rollingWindow returns the window of the rolling Sharpe for a run of n
// sessions.
func (o *Options) rollingWindow(n int) int {
	if o.RollingWindow > 0 {
		return o.RollingWindow
	}
	if n < 2*DefaultRollingWindow {
		return max(2, n/2)
	}
	return DefaultRollingWindow
}

func (o *Options) maxTrades() int {
	if o.MaxTrades > 0 {
		return o.MaxTrades
	}
	return DefaultMaxTrades
}
