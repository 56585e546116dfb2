package sweep

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/dataportal"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/report"
)

// Data is what every run of one backend shares, read-only: the bars, and
// the clock of the whole sweep. Walk-forward windows are cut from the
// clock's sessions.
type Data[N numeric.Number[N]] struct {
	Dataset *market.Dataset[N]
	Clock   *clock.Clock
}

// Factory builds the strategy and the engine config of one combination,
// for backend N. It is called from several goroutines at once and must
// build a new strategy each time. An error means the combination cannot
// run (its params are rejected): the row is Skipped, with the error as
// its reason.
type Factory[N numeric.Number[N]] func(c Combination) (engine.Strategy[N], engine.Config[N], error)

// Backend is one numeric backend's data and factory: build it with On.
type Backend interface {
	// Name is the backend's name ("float", "fixed", "decimal").
	Name() string
	eval(ctx context.Context, c Combination, w window, opts report.Options) (Row, error)
	run(ctx context.Context, c Combination, w window, capital string, opts report.Options) (*testRun, error)
	sessions() []calendar.Session
	capital(c Combination) (string, bool)
	// drop lets go of the runs' scratches at the end of a sweep.
	drop()
}

// On binds data and a factory of backend N for Run.
func On[N numeric.Number[N]](data Data[N], factory Factory[N]) Backend {
	if data.Dataset == nil || data.Clock == nil || factory == nil {
		panic("sweep: On needs a dataset, a clock and a factory")
	}
	return &backend[N]{data: data, factory: factory, portals: map[window]*portalEntry[N]{}}
}

// window is a range of sessions of the data's clock: [from, to).
type window struct{ from, to int }

type backend[N numeric.Number[N]] struct {
	data    Data[N]
	factory Factory[N]
	mu      sync.Mutex
	portals map[window]*portalEntry[N]
	// scratches are the engines' storage between runs (engine.Scratch):
	// a run takes one and gives it back, so there are at most as many as
	// runs at once, and a worker's runs after its first allocate almost
	// nothing.
	scratches []*engine.Scratch[N]
}

type portalEntry[N numeric.Number[N]] struct {
	p   *dataportal.Portal[N]
	err error
}

func (b *backend[N]) Name() string { return numeric.Backend[N]() }

func (b *backend[N]) sessions() []calendar.Session { return b.data.Clock.Sessions() }

// capital returns the starting capital of the engine config the factory
// builds for c, if it builds one.
func (b *backend[N]) capital(c Combination) (string, bool) {
	_, cfg, err := b.factory(c)
	if err != nil {
		return "", false
	}
	return cfg.Capital.String(), true
}

// portal returns a fresh cursor over the bars of window w: the portal of
// each window is built once and shared, read-only, by every run. Portals
// are built one at a time (dataportal.New normalizes the dataset in
// place, so two builds at once would race).
func (b *backend[N]) portal(w window) (*dataportal.Portal[N], error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	po := b.portals[w]
	if po == nil {
		po = &portalEntry[N]{}
		b.portals[w] = po
		po.p, po.err = b.build(w)
	}
	if po.err != nil {
		return nil, po.err
	}
	return po.p.Clone(), nil
}

// build builds the portal of window w.
func (b *backend[N]) build(w window) (*dataportal.Portal[N], error) {
	sessions := b.data.Clock.Sessions()
	clk := b.data.Clock
	if w.from != 0 || w.to != len(sessions) {
		var err error
		clk, err = clock.New(clk.Calendar(), clk.Frequency(), sessions[w.from].Date, sessions[w.to-1].Date)
		if err != nil {
			return nil, fmt.Errorf("sweep: window %s..%s: %w", sessions[w.from].Date.Format(dateLayout), sessions[w.to-1].Date.Format(dateLayout), err)
		}
	}
	return dataportal.New(b.data.Dataset, clk)
}

// scratch returns a free scratch, or a new one.
func (b *backend[N]) scratch() *engine.Scratch[N] {
	b.mu.Lock()
	defer b.mu.Unlock()
	if k := len(b.scratches); k > 0 {
		s := b.scratches[k-1]
		b.scratches = b.scratches[:k-1]
		return s
	}
	return new(engine.Scratch[N])
}

