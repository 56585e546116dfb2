package indicator

import (
	"fmt"
	"math"
	"math/big"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

// TestValues runs every indicator over the 255 bars of 2006-day-001.txt
// and compares each bar's value with the reference definitions: Fixed and
// Decimal digit for digit with the model of their documented rounding (so
// exactly, where nothing rounds), and every backend with the exact
// definition within a tolerance (Float 1e-9 relative; Fixed the bound the
// package documents where it states one, else 1e-5 absolute; Decimal 1e-25
// relative).
func TestValues(t *testing.T) {
	bs := loadBars(t)
	exact := map[string]refSeries{} // the exact references, by case, for all backends
	backendtest.Each(t, testValuesByName, func(t *testing.T, _ numeric.BackendInfo, test func(*testing.T, refBars, map[string]refSeries)) {
		test(t, bs, exact)
	})
}

// bar is one bar in backend N.
type bar[N numeric.Number[N]] struct{ high, low, close N }

// result is an indicator's output over a series: per bar, its lines and
// whether it was ready, and its WarmUp.
type result[N numeric.Number[N]] struct {
	vals   [][]N
	ready  []bool
	warmUp int
}

// valueCase is one indicator with its parameters: run feeds it the bars,
// ref computes the reference under a model, and bound, when set, is the
// package's documented bound on Fixed's distance from the exact definition.
type valueCase[N numeric.Number[N]] struct {
	name  string
	run   func([]bar[N]) result[N]
	ref   func(model, refBars) refSeries
	bound *big.Rat
}

// ulps returns k units of Fixed's last place, 1e-8.
func ulps(k *big.Rat) *big.Rat { return new(big.Rat).Mul(k, ratOf("1e-8")) }

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// single is the interface of the one-input, one-line indicators.
type single[N numeric.Number[N]] interface {
	Update(x N) (N, bool)
	WarmUp() int
}

func runClose[N numeric.Number[N]](ind single[N]) func([]bar[N]) result[N] {
	return func(bs []bar[N]) result[N] {
		r := result[N]{warmUp: ind.WarmUp()}
		for _, b := range bs {
			v, ok := ind.Update(b.close)
			r.vals, r.ready = append(r.vals, []N{v}), append(r.ready, ok)
		}
		return r
	}
}

func valueCases[N numeric.Number[N]]() []valueCase[N] {
	var cs []valueCase[N]
	add := func(name string, run func([]bar[N]) result[N], ref func(model, refBars) refSeries) {
		cs = append(cs, valueCase[N]{name, run, ref, nil})
	}
	// within sets the last case's bound.
	within := func(b *big.Rat) { cs[len(cs)-1].bound = b }
	half := ratOf("1/2")
	for _, p := range []int{1, 5, 30} {
		add(fmt.Sprintf("sma/period=%d", p), runClose(must(NewSMA[N](p))),
			func(m model, bs refBars) refSeries { return refSMA(m, bs.close, p) })
		within(ulps(half))
		add(fmt.Sprintf("sma-sum/period=%d", p), func(bs []bar[N]) result[N] {
			ind := must(NewSMA[N](p))
			r := result[N]{warmUp: 1}
			for _, b := range bs {
				ind.Update(b.close)
				r.vals, r.ready = append(r.vals, []N{ind.Sum()}), append(r.ready, true)
			}
			return r
		}, func(m model, bs refBars) refSeries { return refSum(m, bs.close, p) })
		within(new(big.Rat))
	}
	for _, p := range []int{1, 12, 30} {
		add(fmt.Sprintf("ema/period=%d", p), runClose(must(NewEMA[N](p))),
			func(m model, bs refBars) refSeries { return refEMA(m, bs.close, p) })
		within(ulps(big.NewRat(int64(p)+1, 4))) // 0.5 ulp / alpha
	}
	for _, p := range []int{1, 14, 30} {
		add(fmt.Sprintf("smma/period=%d", p), runClose(must(NewSMMA[N](p))),
			func(m model, bs refBars) refSeries { return refSMMA(m, bs.close, p) })
		within(ulps(big.NewRat(int64(p), 2))) // 0.5 ulp / alpha
	}
	for _, p := range []int{1, 10, 30} {
		add(fmt.Sprintf("wma/period=%d", p), runClose(must(NewWMA[N](p))),
			func(m model, bs refBars) refSeries { return refWMA(m, bs.close, p) })
		within(ulps(half))
	}
	for _, p := range []int{1, 2, 14} {
		add(fmt.Sprintf("rsi/period=%d", p), runClose(must(NewRSI[N](p))),
			func(m model, bs refBars) refSeries { return refRSI(m, bs.close, p) })
	}
	for _, p := range []int{1, 14} {
		add(fmt.Sprintf("atr/period=%d", p), func(bs []bar[N]) result[N] {
			ind := must(NewATR[N](p))
			r := result[N]{warmUp: ind.WarmUp()}
			for _, b := range bs {
				v, ok := ind.Update(b.high, b.low, b.close)
				r.vals, r.ready = append(r.vals, []N{v}), append(r.ready, ok)
			}
			return r
		}, func(m model, bs refBars) refSeries { return refATR(m, bs, p) })
	}
	for _, p := range []int{1, 5, 20} {
		add(fmt.Sprintf("stddev/period=%d", p), runClose(must(NewStdDev[N](p))),
			func(m model, bs refBars) refSeries { return refStdDev(m, bs.close, p) })
		add(fmt.Sprintf("zscore/period=%d", p), runClose(must(NewZScore[N](p))),
			func(m model, bs refBars) refSeries { return refZScore(m, bs.close, p) })
	}
	for _, c := range []struct {
		p   int
		dev string
	}{{20, "2"}, {5, "1.5"}, {1, "2"}, {30, "0.33333333"}} {
		add(fmt.Sprintf("bollinger/period=%d/devfactor=%s", c.p, c.dev), func(bs []bar[N]) result[N] {
			ind := must(NewBollinger(c.p, numeric.MustParse[N](c.dev)))
			r := result[N]{warmUp: ind.WarmUp()}
			for _, b := range bs {
				v, ok := ind.Update(b.close)
				r.vals, r.ready = append(r.vals, []N{v.Mid, v.Top, v.Bottom}), append(r.ready, ok)
			}
			return r
		}, func(m model, bs refBars) refSeries { return refBollinger(m, bs.close, c.p, ratOf(c.dev)) })
	}
	for _, c := range [][3]int{{12, 26, 9}, {1, 2, 1}, {5, 35, 5}} {
		add(fmt.Sprintf("macd/fast=%d/slow=%d/signal=%d", c[0], c[1], c[2]), func(bs []bar[N]) result[N] {
			ind := must(NewMACD[N](c[0], c[1], c[2]))
			r := result[N]{warmUp: ind.WarmUp()}
			for _, b := range bs {
				v, ok := ind.Update(b.close)
				r.vals, r.ready = append(r.vals, []N{v.MACD, v.Signal, v.Histogram}), append(r.ready, ok)
			}
			return r
		}, func(m model, bs refBars) refSeries { return refMACD(m, bs.close, c[0], c[1], c[2]) })
	}
	for _, c := range [][3]int{{14, 3, 3}, {1, 1, 1}, {5, 2, 4}} {
		add(fmt.Sprintf("stochastic/period=%d/dfast=%d/dslow=%d", c[0], c[1], c[2]), func(bs []bar[N]) result[N] {
			ind := must(NewStochastic[N](c[0], c[1], c[2]))
			r := result[N]{warmUp: ind.WarmUp()}
			for _, b := range bs {
				v, ok := ind.Update(b.high, b.low, b.close)
				r.vals, r.ready = append(r.vals, []N{v.K, v.D}), append(r.ready, ok)
			}
			return r
		}, func(m model, bs refBars) refSeries { return refStochastic(m, bs, c[0], c[1], c[2]) })
	}
	for _, c := range [][2]int{{14, 3}, {3, 1}, {1, 2}} {
		add(fmt.Sprintf("stochfast/period=%d/dfast=%d", c[0], c[1]), func(bs []bar[N]) result[N] {
			ind := must(NewStochasticFast[N](c[0], c[1]))
			r := result[N]{warmUp: ind.WarmUp()}
			for _, b := range bs {
				v, ok := ind.Update(b.high, b.low, b.close)
				r.vals, r.ready = append(r.vals, []N{v.K, v.D}), append(r.ready, ok)
			}
			return r
		}, func(m model, bs refBars) refSeries { return refStochasticFast(m, bs, c[0], c[1]) })
	}
	for _, p := range []int{1, 12} {
		add(fmt.Sprintf("roc/period=%d", p), runClose(must(NewROC[N](p))),
			func(m model, bs refBars) refSeries { return refROC(m, bs.close, p) })
		within(ulps(half))
		add(fmt.Sprintf("momentum/period=%d", p), runClose(must(NewMomentum[N](p))),
			func(m model, bs refBars) refSeries { return refMomentum(m, bs.close, p) })
		within(new(big.Rat))
	}
	for _, p := range []int{1, 2, 14, 50} {
		add(fmt.Sprintf("highest/period=%d", p), runClose(must(NewHighest[N](p))),
			func(m model, bs refBars) refSeries { return refHighest(bs.close, p) })
		within(new(big.Rat))
		add(fmt.Sprintf("lowest/period=%d", p), runClose(must(NewLowest[N](p))),
			func(m model, bs refBars) refSeries { return refLowest(bs.close, p) })
		within(new(big.Rat))
	}
	return cs
}

// testValues checks every case on backend N.
//
//penny:backends
func testValues[N numeric.Number[N]](t *testing.T, rb refBars, exactRefs map[string]refSeries) {
	bs := make([]bar[N], len(rb.text))
	for i, txt := range rb.text {
		bs[i] = bar[N]{numeric.MustParse[N](txt[0]), numeric.MustParse[N](txt[1]), numeric.MustParse[N](txt[2])}
	}
	backend := numeric.Backend[N]()
	for _, c := range valueCases[N]() {
		t.Run(c.name, func(t *testing.T) {
			got := c.run(bs)
			exact, ok := exactRefs[c.name]
			if !ok {
				exact = c.ref(exactModel, rb)
				exactRefs[c.name] = exact
			}
			var modeled refSeries
			if backend != "float" {
				modeled = c.ref(modelOf[N](), rb)
			}
			first := -1
			for i := range bs {
				if (exact[i] != nil) != got.ready[i] {
					t.Fatalf("bar %d: ready %v, the definition has a value: %v", i, got.ready[i], exact[i] != nil)
				}
				if exact[i] == nil {
					continue
				}
				if first < 0 {
					first = i
				}
				for j, v := range got.vals[i] {
					if modeled != nil {
						if g := ratOf(v.String()); g.Cmp(modeled[i][j]) != 0 {
							t.Fatalf("bar %d line %d: got %v, documented rounding gives %s", i, j, v, modeled[i][j].FloatString(34))
						}
					}
					if !closeTo(backend, v, exact[i][j], c.bound) {
						t.Fatalf("bar %d line %d: got %v, definition gives %s", i, j, v, exact[i][j].FloatString(34))
					}
				}
			}
			if first+1 != got.warmUp {
				t.Errorf("first value at update %d, WarmUp says %d", first+1, got.warmUp)
			}
		})
	}
}

// closeTo reports whether v is within its backend's tolerance of want:
// for Fixed, fixedBound when set.
func closeTo[N numeric.Number[N]](backend string, v N, want, fixedBound *big.Rat) bool {
	switch backend {
	case "float":
		w, _ := want.Float64()
		return math.Abs(v.Float64()-w) <= 1e-9*math.Max(1, math.Abs(w))
	case "fixed":
		if fixedBound == nil {
			fixedBound = ratOf("0.00001")
		}
		d := new(big.Rat).Sub(ratOf(v.String()), want)
		return d.Abs(d).Cmp(fixedBound) <= 0
	default:
		d := new(big.Rat).Sub(ratOf(v.String()), want)
		bound := new(big.Rat).Abs(want)
		if bound.Cmp(rat(1)) < 0 {
			bound = rat(1)
		}
		return d.Abs(d).Cmp(bound.Mul(bound, ratOf("1e-25"))) <= 0
	}
}
