package sweep

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// backends returns the cross strategy over the same bars on the fixed,
// decimal and float backends.
func backends(t testing.TB, seed uint64) []Backend {
	return []Backend{
		On(testData[numeric.Fixed](t, 3, "2023-01-03", "2023-12-29", seed, ""), crossFactory[numeric.Fixed]),
		On(testData[numeric.Decimal](t, 3, "2023-01-03", "2023-12-29", seed, ""), crossFactory[numeric.Decimal]),
		On(testData[numeric.Float](t, 3, "2023-01-03", "2023-12-29", seed, ""), crossFactory[numeric.Float]),
	}
}

func meta() Meta { return Meta{Version: "test", Config: []byte("the config")} }

func run(t testing.TB, spec Spec, opts Options, bs []Backend) *Result {
	t.Helper()
	if opts.Meta.Version == "" {
		opts.Meta = meta()
	}
	res, err := Run(context.Background(), spec, opts, bs...)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestResultsDoNotDependOnWorkersOrShards runs the same sweep (three
// backends) on 1, 2 and 5 workers, and as 2, 3 and 7 shards merged: every
// results.csv is the same, byte for byte.
func TestResultsDoNotDependOnWorkersOrShards(t *testing.T) {
	spec := parseSweep(t, crossSweep)
	bs := backends(t, 1)
	want := ""
	for _, workers := range []int{1, 2, 5} {
		dir := t.TempDir()
		res := run(t, spec, Options{Out: dir, Workers: workers}, bs)
		got := resultsOf(t, dir)
		if want == "" {
			want = got
			if res.Runs != 24 || res.Rows != 72 || res.OK != 54 || res.Skipped != 18 || res.Failed != 0 {
				t.Fatalf("result %+v", res)
			}
			if n := strings.Count(got, "\n"); n != 73 {
				t.Fatalf("%d lines", n)
			}
			continue
		}
		if got != want {
			t.Fatalf("%d workers: results.csv differs from 1 worker's", workers)
		}
	}
	for _, n := range []int{2, 3, 7} {
		dir := t.TempDir()
		for i := range n {
			res := run(t, spec, Options{Out: dir, Workers: 2, Shard: Shard{Index: i, Count: n}}, bs)
			if res.Rows != (Shard{Index: i, Count: n}).Len(24)*3 {
				t.Fatalf("shard %d/%d: %d rows", i, n, res.Rows)
			}
			if _, err := os.Stat(filepath.Join(dir, "results.csv")); err == nil {
				t.Fatal("a shard wrote the merged results")
			}
		}
		res, err := Merge(context.Background(), spec, Options{Out: dir, Meta: meta()}, bs...)
		if err != nil {
			t.Fatal(err)
		}
		if got := resultsOf(t, dir); got != want {
			t.Fatalf("%d shards merged: results.csv differs from one process's", n)
		}
		if res.Rows != 72 || res.OK != 54 {
			t.Fatalf("merge result %+v", res)
		}
	}
}

// TestSkippedRows: the factory's rejection (fast >= slow) is a skipped row
// with the reason, and no metric.
func TestSkippedRows(t *testing.T) {
	spec := parseSweep(t, crossSweep)
	dir := t.TempDir()
	run(t, spec, Options{Out: dir}, backends(t, 1)[:1])
	lines := strings.Split(resultsOf(t, dir), "\n")
	// index 4 is fast=4, slow=5 (ok); index 8 is fast=6, slow=5 (skipped).
	if !strings.HasPrefix(lines[1+4], "4,4,5,fixed,ok,,100000,") {
		t.Fatalf("row 4: %s", lines[1+4])
	}
	if lines[1+8] != "8,6,5,fixed,skipped,\"fast must be in [1, slow), got 6 and 5\""+strings.Repeat(",", len(MetricColumns())) {
		t.Fatalf("row 8: %s", lines[1+8])
	}
}

// TestInterruptAndResume stops a sweep after some rows (as Ctrl-C does),
// resumes it, and gets the uninterrupted sweep's files; also from a
// partial file with a torn last row, and from one with a gap (rows that
// finished while an earlier one was stopped).
func TestInterruptAndResume(t *testing.T) {
	spec := parseSweep(t, crossSweep)
	bs := backends(t, 2)
	full := t.TempDir()
	run(t, spec, Options{Out: full, Workers: 2}, bs)
	want := resultsOf(t, full)
	wantLines := strings.SplitAfter(want, "\n")

	interrupt := func(t *testing.T, after int) string {
		dir := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		rows := 0
		_, err := Run(ctx, spec, Options{Out: dir, Workers: 2, Meta: meta(), OnRow: func(Row) {
			if rows++; rows == after {
				cancel()
			}
		}}, bs...)
		if !errors.Is(err, ErrInterrupted) || !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted run: %v", err)
		}
		if _, err := os.Stat(filepath.Join(dir, "results.csv")); err == nil {
			t.Fatal("an interrupted sweep wrote its final results")
		}
		part := read(t, filepath.Join(dir, ".partial", "results.csv"))
		if n := strings.Count(part, "\n") - 1; n < after || n >= 72 {
			t.Fatalf("the partial file has %d rows after %d", n, after)
		}
		return dir
	}
	resume := func(t *testing.T, dir string) *Result {
		// Without --resume, the interrupted sweep is not overwritten.
		_, err := Run(context.Background(), spec, Options{Out: dir, Meta: meta()}, bs...)
		if err == nil || !strings.Contains(err.Error(), "resume it") {
			t.Fatalf("rerun over a partial sweep: %v", err)
		}
		res := run(t, spec, Options{Out: dir, Workers: 3, Resume: true}, bs)
		if got := resultsOf(t, dir); got != want {
			t.Fatalf("resumed results differ:\n%s", diff(got, want))
		}
		if _, err := os.Stat(filepath.Join(dir, ".partial")); err == nil {
			t.Fatal(".partial left behind")
		}
		return res
	}

	t.Run("interrupted", func(t *testing.T) {
		dir := interrupt(t, 20)
		res := resume(t, dir)
		if res.Resumed < 20 || res.OK+res.Skipped != 72 {
			t.Fatalf("resumed %d rows; %+v", res.Resumed, res)
		}
	})
	t.Run("torn row", func(t *testing.T) {
		dir := interrupt(t, 10)
		p := filepath.Join(dir, ".partial", "results.csv")
		part := read(t, p)
		n := strings.Count(part, "\n")
		torn := wantLines[n][:len(wantLines[n])/2] // half of the next row
		if err := os.WriteFile(p, []byte(part+torn), 0o644); err != nil {
			t.Fatal(err)
		}
		resume(t, dir)
	})
	t.Run("gap", func(t *testing.T) {
		dir := interrupt(t, 5)
		// Rows 0-29, then 31-35: run 10's fixed row (line 31) is missing.
		part := strings.Join(wantLines[:31], "") + strings.Join(wantLines[32:37], "")
		if err := os.WriteFile(filepath.Join(dir, ".partial", "results.csv"), []byte(part), 0o644); err != nil {
			t.Fatal(err)
		}
		res := resume(t, dir)
		if res.Resumed != 30 {
			t.Fatalf("resumed %d rows, want the 30 before the gap", res.Resumed)
		}
	})
	t.Run("other config", func(t *testing.T) {
		dir := interrupt(t, 5)
		_, err := Run(context.Background(), spec, Options{Out: dir, Resume: true, Meta: Meta{Version: "test", Config: []byte("another")}}, bs...)
		if err == nil || !strings.Contains(err.Error(), "different configs") {
			t.Fatalf("resume with another config: %v", err)
		}
	})
	t.Run("finished", func(t *testing.T) {
		dir := t.TempDir()
		run(t, spec, Options{Out: dir}, bs)
		res := run(t, spec, Options{Out: dir, Resume: true}, bs)
		if res.Resumed != 72 || resultsOf(t, dir) != want {
			t.Fatalf("resume of a finished sweep: %+v", res)
		}
	})
}

// TestBadInputWritesNothing: each bad input is an error before any file
// is written.
func TestBadInputWritesNothing(t *testing.T) {
	bs := backends(t, 1)
	for _, tc := range []struct {
		name  string
		block string
		opts  Options
		bs    []Backend
		want  string
	}{
		{"unknown metric", strings.Replace(crossSweep, "sharpe_ratio", "sharp", 1), Options{}, bs, `sweep.metric (line 14): unknown metric "sharp"`},
		{"unknown constraint", crossSweep + "  constraints: {drawdown: -0.2}\n", Options{}, bs, `sweep.constraints.drawdown (line 15): unknown metric "drawdown"`},
		{"shard 3/3", crossSweep, Options{Shard: Shard{Index: 3, Count: 3}}, bs, "the index must be in 0..2"},
		{"backends", crossSweep + "  backends: [fixed]\n", Options{}, bs, "the sweep lists backends [fixed], the data is loaded for [fixed decimal float]"},
		{"twice", crossSweep, Options{}, []Backend{bs[0], bs[0]}, "backend fixed given twice"},
		{"workers", crossSweep, Options{Workers: -1}, bs, "workers must be at least 1"},
		{"walk-forward too long", crossSweep + "walk_forward: {train: 1y, test: 1m, step: 1m}\n", Options{}, bs, "walk_forward (line 15): train 1y and test 1m do not fit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "out")
			tc.opts.Out = dir
			_, err := Run(context.Background(), parseSweep(t, tc.block), tc.opts, tc.bs...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			if _, err := os.Stat(dir); err == nil {
				t.Fatal("the output folder was created")
			}
		})
	}
}

// diff shows the first differing line of two texts.
func diff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n got %s\nwant %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(al), len(bl))
}

