package engine

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/execution"
)

// Config is what a run needs besides its data and strategy.
type Config[N numeric.Number[N]] struct {
	// Capital is the starting cash; it must be positive.
	Capital N
	// Execution decides fills and the account: the simulator (fill
	// price, slippage and commission models) and the account rules the
	// ledger checks fills against. execution.New builds it from a run's
	// execution block. The zero value fills at the next bar's open, with
	// no slippage or commission, in a cash account without shorting.
	Execution execution.Setup[N]
	// Benchmark is the symbol of an asset of the data whose session
	// returns the result carries for alpha and beta; "" for none.
	Benchmark string
	// Logger receives the run's debug messages and Context.Logf; nil
	// discards them.
	Logger *slog.Logger
	// Actions are the corporate actions of the data's assets (splits,
	// dividends, mergers, ...), applied at the open of each ex-date
	// session: see the package documentation. The bars must be raw (as
	// traded).
	Actions []corpaction.Action[N]
	// Schedule, when set, is Actions already placed on this run's
	// sessions and assets by corpaction.Resolve (with the portal's
	// symbols in ID order and its clock's session dates), and Actions is
	// not read: runs over the same data then share one schedule, which no
	// run modifies, instead of resolving the actions each time.
	Schedule *corpaction.Schedule[N]
	// Adjust says how History adjusts past prices for the actions
	// applied so far: dataportal.AdjustSplit (the zero value),
	// AdjustRaw or AdjustAll.
	Adjust dataportal.Adjust
	// Progress, if set, is called after each session with the number of
	// sessions done and the total.
	Progress func(done, total int)
}

// Validate reports a config that cannot run.
func (c *Config[N]) Validate() error {
	var errs []error
	if c.Capital.Sign() <= 0 {
		errs = append(errs, fmt.Errorf("capital: must be positive, got %s", c.Capital))
	}
	if err := c.Execution.Account.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("account: %w", err))
	}
	return errors.Join(errs...)
}
