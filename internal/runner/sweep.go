package runner

import (
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/sweep"
	"github.com/pennybt/penny/strategies"
)

// SweepBackend loads the config's data into backend N once and returns
// the sweep backend whose runs share it: each combination's config from
// cs, built with Parts from env's strategies.
//
//penny:backends
func SweepBackend[N numeric.Number[N]](c *config.Config, cs *sweep.Configs, env Env) (sweep.Backend, error) {
	data, err := LoadData[N](c, env)
	if err != nil {
		return nil, err
	}
	build := func(c *config.Config) (engine.Strategy[N], engine.Config[N], error) {
		s, cfg, err := Parts[N](c, env.Strategies)
		cfg.Actions = data.Actions // shared read-only: the engine resolves a copy
		return s, cfg, err
	}
	return sweep.On(sweep.Data[N]{Dataset: data.Dataset, Clock: data.Clock}, sweep.ConfigFactory(cs, build)), nil
}

// SweepBackends loads the data of each named backend (names of numeric's
// registry) for a sweep of the config.
func SweepBackends(c *config.Config, cs *sweep.Configs, names []string, env Env) ([]sweep.Backend, error) {
	var out []sweep.Backend
	for _, name := range names {
		if _, err := numeric.LookupBackend(name); err != nil {
			return nil, err
		}
		load, ok := SweepBackendByName(name)
		if !ok {
			panic("runner: no sweep for backend " + name + ": run go generate")
		}
		b, err := load(c, cs, env)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, nil
}

// CheckSweep checks a config's sweep against its strategy before any data
// is loaded: every value of every swept key must decode (a key the
// strategy does not have, a value of the wrong type, an execution key
// that does not exist are input errors; a combination the strategy's
// Validate rejects, such as fast >= slow, is not: its row is skipped).
func CheckSweep(cs *sweep.Configs, table *strategies.Table) error {
	return cs.Check(func(c *config.Config) error { return table.Check(c.Strategy.Name, &c.Strategy.Params) })
}
