package numeric

import (
	"math/rand/v2"
	"testing"
)

// Benchmarks of every operation and backend, and of the two reference
// kernels in three forms (the engine's pattern, plain generic code with
// dictionary calls, and hand-written code). Run:
//
//	go test -run '^$' -bench . -benchmem ./numeric/
//
// Each operation benchmark body is specialized per backend, so it measures
// the concrete method as the engine's kernels call it.

const opMask = 1023

// opOperands returns 1024 operand pairs of money-sized values (prices with
// 2-4 decimals, amounts up to 1000).
func opOperands[N Number[N]]() (xs, ys []N) {
	rng := rand.New(rand.NewPCG(7, 8))
	xs, ys = make([]N, opMask+1), make([]N, opMask+1)
	for i := range xs {
		xs[i] = MustParse[N](Fixed(rng.Int64N(1e7)*1e4 + 1e6).String())
		ys[i] = MustParse[N](Fixed(rng.Int64N(1e3)*1e8 + 1e8).String())
	}
	return xs, ys
}

var (
	sinkInt  int
	sinkStr  string
	sinkAny  any
	sinkBool bool
)

//penny:specialize
func benchAdd[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Add(ys[i&opMask])
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchSub[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Sub(ys[i&opMask])
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchMul[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Mul(ys[i&opMask])
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchMulInt[N Number[N]](b *testing.B, xs, _ []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].MulInt(int64(i&opMask) + 1)
		i++
	}
	sinkAny = s
}

// benchMulCmp compares the products of two operand pairs exactly; the
// "multhencmp" op is the same comparison through Mul (rounded in Fixed)
// and Cmp, for an A/B.
//
//penny:specialize
func benchMulCmp[N Number[N]](b *testing.B, xs, ys []N) {
	c := 0
	i := 0
	for b.Loop() {
		j := (i + 1) & opMask
		c += xs[i&opMask].MulCmp(ys[j], xs[j], ys[i&opMask])
		i++
	}
	sinkInt = c
}

//penny:specialize
func benchMulThenCmp[N Number[N]](b *testing.B, xs, ys []N) {
	c := 0
	i := 0
	for b.Loop() {
		j := (i + 1) & opMask
		c += xs[i&opMask].Mul(ys[j]).Cmp(xs[j].Mul(ys[i&opMask]))
		i++
	}
	sinkInt = c
}

//penny:specialize
func benchDiv[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Div(ys[i&opMask])
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchCmp[N Number[N]](b *testing.B, xs, ys []N) {
	c := 0
	i := 0
	for b.Loop() {
		c += xs[i&opMask].Cmp(ys[i&opMask])
		i++
	}
	sinkInt = c
}

//penny:specialize
func benchSqrt[N Number[N]](b *testing.B, xs, _ []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Sqrt()
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchQuantize[N Number[N]](b *testing.B, xs, _ []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Quantize(2, HalfEven)
		i++
	}
	sinkAny = s
}

// benchDivInt divides by 20, a window length, as the rolling means do
// (the quotients of money-sized values by 20 terminate).
//
//penny:specialize
func benchDivInt[N Number[N]](b *testing.B, xs, _ []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].DivInt(20)
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchMulRound[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].MulRound(ys[i&opMask], 8, HalfEven)
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchDivRound[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].DivRound(ys[i&opMask], 8, HalfEven)
		i++
	}
	sinkAny = s
}

// benchMulDiv scales a value by a ratio of two amounts, as the ledger
// scales a cost by the part of a position closed.
//
//penny:specialize
func benchMulDiv[N Number[N]](b *testing.B, xs, ys []N) {
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].MulDiv(ys[(i+1)&opMask], ys[i&opMask], 8, HalfEven)
		i++
	}
	sinkAny = s
}

// alternateSigns returns xs with every other value negated, so that sign-dependent
// operations take both branches.
func alternateSigns[N Number[N]](xs []N) []N {
	out := make([]N, len(xs))
	for i, x := range xs {
		if i%2 == 1 {
			x = x.Neg()
		}
		out[i] = x
	}
	return out
}