// TestScratchesBounded: the scratches that runs hand their storage on
// with are at most one per worker while a sweep runs (checked at every
// row), and the sweep lets go of them when it ends.
func TestScratchesBounded(t *testing.T) {
	spec := parseSweep(t, crossSweep)
	bs := backends(t, 1)
	const workers = 3
	most := 0
	held := func() (n int) {
		for _, b := range bs {
			for _, count := range []func(Backend) int{scratchesOf[numeric.Fixed], scratchesOf[numeric.Decimal], scratchesOf[numeric.Float]} {
				n = max(n, count(b))
			}
		}
		return n
	}
	res := run(t, spec, Options{Workers: workers, OnRow: func(Row) { most = max(most, held()) }}, bs)
	if res.OK == 0 {
		t.Fatalf("result %+v: no run went through", res)
	}
	if most == 0 || most > workers {
		t.Errorf("at most %d scratches held at a row, want 1 to %d", most, workers)
	}
	if n := held(); n != 0 {
		t.Errorf("%d scratches held after the sweep", n)
	}
}

// scratchesOf returns the scratches b holds if it is a backend of N.
func scratchesOf[N numeric.Number[N]](b Backend) int {
	bn, ok := b.(*backend[N])
	if !ok {
		return 0
	}
	bn.mu.Lock()
	defer bn.mu.Unlock()
	return len(bn.scratches)
}
