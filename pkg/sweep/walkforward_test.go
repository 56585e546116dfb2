package sweep

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
)

const wfSweep = crossSweep + "walk_forward: {train: 6m, test: 3m, step: 3m}\n"

func wfBackend(t testing.TB, from string) Backend {
	return On(testData[numeric.Fixed](t, 3, "2022-01-03", "2023-12-29", 5, from), crossFactory[numeric.Fixed])
}

func TestWalkForward(t *testing.T) {
	spec := parseSweep(t, wfSweep)
	dir := t.TempDir()
	res := run(t, spec, Options{Out: dir, Workers: 2}, []Backend{wfBackend(t, "")})
	wf := res.WalkForward
	if wf == nil || len(wf.Folds) != 5 || res.Runs != 5*24 {
		t.Fatalf("result %+v", res)
	}
	var dates []string
	for k, f := range wf.Folds {
		if f.Chosen == nil || f.Test == nil || f.Test.Status != OK {
			t.Fatalf("fold %d: %+v", k, f)
		}
		// The chosen row is the fold's best: the first of its ranking.
		if r := res.Rankings[k]; r.Fold != k || r.Rows[0].Trial != f.Chosen.Trial || r.Rows[0].Fold != k {
			t.Fatalf("fold %d chose %d, ranking %+v", k, f.Chosen.Trial, r)
		}
		if !f.TrainEnd.Before(f.TestStart) || (k > 0 && !wf.Folds[k-1].TestEnd.Before(f.TestStart)) {
			t.Fatalf("fold %d windows %v %v %v %v", k, f.TrainStart, f.TrainEnd, f.TestStart, f.TestEnd)
		}
		// The account rolls over: each test starts with the last one's end.
		if k > 0 && f.StartValue != wf.Folds[k-1].EndValue {
			t.Fatalf("fold %d starts with %s, fold %d ended with %s", k, f.StartValue, k-1, wf.Folds[k-1].EndValue)
		}
		if f.Test.Metric("starting_cash") != f.StartValue || f.Test.Metric("ending_value") != f.EndValue {
			t.Fatalf("fold %d: test run %s -> %s, fold %s -> %s", k, f.Test.Metric("starting_cash"), f.Test.Metric("ending_value"), f.StartValue, f.EndValue)
		}
		dates = append(dates, f.TrainStart.Format(dateLayout), f.TestStart.Format(dateLayout), f.TestEnd.Format(dateLayout))
	}
	if got := strings.Join(dates[:6], " "); got != "2022-01-03 2022-07-05 2022-09-30 2022-04-04 2022-10-03 2022-12-30" {
		t.Fatalf("windows of folds 0 and 1: %s", got)
	}
	st := wf.OutOfSample[0]
	if st.StartingValue != "100000" || st.EndingValue != wf.Folds[4].EndValue {
		t.Fatalf("stitched %+v", st)
	}
	// equity.csv: one row per test session, the folds in order, each
	// fold's last value its end value.
	lines := strings.Split(strings.TrimSpace(read(t, filepath.Join(dir, "walkforward", "equity.csv"))), "\n")
	if lines[0] != "date,fold,portfolio_value,return" || len(lines)-1 != st.Sessions {
		t.Fatalf("equity.csv: %d lines, %d sessions", len(lines), st.Sessions)
	}
	last := map[string]string{}
	prev := ""
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		if f[0] <= prev {
			t.Fatalf("equity.csv dates out of order at %s", l)
		}
		prev = f[0]
		last[f[1]] = f[2]
	}
	for k, f := range wf.Folds {
		if last[strconv.Itoa(k)] != f.EndValue {
			t.Fatalf("fold %d ends at %s in equity.csv, %s in the result", k, last[strconv.Itoa(k)], f.EndValue)
		}
	}
	var sum map[string]any
	if err := json.Unmarshal([]byte(read(t, filepath.Join(dir, "walkforward", "summary.json"))), &sum); err != nil {
		t.Fatal(err)
	}
	if sum["ending_value"] != st.EndingValue || sum["folds"] != 5.0 || sum["sharpe_ratio"] == nil {
		t.Fatalf("summary.json %v", sum)
	}
	folds := strings.Split(strings.TrimSpace(read(t, filepath.Join(dir, "walkforward", "folds.csv"))), "\n")
	if len(folds) != 6 || !strings.HasPrefix(folds[0], "fold,train_start,train_end,test_start,test_end,status,index,fast,slow,in_sample_sharpe_ratio,out_of_sample_sharpe_ratio") {
		t.Fatalf("folds.csv:\n%s", strings.Join(folds, "\n"))
	}
	for k := range 5 {
		if _, err := os.Stat(filepath.Join(dir, "walkforward", "fold-"+strconv.Itoa(k), "report.html")); err != nil {
			t.Fatal(err)
		}
	}

	// The same study as 3 shards, merged: the same files.
	sdir := shards(t, spec, 3, []Backend{wfBackend(t, "")}, meta())
	if _, err := Merge(context.Background(), spec, Options{Out: sdir, Meta: meta()}, wfBackend(t, "")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"results.csv", "walkforward/folds.csv", "walkforward/equity.csv", "walkforward/summary.json"} {
		if read(t, filepath.Join(sdir, f)) != read(t, filepath.Join(dir, f)) {
			t.Fatalf("%s of 3 merged shards differs from one process's", f)
		}
	}
}

