package indicator

import (
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

// TestWarmUp checks, for backtrader's default parameters, that WarmUp is
// backtrader's minperiod and that no indicator has a value before it:
// Update, Value and Ready all say "not yet" until update WarmUp, and "yes"
// from it on. (TestValues checks the same on real data for every case
// against the definitions; this table states backtrader's numbers.)
func TestWarmUp(t *testing.T) {
	backendtest.Run(t, testWarmUpByName)
}

// warming is an indicator under a uniform face: update feeds it bar i and
// returns Update's flag; value returns Value's flag.
type warming struct {
	warmUp int
	update func(i int) bool
	value  func() bool
	ready  func() bool
}

func warm1[N numeric.Number[N], V any](ind interface {
	Update(N) (V, bool)
	Value() (V, bool)
	Ready() bool
	WarmUp() int
}) warming {
	return warming{
		warmUp: ind.WarmUp(),
		update: func(i int) bool { _, ok := ind.Update(wave[N](i)); return ok },
		value:  func() bool { _, ok := ind.Value(); return ok },
		ready:  ind.Ready,
	}
}

func warm3[N numeric.Number[N], V any](ind interface {
	Update(h, l, c N) (V, bool)
	Value() (V, bool)
	Ready() bool
	WarmUp() int
}) warming {
	return warming{
		warmUp: ind.WarmUp(),
		update: func(i int) bool {
			c := wave[N](i)
			return second(ind.Update(c.Add(numeric.Int[N](2)), c.Sub(numeric.Int[N](3)), c))
		},
		value: func() bool { _, ok := ind.Value(); return ok },
		ready: ind.Ready,
	}
}

func second[V any](_ V, ok bool) bool { return ok }

// wave is a positive test series that moves up and down: 100 + (7i mod 11).
func wave[N numeric.Number[N]](i int) N { return numeric.Int[N](int64(100 + 7*i%11)) }

//penny:backends
func testWarmUp[N numeric.Number[N]](t *testing.T) {
	two := numeric.Int[N](2)
	tests := []struct {
		name string
		ind  warming
		want int // backtrader's minperiod
	}{
		{"SMA(30)", warm1[N](must(NewSMA[N](30))), 30},
		{"EMA(30)", warm1[N](must(NewEMA[N](30))), 30},
		{"SMMA(30)", warm1[N](must(NewSMMA[N](30))), 30},
		{"WMA(30)", warm1[N](must(NewWMA[N](30))), 30},
		{"RSI(14)", warm1[N](must(NewRSI[N](14))), 15},
		{"ATR(14)", warm3[N](must(NewATR[N](14))), 15},
		{"Bollinger(20,2)", warm1[N](must(NewBollinger(20, two))), 20},
		{"MACD(12,26,9)", warm1[N](must(NewMACD[N](12, 26, 9))), 34},
		{"Stochastic(14,3,3)", warm3[N](must(NewStochastic[N](14, 3, 3))), 18},
		{"StochasticFast(14,3)", warm3[N](must(NewStochasticFast[N](14, 3))), 16},
		{"ROC(12)", warm1[N](must(NewROC[N](12))), 13},
		{"Momentum(12)", warm1[N](must(NewMomentum[N](12))), 13},
		{"Highest(14)", warm1[N](must(NewHighest[N](14))), 14},
		{"Lowest(14)", warm1[N](must(NewLowest[N](14))), 14},
		{"StdDev(20)", warm1[N](must(NewStdDev[N](20))), 20},
		{"ZScore(20)", warm1[N](must(NewZScore[N](20))), 20},
		{"SMA(1)", warm1[N](must(NewSMA[N](1))), 1},
		{"RSI(1)", warm1[N](must(NewRSI[N](1))), 2},
		{"MACD(1,2,1)", warm1[N](must(NewMACD[N](1, 2, 1))), 2},
		{"Stochastic(1,1,1)", warm3[N](must(NewStochastic[N](1, 1, 1))), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.ind.warmUp != tt.want {
				t.Fatalf("WarmUp() = %d, backtrader's minperiod is %d", tt.ind.warmUp, tt.want)
			}
			if tt.ind.ready() || tt.ind.value() {
				t.Fatalf("ready before any update")
			}
			for i := range tt.want + 10 {
				want := i+1 >= tt.want
				if got := tt.ind.update(i); got != want {
					t.Fatalf("update %d: Update says ready=%v, want %v", i+1, got, want)
				}
				if tt.ind.value() != want || tt.ind.ready() != want {
					t.Fatalf("update %d: Value/Ready disagree with Update", i+1)
				}
			}
		})
	}
}
