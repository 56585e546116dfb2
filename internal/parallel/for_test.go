package parallel

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
)

func TestForVisitsEachIndexOnce(t *testing.T) {
	for _, tc := range []struct{ n, limit int }{{0, 4}, {1, 4}, {1000, 3}, {5, 100}, {64, 0}, {64, -1}} {
		t.Run(fmt.Sprintf("n%d-limit%d", tc.n, tc.limit), func(t *testing.T) {
			seen := make([]atomic.Int32, tc.n)
			err := For(context.Background(), tc.n, tc.limit, func(_ context.Context, i int) error {
				seen[i].Add(1)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for i := range seen {
				if c := seen[i].Load(); c != 1 {
					t.Errorf("index %d ran %d times", i, c)
				}
			}
		})
	}
}

// TestForBound: no more than limit iterations run at once, and limit do
// (the first limit iterations wait until all of them are in).
func TestForBound(t *testing.T) {
	for _, limit := range []int{1, 2, 3, 7} {
		t.Run(fmt.Sprint(limit), func(t *testing.T) {
			var active, most atomic.Int32
			all := make(chan struct{})
			var arrived atomic.Int32
			err := For(context.Background(), 50, limit, func(_ context.Context, i int) error {
				a := active.Add(1)
				defer active.Add(-1)
				for {
					m := most.Load()
					if a <= m || most.CompareAndSwap(m, a) {
						break
					}
				}
				if i < limit {
					if arrived.Add(1) == int32(limit) {
						close(all)
					}
					<-all
				}
				runtime.Gosched()
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if m := most.Load(); m != int32(limit) {
				t.Errorf("at most %d iterations ran at once, want %d", m, limit)
			}
		})
	}
}

func TestForDefaultLimit(t *testing.T) {
	states := 0
	var mu sync.Mutex
	err := ForEach(context.Background(), 1000, 0, func() *int {
		mu.Lock()
		defer mu.Unlock()
		states++
		return new(int)
	}, func(_ context.Context, s *int, i int) error {
		*s += i
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if states > runtime.GOMAXPROCS(0) {
		t.Errorf("%d states for GOMAXPROCS %d", states, runtime.GOMAXPROCS(0))
	}
}

// TestForFirstError: after a failure no index is handed out, and the
// error of the lowest failing index is returned.
func TestForFirstError(t *testing.T) {
	boom := func(i int) error { return fmt.Errorf("iteration %d failed", i) }

	// One worker: exactly the indices up to the failure run.
	var ran atomic.Int32
	err := For(context.Background(), 100, 1, func(_ context.Context, i int) error {
		ran.Add(1)
		if i == 5 {
			return boom(i)
		}
		return nil
	})
	if err == nil || err.Error() != "iteration 5 failed" || ran.Load() != 6 {
		t.Errorf("err %v after %d iterations, want iteration 5's after 6", err, ran.Load())
	}

	// Three workers: index 3 fails after index 7 did; 3's error wins.
	// Iterations past 7 wait for the stop, so one of them at most (8) is
	// handed out before it.
	sevenFailed := make(chan struct{})
	var started sync.Map
	err = For(context.Background(), 1000, 3, func(ctx context.Context, i int) error {
		started.Store(i, true)
		switch {
		case i == 3:
			<-sevenFailed
			return boom(i)
		case i == 7:
			defer close(sevenFailed)
			return boom(i)
		case i > 7:
			<-ctx.Done()
		}
		return nil
	})
	if err == nil || err.Error() != "iteration 3 failed" {
		t.Errorf("err %v, want iteration 3's", err)
	}
	started.Range(func(k, _ any) bool {
		if k.(int) > 8 {
			t.Errorf("index %d started after the failure", k)
		}
		return true
	})

	// A context error caused by the stop comes after the real one.
	err = For(context.Background(), 10, 2, func(ctx context.Context, i int) error {
		switch i {
		case 0:
			<-ctx.Done()
			return ctx.Err()
		case 1:
			return boom(i)
		}
		return nil
	})
	if err == nil || err.Error() != "iteration 1 failed" {
		t.Errorf("err %v, want iteration 1's, not the cancellation it caused", err)
	}
}

func TestForCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	if err := For(ctx, 10, 2, func(context.Context, int) error { called = true; return nil }); !errors.Is(err, context.Canceled) || called {
		t.Errorf("cancelled before: err %v, called %v", err, called)
	}

	// Cancelled by iteration 10, with one worker: 11 iterations, then the
	// context's error.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	var ran atomic.Int32
	err := For(ctx, 100, 1, func(_ context.Context, i int) error {
		ran.Add(1)
		if i == 10 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) || ran.Load() != 11 {
		t.Errorf("err %v after %d iterations, want context.Canceled after 11", err, ran.Load())
	}

	// Cancelled after the last index was handed out: every iteration
	// succeeded, so no error.
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	if err := For(ctx, 3, 1, func(_ context.Context, i int) error {
		if i == 2 {
			cancel()
		}
		return nil
	}); err != nil {
		t.Errorf("cancelled during the last iteration: %v", err)
	}
}

// TestForEachState: a state is never used by two iterations at once, and
// there is at most one per worker.
func TestForEachState(t *testing.T) {
	type scratch struct {
		busy atomic.Bool
		buf  []int
	}
	var made atomic.Int32
	sums := make([]int, 200)
	err := ForEach(context.Background(), len(sums), 4, func() *scratch {
		made.Add(1)
		return &scratch{}
	}, func(_ context.Context, s *scratch, i int) error {
		if !s.busy.CompareAndSwap(false, true) {
			return fmt.Errorf("state shared by two iterations at once (index %d)", i)
		}
		defer s.busy.Store(false)
		s.buf = s.buf[:0]
		for k := range i {
			s.buf = append(s.buf, k)
		}
		for _, v := range s.buf {
			sums[i] += v
		}
		runtime.Gosched()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if m := made.Load(); m < 1 || m > 4 {
		t.Errorf("%d states for 4 workers", m)
	}
	for i, s := range sums {
		if s != i*(i-1)/2 {
			t.Fatalf("sum %d = %d, want %d", i, s, i*(i-1)/2)
		}
	}
}
