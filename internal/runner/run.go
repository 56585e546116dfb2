package runner

import (
	"context"
	"fmt"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/strategies"
)

// Options tune a run beyond its config.
type Options struct {
	// Progress is passed to the engine (sessions done, total).
	Progress func(done, total int)
}

// Run runs the config's strategy, from env's table, over data with
// backend N.
func Run[N numeric.Number[N]](ctx context.Context, c *config.Config, data *Data[N], env Env, opts Options) (*engine.Result[N], error) {
	e, err := NewEngine(c, data, env, opts)
	if err != nil {
		return nil, err
	}
	return e.Run(ctx)
}

// NewEngine builds the engine of a run without running it.
func NewEngine[N numeric.Number[N]](c *config.Config, data *Data[N], env Env, opts Options) (*engine.Engine[N], error) {
	strategy, cfg, err := Parts[N](c, env.Strategies)
	if err != nil {
		return nil, err
	}
	cfg.Actions, cfg.Schedule = data.Actions, data.schedule
	cfg.Progress = opts.Progress
	return engine.New(data.Portal(), strategy, cfg)
}

// Parts builds what a run of the config needs besides its data: the
// strategy (named in table), and the engine config (capital, execution
// models, account, benchmark, price adjustment; the data's corporate
// actions are the caller's to add). A sweep builds them once per
// combination.
func Parts[N numeric.Number[N]](c *config.Config, table *strategies.Table) (engine.Strategy[N], engine.Config[N], error) {
	strategy, err := strategies.Build[N](table, c.Strategy.Name, &c.Strategy.Params)
	if err != nil {
		return nil, engine.Config[N]{}, err
	}
	exec, err := execution.New[N](c.Execution)
	if err != nil {
		return nil, engine.Config[N]{}, fmt.Errorf("execution: %w", err)
	}
	capital, err := numeric.Parse[N](c.Capital.String())
	if err != nil {
		return nil, engine.Config[N]{}, fmt.Errorf("capital: %w", err)
	}
	adjust, err := dataportal.ParseAdjust(c.Data.Adjust)
	if err != nil {
		return nil, engine.Config[N]{}, fmt.Errorf("data.adjust: %w", err)
	}
	return strategy, engine.Config[N]{
		Adjust:    adjust,
		Capital:   capital,
		Execution: exec,
		Benchmark: c.Benchmark,
	}, nil
}
