package store

import (
	"flag"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

var (
	benchAssets = flag.Int("store.assets", 100, "assets in the store benchmarks")
	benchBars   = flag.Int("store.bars", 10_000, "bars per asset in the store benchmarks (100 x 100000 = 10M asset-bars)")
)

// benchDataset makes a minute dataset of random-walk prices in cents and
// whole volumes, as a source would deliver it, converted to N through the
// values' text, on the XNYS minutes from 2020-01-02 on.
func benchDataset[N numeric.Number[N]](assets, bars int) *market.Dataset[N] {
	r := rand.New(rand.NewPCG(1, 2))
	ds := &market.Dataset[N]{Frequency: market.Minute, Calendar: "XNYS"}
	clk, err := clock.New(calendar.XNYS(), market.Minute, time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(calendar.XNYSMaxYear, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		panic(err)
	}
	if bars > clk.NumBars() {
		panic(fmt.Sprintf("store.bars %d: the XNYS calendar has %d minutes from 2020 on", bars, clk.NumBars()))
	}
	conv := func(cents int64) N {
		if _, ok := any(numeric.Zero[N]()).(numeric.Fixed); ok {
			return any(numeric.FixedFromRaw(cents * 1_000_000)).(N)
		}
		return numeric.MustParse[N](formatUnits(cents, 2))
	}
	for a := range assets {
		s := market.Series[N]{Asset: market.Asset{Symbol: fmt.Sprintf("A%04d", a)}}
		s.Time = make([]int64, bars)
		s.Open, s.High, s.Low, s.Close, s.Volume = make([]N, bars), make([]N, bars), make([]N, bars), make([]N, bars), make([]N, bars)
		p := int64(10000 + r.IntN(50000))
		for i := range bars {
			o := max(p+int64(r.IntN(11))-5, 100)
			c := max(o+int64(r.IntN(11))-5, 100)
			s.Time[i] = clk.BarTimes()[i]
			s.Open[i], s.Close[i] = conv(o), conv(c)
			s.High[i], s.Low[i] = conv(max(o, c)+int64(r.IntN(4))), conv(min(o, c)-int64(r.IntN(4)))
			s.Volume[i] = numeric.Int[N](int64(r.IntN(100000)))
			p = c
		}
		ds.Series = append(ds.Series, s)
	}
	return ds
}

func BenchmarkWrite(b *testing.B) {
	b.Run("backend=float", benchWrite[numeric.Float])
	b.Run("backend=fixed", benchWrite[numeric.Fixed])
	b.Run("backend=decimal", benchWrite[numeric.Decimal])
}

func benchWrite[N numeric.Number[N]](b *testing.B) {
	ds := benchDataset[N](*benchAssets, *benchBars)
	home := b.TempDir()
	at := t0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		at = at.Add(time.Second)
		if _, err := Write(home, "bench", at, ds, Source{Name: "bench"}, WriteOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		Clean(home, "bench", 0)
		b.StartTimer()
	}
	b.ReportMetric(float64(ds.Len())*float64(b.N)/b.Elapsed().Seconds(), "bars/s")
}

func BenchmarkLoad(b *testing.B) {
	home := b.TempDir()
	ds := benchDataset[numeric.Fixed](*benchAssets, *benchBars)
	if _, err := Write(home, "bench", t0, ds, Source{Name: "bench"}, WriteOptions{}); err != nil {
		b.Fatal(err)
	}
	n := ds.Len()
	ds = nil
	b.Run("backend=float", func(b *testing.B) { benchLoad[numeric.Float](b, home, n) })
	b.Run("backend=fixed", func(b *testing.B) { benchLoad[numeric.Fixed](b, home, n) })
	b.Run("backend=decimal", func(b *testing.B) { benchLoad[numeric.Decimal](b, home, n) })
}

func benchLoad[N numeric.Number[N]](b *testing.B, home string, n int) {
	b.ReportAllocs()
	for b.Loop() {
		ds, _, err := Load[N](home, "bench", "")
		if err != nil {
			b.Fatal(err)
		}
		if ds.Len() != n {
			b.Fatalf("loaded %d bars, want %d", ds.Len(), n)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "bars/s")
}
