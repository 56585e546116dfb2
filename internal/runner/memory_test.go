package runner

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/internal/memlimit"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/pkg/market"
)

// The estimate against the peak heap measured while the data loads and a
// run goes over it: the peak must be at most the estimate (the estimate
// bounds what a run reaches) and at least minPeakShare of it (the
// estimate is not so large that it refuses what would fit by far).
const minPeakShare = 0.4

// heapObjects reads the bytes of the heap's objects, live and not yet
// swept (no stop-the-world ReadMemStats).
func heapObjects() int64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}

// peakHeap runs f while a goroutine samples the heap every millisecond,
// and returns the highest reading above the heap before f (after a
// collection).
func peakHeap(f func()) int64 {
	runtime.GC()
	base := heapObjects()
	var mu sync.Mutex
	peak := base
	observe := func(v int64) {
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				observe(heapObjects())
			}
		}
	}()
	f()
	observe(heapObjects())
	close(stop)
	<-done
	return peak - base
}

const memoryYAML = `name: m
capital: 100000
data: %s
strategy: %s
execution:
  fill: next_open
  slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
  commission: {model: per_share, cost: 0.005, min: 1}
`

// TestEstimateAgainstPeakHeap loads data of a few sizes from each source
// on every backend, runs a backtest over it, and holds the estimate to
// the measured peak heap.
func TestEstimateAgainstPeakHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("loads and runs up to 50 MB of data per backend")
	}
	home := t.TempDir()
	csvDir := t.TempDir()
	ds, err := synthetic.Generate[numeric.Fixed](synth(30, market.Minute, "2024-03-01", "2024-03-22"))
	if err != nil {
		t.Fatal(err)
	}
	writeCSVs(t, csvDir, ds)
	if _, err := store.Write(home, "min", time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), ds, store.Source{Name: "synthetic"}, store.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	env := Env{Getenv: func(k string) string {
		if k == "PENNY_HOME" {
			return home
		}
		return ""
	}, Strategies: noEnv.Strategies}
	// Mean reversion trades often on minute bars, the crossover seldom on
	// daily ones: the records of a strategy's orders are not counted.
	meanrev := "{name: mean_reversion, params: {window: 60, entry: 2, exit: 0.5, target_percent: 0.05}}"
	sma := "{name: sma_crossover, params: {fast: 10, slow: 30, target_percent: 0.02}}"
	cases := []struct{ name, data, strategy string }{
		{"synthetic minute 20 assets", "{source: synthetic, frequency: minute, calendar: XNYS, start: 2024-01-02, end: 2024-02-29, assets: 20, seed: 1}", meanrev},
		{"synthetic minute 100 assets", "{source: synthetic, frequency: minute, calendar: XNYS, start: 2024-01-02, end: 2024-01-12, assets: 100, seed: 1}", meanrev},
		{"synthetic daily 1000 assets", "{source: synthetic, frequency: daily, calendar: XNYS, start: 2023-01-03, end: 2024-06-28, assets: 1000, seed: 1}", sma},
		{"csv minute 30 files", "{source: csv, dir: " + csvDir + ", frequency: minute, calendar: XNYS}", meanrev},
		{"bundle minute 30 assets", "{source: bundle, bundle: min}", meanrev},
		{"bundle minute run hourly", "{source: bundle, bundle: min, frequency: hourly}", sma},
	}
	for _, tc := range cases {
		c := parse(t, fmt.Sprintf(memoryYAML, tc.data, tc.strategy))
		for _, backend := range numeric.BackendNames() {
			t.Run(tc.name+"/backend="+backend, func(t *testing.T) {
				need, err := Estimate(c, []string{backend}, false, env)
				if err != nil {
					t.Fatal(err)
				}
				load, _ := measureByName(backend)
				var bars int
				peak := peakHeap(func() { bars = load(t, c, env) })
				est := need.Bytes()
				t.Logf("%d assets x %d bars (%d asset-bars loaded, %d estimated): estimate %s, measured peak heap %s (%.2f of the estimate)",
					need.Data.Assets, need.Data.Bars, bars, need.Data.Rows, memlimit.FormatSize(est), memlimit.FormatSize(peak), float64(peak)/float64(est))
				if peak > est || float64(peak) < minPeakShare*float64(est) {
					t.Errorf("measured peak heap %d bytes, estimate %d: want the peak within [%.1f, 1] of the estimate", peak, est, minPeakShare)
				}
			})
		}
	}
}

// measure loads the config's data into backend N and runs it, returning
// the asset-bars loaded.
//
//penny:backends
func measure[N numeric.Number[N]](t *testing.T, c *config.Config, env Env) int {
	data, err := LoadData[N](c, env)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Run(context.Background(), c, data, env, Options{}); err != nil {
		t.Fatal(err)
	}
	return data.Dataset.Len()
}

func synth(assets int, freq market.Frequency, start, end string) synthetic.Config {
	s := synthetic.Default()
	s.Assets, s.Frequency = assets, freq
	s.Start, _ = time.Parse(time.DateOnly, start)
	s.End, _ = time.Parse(time.DateOnly, end)
	return s
}

// writeCSVs writes the dataset's series as SYMBOL.csv files of dir, with
// the bars stamped at their start in New York time.
func writeCSVs[N numeric.Number[N]](t *testing.T, dir string, ds *market.Dataset[N]) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range ds.Series {
		f, err := os.Create(filepath.Join(dir, s.Asset.Symbol+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fmt.Fprintln(w, "datetime,open,high,low,close,volume")
		for i := range s.Len() {
			at := time.Unix(0, s.Time[i]).Add(-time.Minute).In(ny)
			fmt.Fprintf(w, "%s,%s,%s,%s,%s,%s\n", at.Format("2006-01-02 15:04:05"), s.Open[i], s.High[i], s.Low[i], s.Close[i], s.Volume[i])
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
}