// release gives s back, with the storage of res (nil if the run made no
// result).
func (b *backend[N]) release(s *engine.Scratch[N], res *engine.Result[N]) {
	if res != nil {
		s.Reclaim(res)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.scratches = append(b.scratches, s)
}

// drop lets go of the scratches: the storage of a run's result per
// worker is held while a sweep runs, not after it.
func (b *backend[N]) drop() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.scratches = nil
}

// errInterrupted marks a run stopped by its context.
var errInterrupted = errors.New("sweep: interrupted")

// backtest builds and runs combination c over window w. A factory error
// or an engine that refuses the config is a Skipped row (err nil, res
// nil); a run that stops on an error is a Failed one.
//
// A run given a scratch (nil for none) takes its storage from it: its
// result must go back to the scratch (release) once read.
func (b *backend[N]) backtest(ctx context.Context, c Combination, w window, capital string, s *engine.Scratch[N]) (res *engine.Result[N], row Row, err error) {
	row = Row{Trial: c.Trial, Values: c.Values, Backend: b.Name()}
	strategy, cfg, ferr := b.factory(c)
	if ferr != nil {
		row.Status, row.Reason = Skipped, ferr.Error()
		return nil, row, nil
	}
	if capital != "" {
		if cfg.Capital, err = numeric.Parse[N](capital); err != nil {
			return nil, row, fmt.Errorf("sweep: capital %s: %w", capital, err)
		}
	}
	p, err := b.portal(w)
	if err != nil {
		return nil, row, err
	}
	e, err := engine.New(p, strategy, cfg)
	if err != nil {
		row.Status, row.Reason = Skipped, err.Error()
		return nil, row, nil
	}
	e.Use(s)
	res, err = e.Run(ctx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, row, errInterrupted
		}
		row.Status, row.Reason = Failed, err.Error()
		return nil, row, nil
	}
	row.Status = OK
	return res, row, nil
}

// eval runs combination c over window w and returns its row.
func (b *backend[N]) eval(ctx context.Context, c Combination, w window, opts report.Options) (Row, error) {
	s := b.scratch()
	res, row, err := b.backtest(ctx, c, w, "", s)
	defer b.release(s, res)
	if err != nil || res == nil {
		return row, err
	}
	summarize(res, &row, opts)
	return row, nil
}

// summarize sets the metrics of a finished run's row (or fails the row).
func summarize[N numeric.Number[N]](res *engine.Result[N], row *Row, opts report.Options) {
	sum, err := report.Summarize(res, opts)
	if err == nil {
		row.Metrics, err = metricValues(sum)
	}
	if err != nil {
		row.Status, row.Reason, row.Metrics = Failed, err.Error(), nil
	}
}

// testRun is a run kept whole: its row, the report writer and the exact
// ending value and equity of each session.
type testRun struct {
	row    Row
	write  func(dir string, opts report.Options) error
	end    string   // ending portfolio value, exact
	dates  []string // session dates
	values []string // portfolio value at each session's end, exact
	rets   []float64
}

// run runs combination c over window w with the given starting capital
// ("" for the factory's) and keeps the whole result.
func (b *backend[N]) run(ctx context.Context, c Combination, w window, capital string, opts report.Options) (*testRun, error) {
	res, row, err := b.backtest(ctx, c, w, capital, nil)
	if err != nil {
		return nil, err
	}
	t := &testRun{row: row}
	if res == nil {
		return t, nil
	}
	summarize(res, &t.row, opts)
	t.write = func(dir string, opts report.Options) error { return report.WriteDir(dir, res, opts) }
	t.end = res.Value.String()
	for _, s := range res.Snapshots {
		t.dates = append(t.dates, s.Session.Format("2006-01-02"))
		t.values = append(t.values, s.PortfolioValue.String())
		t.rets = append(t.rets, s.Return)
	}
	return t, nil
}
