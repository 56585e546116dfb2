package sweep

import (
	"context"
	"errors"
	"sync"
)

// pool runs jobs 0..n-1 on a number of goroutines and hands their rows to
// emit in job order, whatever order they finish in. The jobs are
// dispatched in order, at most window ahead of the first row not yet
// emitted, so the rows held waiting for an earlier one are bounded by
// window: memory does not grow with n.
type pool struct {
	workers, window int
	n               int64
	// start is the first job to run; done reports the jobs after start
	// whose rows are already in hand (pending, from a resumed file).
	start   int64
	done    func(j int64) bool
	pending map[int64]Row
	// held marks the pending rows that hold a dispatch token.
	held map[int64]bool
	work func(ctx context.Context, j int64) (Row, error)
	emit func(j int64, r *Row) error
}

type finished struct {
	j   int64
	row Row
	err error
}

// run runs the pool. When ctx is cancelled it stops dispatching, lets the
// runs under way stop, emits every row that finished (in order, skipping
// the jobs that did not) and returns ctx's error. A work or emit error
// stops it the same way and is returned.
func (p *pool) run(ctx context.Context) error {
	inner, cancel := context.WithCancel(ctx)
	defer cancel()
	jobs := make(chan int64)
	results := make(chan finished, p.workers)
	tokens := make(chan struct{}, p.window)

	go func() { // the dispatcher
		defer close(jobs)
		for j := p.start; j < p.n; j++ {
			if p.done(j) {
				continue
			}
			select {
			case tokens <- struct{}{}:
			case <-inner.Done():
				return
			}
			select {
			case jobs <- j:
			case <-inner.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for range p.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				row, err := p.work(inner, j)
				results <- finished{j: j, row: row, err: err}
			}
		}()
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	p.held = map[int64]bool{}
	var first error
	fail := func(err error) {
		if first == nil {
			first = err
			cancel()
		}
	}
	next := p.start
	// flush emits the rows in hand from next on, in order, up to the
	// first missing one (all of them, skipping gaps, when final).
	flush := func(final bool) {
		for next < p.n && first == nil {
			row, ok := p.pending[next]
			if !ok {
				if final {
					next++
					continue
				}
				return
			}
			delete(p.pending, next)
			if p.held[next] {
				delete(p.held, next)
				<-tokens
			}
			if err := p.emit(next, &row); err != nil {
				fail(err)
				return
			}
			next++
		}
	}
	flush(false)
	for f := range results {
		switch {
		case errors.Is(f.err, errInterrupted):
			<-tokens
		case f.err != nil:
			<-tokens
			fail(f.err)
		case first != nil:
			<-tokens
		default:
			p.pending[f.j] = f.row
			p.held[f.j] = true // the row holds its token until emitted
		}
		flush(false)
	}
	if first == nil {
		flush(true)
	}
	if first != nil {
		return first
	}
	return ctx.Err()
}