// TestWalkForwardNoLookAhead changes the bars from the start of fold k's
// test window on: the choices of folds 0..k, made on train windows that
// end before it, stay the same, row for row; the test runs of fold k on,
// which see the new bars, change.
func TestWalkForwardNoLookAhead(t *testing.T) {
	spec := parseSweep(t, wfSweep)
	base := run(t, spec, Options{}, []Backend{wfBackend(t, "")}).WalkForward
	for _, k := range []int{1, 3} {
		from := base.Folds[k].TestStart.Format(dateLayout)
		changed := run(t, spec, Options{}, []Backend{wfBackend(t, from)}).WalkForward
		for j := 0; j <= k; j++ {
			a, b := base.Folds[j].Chosen, changed.Folds[j].Chosen
			if a.Trial != b.Trial || !slices.Equal(a.Metrics, b.Metrics) {
				t.Fatalf("bars from %s changed fold %d's choice: %v -> %v", from, j, a, b)
			}
		}
		if slices.Equal(base.Folds[k].Test.Metrics, changed.Folds[k].Test.Metrics) {
			t.Fatalf("bars from %s did not change fold %d's test run: the test proves nothing", from, k)
		}
	}
}

// TestWalkForwardHeldInCash: a fold where no combination meets the
// constraints holds its cash through the test window.
func TestWalkForwardHeldInCash(t *testing.T) {
	spec := parseSweep(t, strings.Replace(wfSweep, "walk_forward", "  constraints: {sharpe_ratio: 1000}\nwalk_forward", 1))
	dir := t.TempDir()
	wf := run(t, spec, Options{Out: dir}, []Backend{wfBackend(t, "")}).WalkForward
	for _, f := range wf.Folds {
		if f.Chosen != nil || f.Test != nil || f.StartValue != "100000" || f.EndValue != "100000" {
			t.Fatalf("fold %+v", f)
		}
	}
	st := wf.OutOfSample[0]
	if st.PnL != "0" || st.TotalReturn != 0 || st.Sessions == 0 {
		t.Fatalf("stitched %+v", st)
	}
	if !strings.Contains(read(t, filepath.Join(dir, "walkforward", "folds.csv")), ",none,,,,,,100000,100000,no combination met the constraints") {
		t.Fatal(read(t, filepath.Join(dir, "walkforward", "folds.csv")))
	}
}