//penny:specialize
func benchAbs[N Number[N]](b *testing.B, xs, _ []N) {
	xs = alternateSigns(xs)
	var s N
	i := 0
	for b.Loop() {
		s = xs[i&opMask].Abs()
		i++
	}
	sinkAny = s
}

//penny:specialize
func benchSign[N Number[N]](b *testing.B, xs, _ []N) {
	xs = alternateSigns(xs)
	c := 0
	i := 0
	for b.Loop() {
		c += xs[i&opMask].Sign()
		i++
	}
	sinkInt = c
}

//penny:specialize
func benchFloat64[N Number[N]](b *testing.B, xs, _ []N) {
	var f float64
	i := 0
	for b.Loop() {
		f += xs[i&opMask].Float64()
		i++
	}
	sinkAny = f
}

//penny:specialize
func benchParse[N Number[N]](b *testing.B, xs, _ []N) {
	texts := make([]string, len(xs))
	for i, x := range xs {
		texts[i] = x.String()
	}
	var z N
	i := 0
	for b.Loop() {
		v, err := z.Parse(texts[i&opMask])
		if err != nil {
			b.Fatal(err)
		}
		z = v
		i++
	}
	sinkAny = z
}

//penny:specialize
func benchString[N Number[N]](b *testing.B, xs, _ []N) {
	i := 0
	for b.Loop() {
		sinkStr = xs[i&opMask].String()
		i++
	}
}

func BenchmarkOp(b *testing.B) {
	ops := []struct {
		name string
		fl   func(*testing.B, []Float, []Float)
		fx   func(*testing.B, []Fixed, []Fixed)
		dec  func(*testing.B, []Decimal, []Decimal)
	}{
		{"add", benchAddFloat, benchAddFixed, benchAddDecimal},
		{"sub", benchSubFloat, benchSubFixed, benchSubDecimal},
		{"mul", benchMulFloat, benchMulFixed, benchMulDecimal},
		{"mulint", benchMulIntFloat, benchMulIntFixed, benchMulIntDecimal},
		{"mulcmp", benchMulCmpFloat, benchMulCmpFixed, benchMulCmpDecimal},
		{"multhencmp", benchMulThenCmpFloat, benchMulThenCmpFixed, benchMulThenCmpDecimal},
		{"div", benchDivFloat, benchDivFixed, benchDivDecimal},
		{"divint", benchDivIntFloat, benchDivIntFixed, benchDivIntDecimal},
		{"mulround", benchMulRoundFloat, benchMulRoundFixed, benchMulRoundDecimal},
		{"divround", benchDivRoundFloat, benchDivRoundFixed, benchDivRoundDecimal},
		{"muldiv", benchMulDivFloat, benchMulDivFixed, benchMulDivDecimal},
		{"cmp", benchCmpFloat, benchCmpFixed, benchCmpDecimal},
		{"abs", benchAbsFloat, benchAbsFixed, benchAbsDecimal},
		{"sign", benchSignFloat, benchSignFixed, benchSignDecimal},
		{"sqrt", benchSqrtFloat, benchSqrtFixed, benchSqrtDecimal},
		{"quantize", benchQuantizeFloat, benchQuantizeFixed, benchQuantizeDecimal},
		{"float64", benchFloat64Float, benchFloat64Fixed, benchFloat64Decimal},
		{"parse", benchParseFloat, benchParseFixed, benchParseDecimal},
		{"string", benchStringFloat, benchStringFixed, benchStringDecimal},
	}
	fx, fy := opOperands[Float]()
	xx, xy := opOperands[Fixed]()
	dx, dy := opOperands[Decimal]()
	for _, op := range ops {
		b.Run("op="+op.name+"/backend=float", func(b *testing.B) { op.fl(b, fx, fy) })
		b.Run("op="+op.name+"/backend=fixed", func(b *testing.B) { op.fx(b, xx, xy) })
		b.Run("op="+op.name+"/backend=decimal", func(b *testing.B) { op.dec(b, dx, dy) })
	}
}

// kernelSteps is the number of steps per kernel call: a day of minute bars
// for 10 assets.
const kernelSteps = 3900

