package sweep

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"
	"time"
)

// TestPoolOrderAndBound runs jobs that finish out of order (job 3 of
// every 50 is slow): rows are emitted in job order, and the rows held
// waiting for an earlier one never exceed the window.
func TestPoolOrderAndBound(t *testing.T) {
	const n, window = 2000, 16
	var p *pool
	next := int64(0)
	most := 0
	p = &pool{workers: 4, window: window, n: n, done: func(int64) bool { return false }, pending: map[int64]Row{},
		work: func(ctx context.Context, j int64) (Row, error) {
			if j%50 == 3 {
				time.Sleep(2 * time.Millisecond)
			}
			return Row{Trial: j}, nil
		},
		emit: func(j int64, r *Row) error {
			if j != next || r.Trial != j {
				t.Fatalf("emitted job %d (row %d), want %d", j, r.Trial, next)
			}
			next++
			most = max(most, len(p.pending))
			return nil
		}}
	if err := p.run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if next != n {
		t.Fatalf("emitted %d rows", next)
	}
	if most > window || most == 0 {
		t.Fatalf("held %d rows at most, window %d", most, window)
	}
}

// TestPoolStops: a cancelled pool emits, in order, the rows that finished
// (with gaps where runs were stopped) and returns the context's error; a
// work error and an emit error stop it and are returned.
func TestPoolStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var got []int64
	rng := rand.New(rand.NewPCG(1, 2))
	delays := make([]time.Duration, 1000)
	for i := range delays {
		delays[i] = time.Duration(rng.IntN(300)) * time.Microsecond
	}
	p := &pool{workers: 3, window: 64, n: 1000, done: func(int64) bool { return false }, pending: map[int64]Row{},
		work: func(ctx context.Context, j int64) (Row, error) {
			if j == 100 {
				cancel()
			}
			if j >= 100 && j%7 == 0 {
				return Row{}, errInterrupted // stopped by the context
			}
			time.Sleep(delays[j])
			return Row{Trial: j}, nil
		},
		emit: func(j int64, r *Row) error { got = append(got, j); return nil }}
	err := p.run(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v", err)
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Fatalf("emitted %d after %d", got[i], got[i-1])
		}
	}
	if len(got) < 100 || len(got) > 1000 {
		t.Fatalf("emitted %d rows", len(got))
	}
	for i := range int64(100) {
		if got[i] != i {
			t.Fatalf("row %d missing before the cancellation", i)
		}
	}

	boom := errors.New("boom")
	for _, tc := range []struct {
		work func(context.Context, int64) (Row, error)
		emit func(int64, *Row) error
	}{
		{func(_ context.Context, j int64) (Row, error) {
			if j == 40 {
				return Row{}, boom
			}
			return Row{}, nil
		}, func(int64, *Row) error { return nil }},
		{func(context.Context, int64) (Row, error) { return Row{}, nil }, func(j int64, _ *Row) error {
			if j == 40 {
				return boom
			}
			return nil
		}},
	} {
		p := &pool{workers: 2, window: 8, n: 1000, done: func(int64) bool { return false }, pending: map[int64]Row{}, work: tc.work, emit: tc.emit}
		if err := p.run(context.Background()); !errors.Is(err, boom) {
			t.Fatalf("error %v, want boom", err)
		}
	}
}
