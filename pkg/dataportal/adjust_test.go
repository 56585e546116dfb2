package dataportal

import (
	"math/big"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// TestAdjustedHistory checks History after a 2:1 split: rows before the
// ex-date come back halved (volumes doubled), rows after it raw, and
// Current and Last raw.
func TestAdjustedHistory(t *testing.T) {
	clk := newClock(t, market.Daily, "2024-01-02", "2024-01-31")
	ds := &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{series[numeric.Fixed]("A", clk.BarTimes(), 10000)}}
	p, err := New(ds, clk)
	if err != nil {
		t.Fatal(err)
	}
	for k := range 5 {
		p.Advance(k)
	}
	raw := append([]numeric.Fixed(nil), p.History(0, market.Close, 10)...)
	p.AddAdjustment(0, big.NewRat(1, 2), big.NewRat(2, 1))
	p.Advance(5)
	h := p.History(0, market.Close, 10)
	v := p.History(0, market.Volume, 10)
	if len(h) != 6 {
		t.Fatalf("window of %d", len(h))
	}
	for i := range 5 {
		if h[i].MulInt(2).Cmp(raw[i]) != 0 || v[i].String() != numeric.Int[numeric.Fixed](int64(2*(100+i))).String() {
			t.Errorf("row %d: close %s volume %s, want %s/2 and %d", i, h[i], v[i], raw[i], 2*(100+i))
		}
	}
	if c, _ := p.Field(0, market.Close); h[5].Cmp(c) != 0 {
		t.Errorf("row 5 %s, raw %s", h[5], c)
	}
	if last, _, _ := p.Last(0); last.Cmp(ds.Series[0].Close[5]) != 0 {
		t.Errorf("Last %s is not raw", last)
	}
	// A window after the ex-date is the raw view again.
	for k := 6; k < 12; k++ {
		p.Advance(k)
	}
	if w := p.History(0, market.Close, 3); &w[0] != &ds.Series[0].Close[9] {
		t.Error("a window after the action is not the raw view")
	}
	// A clone starts without adjustments.
	q := p.Clone()
	q.Advance(5)
	if q.History(0, market.Close, 6)[0].Cmp(ds.Series[0].Close[0]) != 0 {
		t.Error("clone kept the adjustment")
	}
}

// BenchmarkHistory times a 30-bar window per bar over a year of daily
// bars, with no action and with a split every 20 bars.
func BenchmarkHistory(b *testing.B) {
	clk := newClock(&testing.T{}, market.Daily, "2023-01-03", "2023-12-29")
	ds := &market.Dataset[numeric.Fixed]{Frequency: market.Daily, Series: []market.Series[numeric.Fixed]{series[numeric.Fixed]("A", clk.BarTimes(), 10000)}}
	base, err := New(ds, clk)
	if err != nil {
		b.Fatal(err)
	}
	n := len(clk.BarTimes())
	for _, every := range []int{0, 20} {
		name := "actions=none"
		if every > 0 {
			name = "actions=split-every-20-bars"
		}
		b.Run(name, func(b *testing.B) {
			var sink numeric.Fixed
			for b.Loop() {
				p := base.Clone()
				for k := range n {
					if every > 0 && k > 0 && k%every == 0 {
						p.AddAdjustment(0, big.NewRat(1, 2), big.NewRat(2, 1))
					}
					p.Advance(k)
					h := p.History(0, market.Close, 30)
					sink = sink.Add(h[0])
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/bar")
		})
	}
}