func BenchmarkKernel(b *testing.B) {
	in := newKernelInput(kernelSteps)
	b.Run("kernel=position", func(b *testing.B) {
		b.Run("backend=float/impl=hand", func(b *testing.B) {
			q, p := toFloat64(parseAll[Float](in.qty)), toFloat64(parseAll[Float](in.price))
			var c float64
			for b.Loop() {
				c, _ = positionUpdateHandFloat(q, p, 1.25, 1e6)
			}
			reportPerStep(b, c)
		})
		benchPosition[Float](b, in, "float")
		b.Run("backend=fixed/impl=hand", func(b *testing.B) {
			q, p := toRaw(parseAll[Fixed](in.qty)), toRaw(parseAll[Fixed](in.price))
			var c int64
			for b.Loop() {
				c, _ = positionUpdateHandFixed(q, p, 125000000, 1e14)
			}
			reportPerStep(b, c)
		})
		b.Run("backend=fixed/impl=concrete", func(b *testing.B) {
			q, p := parseAll[Fixed](in.qty), parseAll[Fixed](in.price)
			var c Fixed
			for b.Loop() {
				c, _ = positionUpdateConcreteFixed(q, p, MustParse[Fixed]("1.25"), Int[Fixed](1000000))
			}
			reportPerStep(b, c)
		})
		benchPosition[Fixed](b, in, "fixed")
		benchPosition[Decimal](b, in, "decimal")
	})
	b.Run("kernel=sma", func(b *testing.B) {
		b.Run("backend=float/impl=hand", func(b *testing.B) {
			xs := toFloat64(parseAll[Float](in.price))
			out := make([]float64, len(xs))
			for b.Loop() {
				rollingSMAHandFloat(xs, 20, out)
			}
			reportPerStep(b, out[len(out)-1])
		})
		benchSMA[Float](b, in, "float")
		b.Run("backend=fixed/impl=hand", func(b *testing.B) {
			xs := toRaw(parseAll[Fixed](in.price))
			out := make([]int64, len(xs))
			for b.Loop() {
				rollingSMAHandFixed(xs, 20, out)
			}
			reportPerStep(b, out[len(out)-1])
		})
		b.Run("backend=fixed/impl=concrete", func(b *testing.B) {
			xs := parseAll[Fixed](in.price)
			out := make([]Fixed, len(xs))
			for b.Loop() {
				rollingSMAConcreteFixed(xs, 20, out)
			}
			reportPerStep(b, out[len(out)-1])
		})
		benchSMA[Fixed](b, in, "fixed")
		benchSMA[Decimal](b, in, "decimal")
	})
}

// benchPosition runs the position kernel through the pattern (the
// specialized copy chosen once) and as plain generic code.
func benchPosition[N Number[N]](b *testing.B, in kernelInput, name string) {
	q, p := parseAll[N](in.qty), parseAll[N](in.price)
	comm, cash := MustParse[N](in.commission), Int[N](1000000)
	b.Run("backend="+name+"/impl=pattern", func(b *testing.B) {
		k := positionUpdateFor[N]()
		var c N
		for b.Loop() {
			c, _ = k(q, p, comm, cash)
		}
		reportPerStep(b, c)
	})
	b.Run("backend="+name+"/impl=dictionary", func(b *testing.B) {
		var c N
		for b.Loop() {
			c, _ = positionUpdate(q, p, comm, cash)
		}
		reportPerStep(b, c)
	})
}

func benchSMA[N Number[N]](b *testing.B, in kernelInput, name string) {
	xs := parseAll[N](in.price)
	out := make([]N, len(xs))
	b.Run("backend="+name+"/impl=pattern", func(b *testing.B) {
		k := rollingSMAFor[N]()
		for b.Loop() {
			k(xs, 20, out)
		}
		reportPerStep(b, out[len(out)-1])
	})
	b.Run("backend="+name+"/impl=dictionary", func(b *testing.B) {
		for b.Loop() {
			rollingSMA(xs, 20, out)
		}
		reportPerStep(b, out[len(out)-1])
	})
}

// reportPerStep adds the time per kernel step as ns/step.
func reportPerStep(b *testing.B, result any) {
	sinkAny = result
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/kernelSteps, "ns/step")
}

func toFloat64(xs []Float) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = float64(x)
	}
	return out
}

func toRaw(xs []Fixed) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = x.Raw()
	}
	return out
}
