package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// TestBundleFrequency runs a minute bundle and a daily one with and
// without data.frequency: without it a run takes the bundle's frequency
// (a minute bundle ran daily before); a coarser one aggregates; a finer
// one than the bundle holds is an error naming both.
func TestBundleFrequency(t *testing.T) {
	home := t.TempDir()
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, freq := range map[string]market.Frequency{"mins": market.Minute, "days": market.Daily} {
		s := synthetic.Default()
		s.Assets, s.Frequency = 2, freq
		s.Start, s.End = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)
		ds, err := synthetic.Generate[numeric.Fixed](s)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Write(home, name, at, ds, store.Source{Name: "synthetic"}, store.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	env := Env{Getenv: func(k string) string {
		if k == "PENNY_HOME" {
			return home
		}
		return ""
	}}
	tests := []struct {
		bundle, frequency string
		want              market.Frequency
		bars              int // bars of the run's clock: 3 sessions (2024-03-01, -04, -05)
		err               string
	}{
		{"mins", "", market.Minute, 3 * 390, ""},
		{"mins", "minute", market.Minute, 3 * 390, ""},
		{"mins", "hourly", market.Hourly, 3 * 7, ""},
		{"mins", "daily", market.Daily, 3, ""},
		{"days", "", market.Daily, 3, ""},
		{"days", "minute", 0, 0, `data.frequency: minute, but bundle "days" holds daily bars: a run cannot be finer than its data`},
		{"days", "hourly", 0, 0, `data.frequency: hourly, but bundle "days" holds daily bars`},
	}
	for _, tc := range tests {
		t.Run(tc.bundle+" "+tc.frequency, func(t *testing.T) {
			freq := ""
			if tc.frequency != "" {
				freq = ", frequency: " + tc.frequency
			}
			c := parse(t, "backend: fixed\ncapital: 1000\ndata: {source: bundle, bundle: "+tc.bundle+freq+"}\nstrategy: {name: sma_crossover, params: {fast: 1, slow: 2, shares: 1}}\n")
			d, err := LoadData[numeric.Fixed](c, env)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Clock.Frequency() != tc.want || d.Dataset.Frequency != tc.want || d.Clock.NumBars() != tc.bars {
				t.Fatalf("clock %s with %d bars, data %s; want %s with %d bars", d.Clock.Frequency(), d.Clock.NumBars(), d.Dataset.Frequency, tc.want, tc.bars)
			}
		})
	}
}
