package dataportal

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func newClock(t *testing.T, f market.Frequency, start, end string) *clock.Clock {
	t.Helper()
	c, err := clock.New(calendar.XNYS(), f, day(start), day(end))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// series builds a series on the given stamps with close = base + i/100
// (as text, so every backend holds the same decimals), open = close,
// high = close + 0.5, low = close - 0.5, volume = 100 + i.
func series[N numeric.Number[N]](symbol string, stamps []int64, base int) market.Series[N] {
	s := market.Series[N]{Asset: market.Asset{Symbol: symbol}}
	for i, t := range stamps {
		c := numeric.MustParse[N](numeric.FixedFromRaw(int64(base+i) * 1e6).String())
		half := numeric.MustParse[N]("0.5")
		s.Time = append(s.Time, t)
		s.Open = append(s.Open, c)
		s.High = append(s.High, c.Add(half))
		s.Low = append(s.Low, c.Sub(half))
		s.Close = append(s.Close, c)
		s.Volume = append(s.Volume, numeric.Int[N](int64(100+i)))
	}
	return s
}

func TestPortal(t *testing.T) {
	backendtest.Run(t, testPortalByName)
}

//penny:backends
func testPortal[N numeric.Number[N]](t *testing.T) {
	clk := newClock(t, market.Daily, "2024-01-02", "2024-01-31")
	times := clk.BarTimes()
	// AAA has every bar; BBB misses bars 3 and 4; CCC starts at bar 5.
	var bbbTimes []int64
	for i, ts := range times {
		if i != 3 && i != 4 {
			bbbTimes = append(bbbTimes, ts)
		}
	}
	ds := &market.Dataset[N]{Frequency: market.Daily, Calendar: "XNYS", Series: []market.Series[N]{
		series[N]("CCC", times[5:], 30000),
		series[N]("AAA", times, 10000),
		series[N]("BBB", bbbTimes, 20000),
	}}
	p, err := New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Assets(); len(got) != 3 || got[0].Symbol != "AAA" || got[1].ID != 1 || got[2].Symbol != "CCC" {
		t.Fatalf("assets not in symbol order with IDs: %+v", got)
	}
	const aaa, bbb, ccc = 0, 1, 2
	for k := range times {
		p.Advance(k)
		now := times[k]
		// No accessor reaches past the current bar.
		for a := range 3 {
			ts := p.HistoryTimes(a, 1000)
			if len(ts) > 0 && ts[len(ts)-1] > now {
				t.Fatalf("bar %d asset %d: history reaches %d after now %d", k, a, ts[len(ts)-1], now)
			}
			h := p.History(a, market.Close, 1000)
			if cap(h) != len(h) {
				t.Fatalf("bar %d: history view can be extended (len %d cap %d)", k, len(h), cap(h))
			}
			if _, at, ok := p.Last(a); ok && at > now {
				t.Fatalf("bar %d: Last is from the future", k)
			}
		}
		if !p.HasBar(aaa) {
			t.Fatalf("bar %d: AAA has no bar", k)
		}
		b, ok := p.Current(aaa)
		want := numeric.MustParse[N](numeric.FixedFromRaw(int64(10000+k) * 1e6).String())
		if !ok || b.Close.Cmp(want) != 0 || b.Time != now {
			t.Fatalf("bar %d: AAA current = %+v, want close %s at %d", k, b, want, now)
		}
		if v, ok := p.Field(aaa, market.Volume); !ok || v.Cmp(numeric.Int[N](int64(100+k))) != 0 {
			t.Fatalf("bar %d: AAA volume = %v", k, v)
		}
		wantB := k != 3 && k != 4
		if p.HasBar(bbb) != wantB {
			t.Fatalf("bar %d: BBB HasBar = %v", k, !wantB)
		}
		if _, ok := p.Current(bbb); ok != wantB {
			t.Fatalf("bar %d: BBB Current ok = %v", k, ok)
		}
		if k == 4 {
			// BBB's last known price is stale: its bar 2.
			last, at, ok := p.Last(bbb)
			if !ok || at != times[2] || last.Cmp(numeric.MustParse[N]("200.02")) != 0 {
				t.Fatalf("bar 4: BBB last = %v at %d, want 200.02 at bar 2", last, at)
			}
		}
		if hasC := k >= 5; p.HasBar(ccc) != hasC {
			t.Fatalf("bar %d: CCC HasBar wrong", k)
		}
		if _, _, ok := p.Last(ccc); ok != (k >= 5) {
			t.Fatalf("bar %d: CCC Last before its first bar", k)
		}
		h := p.History(aaa, market.Close, 3)
		if len(h) != min(3, k+1) || h[len(h)-1].Cmp(want) != 0 {
			t.Fatalf("bar %d: AAA history %v", k, h)
		}
	}
	if p.Rows() != len(times)*2-2+len(times)-5 {
		t.Fatalf("Rows = %d", p.Rows())
	}
}

func TestAdvanceOnlyForward(t *testing.T) {
	clk := newClock(t, market.Daily, "2024-01-02", "2024-01-10")
	ds := &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{series[numeric.Fixed]("A", clk.BarTimes(), 100)}}
	p, err := New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	p.Advance(2)
	defer func() {
		if recover() == nil {
			t.Fatal("Advance backwards did not panic")
		}
	}()
	p.Advance(1)
}

