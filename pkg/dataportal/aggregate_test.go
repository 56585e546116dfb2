package dataportal

import (
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

func TestAggregate(t *testing.T) {
	backendtest.Run(t, testAggregateByName)
}

// testAggregate aggregates random minute bars (with gaps) over a normal
// day and an early close into hourly and daily bars, and checks each
// coarse bar by brute force: the minute rows in its interval.
//
//penny:backends
func testAggregate[N numeric.Number[N]](t *testing.T) {
	minute := newClock(t, market.Minute, "2024-07-02", "2024-07-03") // July 3 closes at 13:00
	rng := rand.New(rand.NewPCG(1, 1))
	src := market.Series[N]{Asset: market.Asset{Symbol: "X"}}
	for _, ts := range minute.BarTimes() {
		if rng.IntN(5) == 0 {
			continue // a gap
		}
		lo := rng.Int64N(1000) + 1000
		hi := lo + rng.Int64N(100)
		op := lo + rng.Int64N(hi-lo+1)
		cl := lo + rng.Int64N(hi-lo+1)
		cents := func(c int64) N { return numeric.MustParse[N](numeric.FixedFromRaw(c * 1e6).String()) }
		src.Time = append(src.Time, ts)
		src.Open = append(src.Open, cents(op))
		src.High = append(src.High, cents(hi))
		src.Low = append(src.Low, cents(lo))
		src.Close = append(src.Close, cents(cl))
		src.Volume = append(src.Volume, numeric.Int[N](rng.Int64N(500)))
	}
	ds := &market.Dataset[N]{Frequency: market.Minute, Series: []market.Series[N]{src}}
	for _, f := range []market.Frequency{market.Hourly, market.Daily} {
		coarse := newClock(t, f, "2024-07-02", "2024-07-03")
		out, err := Aggregate(ds, coarse)
		if err != nil {
			t.Fatal(err)
		}
		got := out.Series[0]
		sessions := coarse.Sessions()
		row := 0
		for k, stamp := range coarse.BarTimes() {
			s := sessions[coarse.SessionOf(k)]
			from := s.Open.UnixNano()
			if first, _ := coarse.SessionBars(coarse.SessionOf(k)); k > first {
				from = coarse.BarTimes()[k-1]
			}
			var o, h, l, c, v N
			n := 0
			for i, ts := range src.Time {
				if ts <= from || ts > stamp {
					continue
				}
				if n == 0 {
					o, h, l = src.Open[i], src.High[i], src.Low[i]
				}
				h, l = h.Max(src.High[i]), l.Min(src.Low[i])
				c = src.Close[i]
				v = v.Add(src.Volume[i])
				n++
			}
			if n == 0 {
				continue
			}
			if row >= got.Len() || got.Time[row] != stamp {
				t.Fatalf("%s: no bar stamped %d", f, stamp)
			}
			if got.Open[row].Cmp(o) != 0 || got.High[row].Cmp(h) != 0 || got.Low[row].Cmp(l) != 0 || got.Close[row].Cmp(c) != 0 || got.Volume[row].Cmp(v) != 0 {
				t.Fatalf("%s bar %d: got %v, want o=%v h=%v l=%v c=%v v=%v", f, k, got.Bar(row), o, h, l, c, v)
			}
			row++
		}
		if row != got.Len() {
			t.Fatalf("%s: %d bars, want %d", f, got.Len(), row)
		}
		if _, err := New(out, coarse); err != nil {
			t.Fatalf("%s: aggregated data does not load: %v", f, err)
		}
	}
	if _, err := Aggregate(ds, minute); err == nil {
		t.Fatal("aggregating minute bars into minute bars did not fail")
	}
}
