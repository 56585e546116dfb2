package sweep

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"

	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/report"
)

// Spec is what a sweep runs: the sweep block and, for a walk-forward
// study, the walk_forward block.
type Spec struct {
	Sweep       config.Sweep
	WalkForward *config.WalkForward
}

// SpecOf returns the Spec of a config that has a sweep block.
func SpecOf(c *config.Config) (Spec, error) {
	if c.Sweep == nil {
		return Spec{}, fmt.Errorf("the config has no sweep block")
	}
	return Spec{Sweep: *c.Sweep, WalkForward: c.WalkForward}, nil
}

// DefaultTop is the number of rows kept in each ranking.
const DefaultTop = 10

// Options tune a sweep. The zero value runs the whole sweep on
// GOMAXPROCS goroutines and writes no file.
type Options struct {
	// Workers is the number of runs at once; 0 means GOMAXPROCS.
	Workers int
	// Shard runs only that shard's runs (see Shard); the zero Shard runs
	// them all.
	Shard Shard
	// Out is the folder of the results (see the package documentation);
	// "" writes nothing (read the Result, or OnRow).
	Out string
	// Resume continues the interrupted sweep in Out: the rows already
	// written are kept and their runs skipped.
	Resume bool
	// Report configures each run's summary (name, metrics) and the
	// reports of best/ and walkforward/.
	Report report.Options
	// Top is the number of rows kept in each ranking; 0 means DefaultTop.
	Top int
	// Progress, if set, is called after each row with the rows done
	// (resumed ones included) and the rows of the shard.
	Progress func(done, total int64)
	// OnRow, if set, receives each new row, in the order of results.csv.
	OnRow func(Row)
	// Meta is recorded in the folders' manifests (merges and resumes
	// check it).
	Meta Meta
}

// Ranking is the best rows of one backend (and, in a walk-forward, one
// fold): OK rows that meet the constraints, best first by the metric,
// ties to the earlier row.
type Ranking struct {
	Backend string
	Fold    int
	// Eligible counts the rows that met the constraints.
	Eligible int64
	Rows     []Row
}

// Result is what a sweep did.
type Result struct {
	// Keys are the swept keys (the columns of Row.Values).
	Keys []string
	// Runs is the number of runs of the whole sweep (combinations, times
	// folds in a walk-forward); Rows the rows of this shard (runs times
	// backends) and Resumed those found already written.
	Runs          int64
	Rows, Resumed int64
	// OK, Skipped and Failed count the rows by status.
	OK, Skipped, Failed int64
	// Rankings holds one ranking per backend (per fold and backend in a
	// walk-forward), in backend order.
	Rankings []Ranking
	// WalkForward is the out-of-sample study, once every fold is done.
	WalkForward *WalkForwardResult
}

// ErrInterrupted is returned (wrapping the context's error) by a sweep
// stopped by its context after writing the rows that finished.
var ErrInterrupted = errors.New("sweep: interrupted")

// sweep is one sweep's prepared state.
type sweep struct {
	spec     Spec
	opts     Options
	backends []Backend
	names    []string
	space    *Space
	folds    []fold
	layout   *layout
	runs     int64 // of the whole sweep
	res      *Result
	coll     *collector
}

// Run runs a sweep: every combination of spec (or its random sample), on
// every backend, over the backends' data, on opts.Workers goroutines. Each
// backend's bars are shared read-only by all its runs (each run has its
// own cursor, strategy and ledger). With opts.Out set, it writes the
// results as the package documentation describes. The rows are the same,
// byte for byte, whatever the number of workers and of shards.
//
// Invalid input (the spec, a metric that is not a column, a shard out of
// range, backends that do not match the spec's) is an error before
// anything is written. A cancelled ctx stops the sweep after writing the
// rows that finished; the error then wraps ErrInterrupted.
func Run(ctx context.Context, spec Spec, opts Options, backends ...Backend) (*Result, error) {
	s, err := prepare(spec, opts, backends)
	if err != nil {
		return nil, &InputError{err}
	}
	defer func() {
		for _, b := range backends {
			b.drop()
		}
	}()
	if opts.Out == "" {
		err = s.runStream(ctx)
	} else {
		err = s.runFiles(ctx)
	}
	if err != nil {
		return s.res, err
	}
	if opts.Shard.count() == 1 {
		if err := s.finish(ctx, opts.Out); err != nil {
			return s.res, err
		}
	}
	s.res.Rankings = s.coll.rankings()
	return s.res, nil
}