func TestNewRejects(t *testing.T) {
	clk := newClock(t, market.Daily, "2024-01-02", "2024-01-31")
	times := clk.BarTimes()
	tests := []struct {
		name string
		ds   func() *market.Dataset[numeric.Float]
		want string
	}{
		{"frequency", func() *market.Dataset[numeric.Float] {
			return &market.Dataset[numeric.Float]{Frequency: market.Minute, Series: []market.Series[numeric.Float]{series[numeric.Float]("A", times, 10000)}}
		}, "data is minute, the run is daily"},
		{"empty universe", func() *market.Dataset[numeric.Float] {
			return &market.Dataset[numeric.Float]{Frequency: market.Daily}
		}, "empty universe"},
		{"off grid", func() *market.Dataset[numeric.Float] {
			ts := append([]int64(nil), times...)
			ts[3] -= int64(time.Hour) // 15:00 instead of the 16:00 close
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{series[numeric.Float]("A", ts, 10000)}}
		}, "A: bar 3 at 2024-01-05T20:00:00Z: time 2024-01-05T20:00:00Z: not a bar of the XNYS calendar"},
		{"weekend", func() *market.Dataset[numeric.Float] {
			ts := append([]int64(nil), times[:3]...)
			ts = append(ts, day("2024-01-06").Add(21*time.Hour).UnixNano()) // a Saturday
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{series[numeric.Float]("A", ts, 10000)}}
		}, "2024-01-06T21:00:00Z: not a bar"},
		{"duplicate", func() *market.Dataset[numeric.Float] {
			ts := append([]int64(nil), times[:3]...)
			ts = append(ts, ts[2])
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{series[numeric.Float]("A", ts, 10000)}}
		}, "A: bar 3 at 2024-01-04T21:00:00Z: time 2024-01-04T21:00:00Z: duplicate timestamp"},
		{"unsorted", func() *market.Dataset[numeric.Float] {
			ts := []int64{times[1], times[0]}
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{series[numeric.Float]("A", ts, 10000)}}
		}, "timestamps not increasing"},
		{"high below low", func() *market.Dataset[numeric.Float] {
			s := series[numeric.Float]("A", times[:3], 10000)
			s.High[1] = s.Low[1] - 1
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{s}}
		}, "high 98.51: below low 99.51"},
		{"negative", func() *market.Dataset[numeric.Float] {
			s := series[numeric.Float]("A", times[:3], 10000)
			s.Volume[2] = -5
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{s}}
		}, "volume -5: negative"},
		{"NaN", func() *market.Dataset[numeric.Float] {
			s := series[numeric.Float]("A", times[:3], 10000)
			s.Close[0] = numeric.Float(math.NaN())
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{s}}
		}, "close NaN: not a finite number"},
		{"same symbol twice", func() *market.Dataset[numeric.Float] {
			return &market.Dataset[numeric.Float]{Frequency: market.Daily, Series: []market.Series[numeric.Float]{series[numeric.Float]("A", times, 10000), series[numeric.Float]("A", times, 10000)}}
		}, `symbol "A" appears twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.ds(), clk)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			}
			var be *market.BarError
			if strings.Contains(tc.want, "bar ") && !errors.As(err, &be) {
				t.Fatalf("error %T is not a *market.BarError", err)
			}
		})
	}
}

// TestAdvanceSkipping advances by strides of 1 to 4 bars over assets with
// gaps, on the portal and on a clone, and checks HasBar, Field and
// Current against the rows' stamps: an asset has a bar at k exactly when
// one of its rows is stamped at bar k.
func TestAdvanceSkipping(t *testing.T) {
	clk := newClock(t, market.Daily, "2024-01-02", "2024-02-29")
	times := clk.BarTimes()
	pick := func(keep func(i int) bool) []int64 {
		var ts []int64
		for i, t := range times {
			if keep(i) {
				ts = append(ts, t)
			}
		}
		return ts
	}
	ds := &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{
		series[numeric.Fixed]("A", times, 100),
		series[numeric.Fixed]("B", pick(func(i int) bool { return i%3 != 1 }), 200),
		series[numeric.Fixed]("C", pick(func(i int) bool { return i%5 == 0 }), 300),
		series[numeric.Fixed]("D", pick(func(i int) bool { return i > 20 && i%2 == 0 }), 400),
	}}
	p, err := New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	for stride := 1; stride <= 4; stride++ {
		for _, q := range []*Portal[numeric.Fixed]{p.Clone(), p.Clone()} {
			for k := stride - 1; k < len(times); k += stride {
				q.Advance(k)
				for a := range q.Assets() {
					s := &ds.Series[a]
					row := -1
					for i, ts := range s.Time {
						if ts == times[k] {
							row = i
						}
					}
					if q.HasBar(a) != (row >= 0) {
						t.Fatalf("stride %d bar %d asset %s: HasBar = %v", stride, k, s.Asset.Symbol, !(row >= 0))
					}
					v, ok := q.Field(a, market.Close)
					b, okb := q.Current(a)
					if ok != (row >= 0) || okb != ok {
						t.Fatalf("stride %d bar %d asset %s: Field ok = %v, Current ok = %v", stride, k, s.Asset.Symbol, ok, okb)
					}
					if ok && (v != s.Close[row] || b.Close != s.Close[row] || b.Time != times[k]) {
						t.Fatalf("stride %d bar %d asset %s: Field = %v, Current = %+v, want row %d", stride, k, s.Asset.Symbol, v, b, row)
					}
				}
			}
		}
	}
}
