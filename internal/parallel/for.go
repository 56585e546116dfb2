package parallel

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls fn(ctx, i) for every i in [0, n) on at most limit goroutines
// (limit < 1 means runtime.GOMAXPROCS(0)), handing out the indices in
// increasing order. ctx is cancelled when an iteration fails.
//
// When an iteration returns an error, or ctx is cancelled, no further
// index is handed out; the iterations under way finish. For then returns
// the error of the lowest index that failed, errors of the context
// (context.Canceled, context.DeadlineExceeded) coming after any other
// error; if no iteration failed but ctx was cancelled before every index
// was handed out, it returns ctx's error. It returns nil when every
// iteration returned nil.
func For(ctx context.Context, n, limit int, fn func(ctx context.Context, i int) error) error {
	return ForEach(ctx, n, limit, func() struct{} { return struct{}{} },
		func(ctx context.Context, _ struct{}, i int) error { return fn(ctx, i) })
}

// ForEach is For with a state per worker: each goroutine calls newState
// once, before its first iteration, and passes the state to each of its
// calls of fn, one at a time.
func ForEach[S any](ctx context.Context, n, limit int, newState func() S, fn func(ctx context.Context, s S, i int) error) error {
	if n <= 0 {
		return ctx.Err()
	}
	if limit < 1 {
		limit = runtime.GOMAXPROCS(0)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		next    atomic.Int64
		failed  atomic.Bool
		mu      sync.Mutex
		errIdx  = -1
		firstEr error
		wg      sync.WaitGroup
	)
	record := func(i int, err error) {
		mu.Lock()
		defer mu.Unlock()
		if firstEr == nil || before(i, err, errIdx, firstEr) {
			errIdx, firstEr = i, err
		}
	}
	for range min(limit, n) {
		wg.Go(func() {
			var s S
			started := false
			for !failed.Load() && ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if !started {
					s, started = newState(), true
				}
				if err := fn(ctx, s, i); err != nil {
					record(i, err)
					failed.Store(true)
					cancel()
				}
			}
		})
	}
	wg.Wait()
	if firstEr != nil {
		return firstEr
	}
	if int(next.Load()) < n {
		// Stopped by the caller's context before the end.
		return context.Cause(ctx)
	}
	return nil
}

// before reports whether the error err of iteration i is the one to
// return rather than the error e of iteration j: an error that is not the
// context's comes first, then the lower index.
func before(i int, err error, j int, e error) bool {
	ci, cj := isContext(err), isContext(e)
	if ci != cj {
		return cj
	}
	return i < j
}

func isContext(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
