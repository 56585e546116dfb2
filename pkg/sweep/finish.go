package sweep

import (
	"context"
	"fmt"
	"path/filepath"
)

// collector counts and ranks the rows of a sweep as they come, in the
// order of results.csv: one ranker per fold (a single one for a plain
// sweep), each keeping its top rows per backend.
type collector struct {
	s       *sweep
	rankers []*ranker
	rows    int64
}

func newCollector(s *sweep) (*collector, error) {
	c := &collector{s: s}
	for range max(len(s.folds), 1) {
		r, err := newRanker(&s.spec.Sweep, s.opts.Top)
		if err != nil {
			return nil, err
		}
		c.rankers = append(c.rankers, r)
	}
	return c, nil
}

func (c *collector) add(r *Row) {
	c.rows++
	switch r.Status {
	case OK:
		c.s.res.OK++
	case Skipped:
		c.s.res.Skipped++
	case Failed:
		c.s.res.Failed++
	}
	if r.Fold < len(c.rankers) {
		c.rankers[r.Fold].add(*r, c.s.rowKey(r))
	}
}

// rankings returns the rankings, by fold then backend.
func (c *collector) rankings() []Ranking {
	var out []Ranking
	for f, r := range c.rankers {
		for _, b := range c.s.names {
			out = append(out, Ranking{Backend: b, Fold: f, Eligible: r.eligible[b], Rows: r.ranking(b)})
		}
	}
	return out
}

// finish writes what comes of the whole sweep's rows: results.parquet,
// best/ for a sweep or walkforward/ for a walk-forward study (the latter
// also without a folder: its result is returned), and report.html.
func (s *sweep) finish(ctx context.Context, out string) error {
	if out != "" {
		if err := writeParquet(filepath.Join(out, resultsName), filepath.Join(out, "results.parquet"), s.layout); err != nil {
			return err
		}
	}
	if s.folds != nil {
		wf, err := s.walkForward(ctx, out)
		s.res.WalkForward = wf
		if err != nil {
			return err
		}
	} else if out != "" {
		if err := s.writeBest(ctx, out); err != nil {
			return err
		}
	}
	if out == "" {
		return nil
	}
	return s.writeHTML(out)
}

// writeBest runs the best combination of each backend again and writes
// its full outputs (summary.json, daily.csv, transactions.csv,
// orders.csv, report.html) into OUT/best, or OUT/best/BACKEND when
// several backends run. A backend without an eligible row gets none.
func (s *sweep) writeBest(ctx context.Context, out string) error {
	r := s.coll.rankers[0]
	w := window{0, len(s.backends[0].sessions())}
	for i, b := range s.backends {
		top := r.ranking(b.Name())
		if len(top) == 0 {
			continue
		}
		dir := filepath.Join(out, "best")
		if len(s.backends) > 1 {
			dir = filepath.Join(dir, b.Name())
		}
		best := top[0]
		c := s.space.Trial(best.Trial)
		t, err := s.backends[i].run(ctx, c, w, "", s.opts.Report)
		if err != nil {
			return interrupted(ctx, err)
		}
		if t.write == nil || t.row.Status != OK {
			return fmt.Errorf("sweep: the best combination (index %d, %s) did not run again: %s", best.Trial, b.Name(), t.row.Reason)
		}
		if err := t.write(dir, s.opts.Report); err != nil {
			return err
		}
	}
	return nil
}
