package indicator

import (
	"errors"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

// TestDefinedCases checks the values the package defines where the
// formulas divide by zero (backtrader's safediv choices), on series built
// to hit them.
func TestDefinedCases(t *testing.T) {
	backendtest.Run(t, testDefinedCasesByName)
}

func series[N numeric.Number[N]](xs ...string) []N {
	out := make([]N, len(xs))
	for i, x := range xs {
		out[i] = numeric.MustParse[N](x)
	}
	return out
}

// last feeds xs to update and returns the last value.
func last[N numeric.Number[N], V any](update func(N) (V, bool), xs []N) (V, bool) {
	var v V
	var ok bool
	for _, x := range xs {
		v, ok = update(x)
	}
	return v, ok
}

//penny:backends
func testDefinedCases[N numeric.Number[N]](t *testing.T) {
	flat := series[N]("10.5", "10.5", "10.5", "10.5", "10.5")
	rising := series[N]("10", "11", "12.5", "13", "20")
	falling := series[N]("20", "13", "12.5", "11", "10")
	tests := []struct {
		name string
		got  func() (N, bool)
		want string
	}{
		{"RSI flat is 50 (safelow)", func() (N, bool) { return last(must(NewRSI[N](3)).Update, flat) }, "50"},
		{"RSI rising is 100 (safehigh)", func() (N, bool) { return last(must(NewRSI[N](3)).Update, rising) }, "100"},
		{"RSI falling is 0", func() (N, bool) { return last(must(NewRSI[N](3)).Update, falling) }, "0"},
		{"StdDev flat is 0", func() (N, bool) { return last(must(NewStdDev[N](3)).Update, flat) }, "0"},
		{"ZScore flat is 0", func() (N, bool) { return last(must(NewZScore[N](3)).Update, flat) }, "0"},
		{"ZScore period 1 is 0", func() (N, bool) { return last(must(NewZScore[N](1)).Update, rising) }, "0"},
		{"Stochastic flat window %K is 0 (safezero)", func() (N, bool) {
			s := must(NewStochastic[N](3, 1, 1))
			v, ok := last(func(x N) (StochasticValue[N], bool) { return s.Update(x, x, x) }, flat)
			return v.K, ok
		}, "0"},
		{"StochasticFast close at the high is 100", func() (N, bool) {
			s := must(NewStochasticFast[N](2, 1))
			v, ok := last(func(x N) (StochasticValue[N], bool) { return s.Update(x, x.Sub(numeric.Int[N](1)), x) }, rising)
			return v.K, ok
		}, "100"},
		{"Bollinger flat: top is mid", func() (N, bool) {
			v, ok := last(must(NewBollinger(3, numeric.Int[N](2))).Update, flat)
			return v.Top, ok && v.Top.Cmp(v.Mid) == 0 && v.Bottom.Cmp(v.Mid) == 0
		}, "10.5"},
		{"ATR of flat bars is 0", func() (N, bool) {
			a := must(NewATR[N](2))
			return last(func(x N) (N, bool) { return a.Update(x, x, x) }, flat)
		}, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, ok := tt.got()
			if !ok {
				t.Fatalf("no value (or a check failed): %v", v)
			}
			if v.Cmp(numeric.MustParse[N](tt.want)) != 0 {
				t.Fatalf("got %v, want %s", v, tt.want)
			}
		})
	}
	t.Run("ROC of a zero base panics", func(t *testing.T) {
		r := must(NewROC[N](1))
		r.Update(numeric.Zero[N]())
		defer func() {
			e, ok := numeric.Recover(recover())
			if !ok || !errors.Is(e, numeric.ErrDivisionByZero) {
				t.Fatalf("recovered %v, want an ArithmeticError for division by zero", e)
			}
		}()
		r.Update(numeric.Int[N](1))
		t.Fatal("no panic")
	})
}

// TestFixedRange checks the ranges the package documents for Fixed at
// their edges: the last value in range works, the next panics with an
// overflow ArithmeticError.
func TestFixedRange(t *testing.T) {
	type F = numeric.Fixed
	// StdDev: period*R^2 <= 92233720368.54775807 for R the range of the
	// last period+1 values: 67909 for period 20. The worst case is a
	// window all R away from the anchor (the value before the window).
	stddev := func(r int64) func() {
		return func() {
			s := must(NewStdDev[F](20))
			base := numeric.Int[F](1000)
			for range 20 {
				s.Update(base)
			}
			for range 20 {
				s.Update(base.Add(numeric.Int[F](r)))
			}
		}
	}
	// SMA: period*max|x| <= 92233720368.54775807: 4611686018 for period 20.
	sma := func(x int64) func() {
		return func() {
			s := must(NewSMA[F](20))
			for range 20 {
				s.Update(numeric.Int[F](x))
			}
		}
	}
	tests := []struct {
		name     string
		f        func()
		overflow bool
	}{
		{"StdDev(20) range 67909", stddev(67909), false},
		{"StdDev(20) range 67910", stddev(67910), true},
		{"SMA(20) of 4611686018", sma(4611686018), false},
		{"SMA(20) of 4611686019", sma(4611686019), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				e, ok := numeric.Recover(r)
				switch {
				case r != nil && !ok:
					panic(r)
				case tt.overflow && (e == nil || !errors.Is(e, numeric.ErrOverflow)):
					t.Fatalf("no overflow panic (recovered %v)", e)
				case !tt.overflow && e != nil:
					t.Fatalf("unexpected panic: %v", e)
				}
			}()
			tt.f()
		})
	}
}