// prepare checks everything a sweep needs before it writes anything.
func prepare(spec Spec, opts Options, backends []Backend) (*sweep, error) {
	space, err := NewSpace(&spec.Sweep)
	if err != nil {
		return nil, err
	}
	if err := opts.Shard.Validate(); err != nil {
		return nil, err
	}
	if opts.Workers < 0 {
		return nil, fmt.Errorf("sweep: workers must be at least 1, got %d", opts.Workers)
	}
	if opts.Workers == 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Top <= 0 {
		opts.Top = DefaultTop
	}
	if err := opts.Report.Validate(); err != nil {
		return nil, err
	}
	if len(backends) == 0 {
		return nil, fmt.Errorf("sweep: no backend to run")
	}
	var names []string
	for _, b := range backends {
		if slices.Contains(names, b.Name()) {
			return nil, fmt.Errorf("sweep: backend %s given twice", b.Name())
		}
		names = append(names, b.Name())
	}
	if want := spec.Sweep.Backends; len(want) > 0 && !slices.Equal(want, names) {
		return nil, fmt.Errorf("%s: the sweep lists backends %v, the data is loaded for %v", lineOf("sweep.backends", spec.Sweep.Line), want, names)
	}
	if _, err := newRanker(&spec.Sweep, 1); err != nil {
		return nil, err
	}
	s := &sweep{spec: spec, opts: opts, backends: backends, names: names, space: space,
		layout: &layout{walk: spec.WalkForward != nil, keys: space.Keys(), backends: names}}
	s.runs = space.Trials()
	if wf := spec.WalkForward; wf != nil {
		if err := wf.Validate(); err != nil {
			return nil, err
		}
		ref := backends[0].sessions()
		for _, b := range backends[1:] {
			if !sameSessions(ref, b.sessions()) {
				return nil, fmt.Errorf("sweep: backends %s and %s have different sessions", names[0], b.Name())
			}
		}
		if s.folds, err = makeFolds(ref, wf); err != nil {
			return nil, err
		}
		if s.runs > config.MaxCombinations/int64(len(s.folds)) {
			return nil, fmt.Errorf("sweep: %d folds of %d runs are too many", len(s.folds), s.runs)
		}
		s.runs *= int64(len(s.folds))
	}
	s.res = &Result{Keys: space.Keys(), Runs: s.runs, Rows: opts.Shard.Len(s.runs) * int64(len(backends))}
	s.coll, _ = newCollector(s)
	return s, nil
}

// jobs is the number of rows of the shard.
func (s *sweep) jobs() int64 { return s.res.Rows }

// rowKey returns the order of a row in the whole sweep's results.csv.
func (s *sweep) rowKey(r *Row) int64 {
	return (int64(r.Fold)*s.space.Trials()+r.Trial)*int64(len(s.backends)) + int64(s.layout.backendIndex(r))
}

// jobOf returns the job of the shard that wrote a row, or -1 if the row
// is not one of the shard's.
func (s *sweep) jobOf(r *Row) int64 {
	k := s.rowKey(r)
	b := int64(len(s.backends))
	run := k / b
	if run >= s.runs || s.opts.Shard.Owner(run) != s.opts.Shard.Index {
		return -1
	}
	return (run-int64(s.opts.Shard.Index))/int64(s.opts.Shard.count())*b + k%b
}

// work runs job j.
func (s *sweep) work(ctx context.Context, j int64) (Row, error) {
	b := int64(len(s.backends))
	run := s.opts.Shard.At(j / b)
	fold, trial := 0, run
	w := window{0, len(s.backends[0].sessions())}
	if s.folds != nil {
		fold, trial = int(run/s.space.Trials()), run%s.space.Trials()
		w = s.folds[fold].train
	}
	row, err := s.backends[j%b].eval(ctx, s.space.Trial(trial), w, s.opts.Report)
	row.Fold = fold
	return row, err
}

// newPool returns the pool of the shard's jobs from start on.
func (s *sweep) newPool(start int64, pending map[int64]Row, emit func(j int64, r *Row) error) *pool {
	if pending == nil {
		pending = map[int64]Row{}
	}
	// The dispatcher reads this copy: the pool's own map changes as rows
	// are emitted.
	resumed := make(map[int64]bool, len(pending))
	for j := range pending {
		resumed[j] = true
	}
	return &pool{
		workers: s.opts.Workers,
		window:  256 * s.opts.Workers,
		n:       s.jobs(),
		start:   start,
		done:    func(j int64) bool { return resumed[j] },
		pending: pending,
		work:    s.work,
		emit:    emit,
	}
}

// accept counts and ranks a new row.
func (s *sweep) accept(r *Row) {
	s.coll.add(r)
	if s.opts.OnRow != nil {
		s.opts.OnRow(*r)
	}
	if s.opts.Progress != nil {
		s.opts.Progress(s.coll.rows, s.jobs())
	}
}

// runStream runs the shard without files.
func (s *sweep) runStream(ctx context.Context) error {
	p := s.newPool(0, nil, func(_ int64, r *Row) error {
		s.accept(r)
		return nil
	})
	return interrupted(ctx, p.run(ctx))
}

// interrupted wraps an error caused by ctx's cancellation in
// ErrInterrupted.
func interrupted(ctx context.Context, err error) error {
	if err != nil && ctx.Err() != nil && (errors.Is(err, ctx.Err()) || errors.Is(err, errInterrupted)) {
		return fmt.Errorf("%w: %w", ErrInterrupted, ctx.Err())
	}
	return err
}
