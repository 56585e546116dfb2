package indicator

import (
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// BenchmarkUpdate measures one Update of each indicator on each backend,
// over a cycle of 1024 random-walk prices (2 decimals, around 100), with
// backtrader's default parameters. ind=sma/backend=float/impl=hand is the
// same SMA update written by hand in plain float64, the floor the
// specialized kernels are measured against.
func BenchmarkUpdate(b *testing.B) {
	prices := benchPrices(1024)
	b.Run("ind=sma/backend=float/impl=hand", func(b *testing.B) {
		xs := make([]float64, len(prices))
		for i, p := range prices {
			xs[i], _ = strconv.ParseFloat(p, 64)
		}
		s := newHandSMA(30)
		for i := 0; b.Loop(); i++ {
			s.update(xs[i&1023])
		}
	})
	benchBackend[numeric.Float](b, prices)
	benchBackend[numeric.Fixed](b, prices)
	benchBackend[numeric.Decimal](b, prices)
}

// handSMA is a rolling mean in plain float64, the same algorithm as SMA.
type handSMA struct {
	buf   []float64
	pos   int
	sum   float64
	n     float64
	value float64
	ready bool
}

func newHandSMA(period int) *handSMA {
	return &handSMA{buf: make([]float64, period), n: float64(period)}
}

func (s *handSMA) update(x float64) (float64, bool) {
	s.sum = s.sum - s.buf[s.pos] + x
	s.buf[s.pos] = x
	if s.pos++; s.pos == len(s.buf) {
		s.pos = 0
		s.ready = true
	}
	if s.ready {
		s.value = s.sum / s.n
	}
	return s.value, s.ready
}

// benchPrices returns a seeded random walk of 2-decimal prices.
func benchPrices(n int) []string {
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]string, n)
	c := int64(10000) // cents
	for i := range out {
		c += rng.Int64N(201) - 100
		c = max(c, 100)
		out[i] = numeric.Fixed(c * 1e6).String()
	}
	return out
}

func benchBackend[N numeric.Number[N]](b *testing.B, prices []string) {
	xs := make([]N, len(prices))
	hs, ls := make([]N, len(prices)), make([]N, len(prices))
	spread := numeric.MustParse[N]("0.35")
	for i, p := range prices {
		xs[i] = numeric.MustParse[N](p)
		hs[i], ls[i] = xs[i].Add(spread), xs[i].Sub(spread)
	}
	name := func(ind string) string { return "ind=" + ind + "/backend=" + numeric.Backend[N]() }
	// Each loop calls Update directly, as a strategy does: a static call
	// to the method, which makes one indirect call into the specialized
	// step.
	b.Run(name("sma"), func(b *testing.B) {
		ind := must(NewSMA[N](30))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("ema"), func(b *testing.B) {
		ind := must(NewEMA[N](30))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("smma"), func(b *testing.B) {
		ind := must(NewSMMA[N](30))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("wma"), func(b *testing.B) {
		ind := must(NewWMA[N](30))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("rsi"), func(b *testing.B) {
		ind := must(NewRSI[N](14))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("atr"), func(b *testing.B) {
		ind := must(NewATR[N](14))
		for i := 0; b.Loop(); i++ {
			j := i & 1023
			ind.Update(hs[j], ls[j], xs[j])
		}
	})
	b.Run(name("bollinger"), func(b *testing.B) {
		ind := must(NewBollinger(20, numeric.Int[N](2)))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("macd"), func(b *testing.B) {
		ind := must(NewMACD[N](12, 26, 9))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("stochastic"), func(b *testing.B) {
		ind := must(NewStochastic[N](14, 3, 3))
		for i := 0; b.Loop(); i++ {
			j := i & 1023
			ind.Update(hs[j], ls[j], xs[j])
		}
	})
	b.Run(name("stochfast"), func(b *testing.B) {
		ind := must(NewStochasticFast[N](14, 3))
		for i := 0; b.Loop(); i++ {
			j := i & 1023
			ind.Update(hs[j], ls[j], xs[j])
		}
	})
	b.Run(name("roc"), func(b *testing.B) {
		ind := must(NewROC[N](12))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("momentum"), func(b *testing.B) {
		ind := must(NewMomentum[N](12))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("highest"), func(b *testing.B) {
		ind := must(NewHighest[N](14))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("lowest"), func(b *testing.B) {
		ind := must(NewLowest[N](14))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("stddev"), func(b *testing.B) {
		ind := must(NewStdDev[N](20))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
	b.Run(name("zscore"), func(b *testing.B) {
		ind := must(NewZScore[N](20))
		for i := 0; b.Loop(); i++ {
			ind.Update(xs[i&1023])
		}
	})
}
