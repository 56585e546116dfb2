package synthetic

import (
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// BenchmarkGenerate measures generation in ns per asset-bar: 100 assets x
// one NYSE year (2023) of daily bars, and 10 assets x one year of minute
// bars (the 100-asset minute year is this times ten: per-asset work is
// independent). Run the big case with -bench 'Generate/scenario=minute100'.
func BenchmarkGenerate(b *testing.B) {
	scenarios := []struct {
		name   string
		assets int
		freq   market.Frequency
	}{
		{"daily100", 100, market.Daily},
		{"minute10", 10, market.Minute},
		{"minute100", 100, market.Minute},
	}
	for _, sc := range scenarios {
		cfg := Default()
		cfg.Assets, cfg.Frequency = sc.assets, sc.freq
		cfg.Start, cfg.End = date(2023, 1, 1), date(2023, 12, 31)
		b.Run("scenario="+sc.name+"/backend=float", func(b *testing.B) { benchGenerate[numeric.Float](b, cfg) })
		b.Run("scenario="+sc.name+"/backend=fixed", func(b *testing.B) { benchGenerate[numeric.Fixed](b, cfg) })
		b.Run("scenario="+sc.name+"/backend=decimal", func(b *testing.B) { benchGenerate[numeric.Decimal](b, cfg) })
	}
}

func benchGenerate[N numeric.Number[N]](b *testing.B, cfg Config) {
	b.ReportAllocs()
	bars := 0
	for b.Loop() {
		ds, err := Generate[N](cfg)
		if err != nil {
			b.Fatal(err)
		}
		bars += ds.Len()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(bars), "ns/asset-bar")
}
