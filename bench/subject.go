package bench

import (
	"context"
	"fmt"
	"runtime"
	"time"

	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/report"
)

// subject is one scenario on one backend: its data, loaded once and
// shared by all its runs, and the outcome of its first run.
type subject interface {
	backend() string
	// load generates or reads the data (untimed) and returns the live
	// heap it holds.
	load(env runner.Env) (dataBytes uint64, took time.Duration, err error)
	// run runs one backtest after an untimed garbage collection;
	// sampleHeap samples the heap during it.
	run(ctx context.Context, sampleHeap bool) (runSample, error)
	// once runs one backtest and nothing else: the profiled runs.
	once(ctx context.Context) error
	// outcome is the first run's outcome, for the drift.
	outcome() *outcome
	// shape returns the size of the data.
	shape() (sessions, bars int, assetBars int64)
	// release drops the data.
	release()
}

// runSample is what one backtest measured.
type runSample struct {
	wall, cpu time.Duration
	// peak is the highest heap reading during the run less the heap at
	// its start; alloc the bytes it allocated.
	peak, alloc uint64
}

// typed is the subject of backend N.
type typed[N numeric.Number[N]] struct {
	cfg  *config.Config
	env  runner.Env // what load was given, for the runs
	data *runner.Data[N]
	ref  *outcome
	// the first run's size
	sessions, bars int
	assetBars      int64
}

// newSubject returns the subject of the backend named backend.
func newSubject(backend string, cfg *config.Config) (subject, error) {
	if _, err := numeric.LookupBackend(backend); err != nil {
		return nil, err
	}
	newTyped, ok := newTypedByName(backend)
	if !ok {
		panic("bench: no subject for backend " + backend + ": run go generate")
	}
	return newTyped(cfg), nil
}

// newTyped returns the subject of backend N.
//
//penny:backends
func newTyped[N numeric.Number[N]](cfg *config.Config) subject { return &typed[N]{cfg: cfg} }

func (s *typed[N]) backend() string { return numeric.Backend[N]() }

func (s *typed[N]) load(env runner.Env) (uint64, time.Duration, error) {
	before := liveHeap()
	t := time.Now()
	d, err := runner.LoadData[N](s.cfg, env)
	took := time.Since(t)
	if err != nil {
		return 0, took, fmt.Errorf("%s: load %s data: %w", s.cfg.Name, s.backend(), err)
	}
	s.data, s.env = d, env
	after := liveHeap()
	if after < before {
		after = before
	}
	return after - before, took, nil
}

// backtest is the unit the bench times: the run and the summary `penny
// run` prints (metrics and round-trip statistics), no file written.
func backtest[N numeric.Number[N]](ctx context.Context, c *config.Config, d *runner.Data[N], env runner.Env) (*engine.Result[N], error) {
	res, err := runner.Run[N](ctx, c, d, env, runner.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := report.Summarize(res, report.Options{Name: c.Name}); err != nil {
		return nil, err
	}
	return res, nil
}

func (s *typed[N]) run(ctx context.Context, sampleHeap bool) (runSample, error) {
	runtime.GC()
	h0, a0 := readMetric(heapMetric), readMetric(allocsMetric)
	var hs *heapSampler
	if sampleHeap {
		hs = startHeapSampler(HeapSampleInterval)
	}
	c0 := processCPU()
	t := time.Now()
	res, err := backtest(ctx, s.cfg, s.data, s.env)
	wall := time.Since(t)
	cpu := processCPU() - c0
	var rs runSample
	if hs != nil {
		if p := hs.Stop(); p > h0 {
			rs.peak = p - h0
		}
	}
	if err != nil {
		return rs, fmt.Errorf("%s on %s: %w", s.cfg.Name, s.backend(), err)
	}
	rs.wall, rs.cpu, rs.alloc = wall, cpu, readMetric(allocsMetric)-a0
	o := newOutcome(res)
	if s.ref == nil {
		s.ref = o
		s.sessions, s.bars, s.assetBars = len(res.Snapshots), res.Bars, int64(res.AssetBars)
	} else if err := s.ref.same(o); err != nil {
		return rs, fmt.Errorf("%s on %s: two runs over the same data differ: %w", s.cfg.Name, s.backend(), err)
	}
	return rs, nil
}

func (s *typed[N]) once(ctx context.Context) error {
	_, err := backtest(ctx, s.cfg, s.data, s.env)
	return err
}

func (s *typed[N]) outcome() *outcome { return s.ref }

func (s *typed[N]) shape() (int, int, int64) { return s.sessions, s.bars, s.assetBars }

func (s *typed[N]) release() { s.data = nil }
