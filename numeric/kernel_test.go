package numeric

import (
	"math"
	"math/big"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// The two reference kernels of the numeric issue, written once in the
// engine's pattern (specialized per backend by internal/specialize), and
// the same kernels written by hand in plain float64 and in raw int64 fixed
// point, so that the benchmarks show what the pattern costs.

// Dot returns the sum of xs[i]*ys[i] over the shorter of the two slices:
// the value of positions (amounts times prices). Each product is rounded
// by the backend's Mul rule, then the products are added exactly (Fixed,
// Decimal up to 34 digits).
//
// Dot is the documentation's example of the hot-path pattern (see
// ExampleDot): one generic kernel, dot, specialized per backend and
// dispatched once per call. It lives in the tests: nothing in Penny needs
// it.
func Dot[N Number[N]](xs, ys []N) N { return dotFor[N]()(xs, ys) }

// dot is Dot's kernel.
//
//penny:specialize
func dot[N Number[N]](xs, ys []N) N {
	var s N
	n := min(len(xs), len(ys))
	for i := range n {
		s = s.Add(xs[i].Mul(ys[i]))
	}
	return s
}

// positionUpdate books fills: for each i, notional = qty*price, cash -=
// notional + commission; it returns the cash and the gross traded value.
//
//penny:specialize
func positionUpdate[N Number[N]](qty, price []N, commission, cash N) (N, N) {
	var traded N
	for i := range qty {
		notional := qty[i].Mul(price[i])
		cash = cash.Sub(notional.Add(commission))
		traded = traded.Add(notional.Abs())
	}
	return cash, traded
}

// rollingSMA writes the mean of the last window values of xs to out[i]
// once window values exist.
//
//penny:specialize
func rollingSMA[N Number[N]](xs []N, window int, out []N) {
	var sum N
	n := int64(window)
	for i, x := range xs {
		sum = sum.Add(x)
		if i >= window {
			sum = sum.Sub(xs[i-window])
		}
		if i >= window-1 {
			out[i] = sum.DivInt(n)
		}
	}
}

func positionUpdateHandFloat(qty, price []float64, commission, cash float64) (float64, float64) {
	var traded float64
	for i := range qty {
		notional := qty[i] * price[i]
		cash -= notional + commission
		traded += math.Abs(notional)
	}
	return cash, traded
}

func rollingSMAHandFloat(xs []float64, window int, out []float64) {
	var sum float64
	n := float64(window)
	for i, x := range xs {
		sum += x
		if i >= window {
			sum -= xs[i-window]
		}
		if i >= window-1 {
			out[i] = sum / n
		}
	}
}

// The concrete Fixed kernels are what a programmer writes by hand for the
// Fixed type alone, calling its methods: the twin the pattern's generated
// copy must match.

func positionUpdateConcreteFixed(qty, price []Fixed, commission, cash Fixed) (Fixed, Fixed) {
	var traded Fixed
	for i := range qty {
		notional := qty[i].Mul(price[i])
		cash = cash.Sub(notional.Add(commission))
		traded = traded.Add(notional.Abs())
	}
	return cash, traded
}

func rollingSMAConcreteFixed(xs []Fixed, window int, out []Fixed) {
	var sum Fixed
	for i, x := range xs {
		sum = sum.Add(x)
		if i >= window {
			sum = sum.Sub(xs[i-window])
		}
		if i >= window-1 {
			out[i] = sum.DivInt(int64(window))
		}
	}
}

// The hand-written fixed kernels use raw int64 units of 1e-8 with the same
// checks and rounding as Fixed, inline: the floor no library call reaches.

func handAdd(a, b int64) int64 {
	s := a + b
	if (s^a)&(s^b) < 0 {
		panic("overflow")
	}
	return s
}

func handSub(a, b int64) int64 {
	d := a - b
	if (a^b)&(a^d) < 0 {
		panic("overflow")
	}
	return d
}

func handMul(a, b int64) int64 {
	ma, mb := a, b
	if ma < 0 {
		ma = -ma
	}
	if mb < 0 {
		mb = -mb
	}
	hi, lo := bits.Mul64(uint64(ma), uint64(mb))
	if hi >= 1e8 {
		panic("overflow")
	}
	q, r := bits.Div64(hi, lo, 1e8)
	if r > 5e7 || (r == 5e7 && q&1 == 1) {
		q++
	}
	if q > math.MaxInt64 {
		panic("overflow")
	}
	if (a ^ b) < 0 {
		return -int64(q)
	}
	return int64(q)
}

func positionUpdateHandFixed(qty, price []int64, commission, cash int64) (int64, int64) {
	var traded int64
	for i := range qty {
		notional := handMul(qty[i], price[i])
		cash = handSub(cash, handAdd(notional, commission))
		if notional < 0 {
			notional = -notional
		}
		traded = handAdd(traded, notional)
	}
	return cash, traded
}

func rollingSMAHandFixed(xs []int64, window int, out []int64) {
	var sum int64
	n := uint64(window)
	for i, x := range xs {
		sum = handAdd(sum, x)
		if i >= window {
			sum = handSub(sum, xs[i-window])
		}
		if i >= window-1 {
			m := sum
			if m < 0 {
				m = -m
			}
			q, r := uint64(m)/n, uint64(m)%n
			if 2*r > n || (2*r == n && q&1 == 1) {
				q++
			}
			if sum < 0 {
				out[i] = -int64(q)
			} else {
				out[i] = int64(q)
			}
		}
	}
}

// kernelInput is one data set for the kernels, as text so that every
// backend reads the same decimals.
type kernelInput struct {
	qty, price []string
	commission string
}

func newKernelInput(n int) kernelInput {
	rng := rand.New(rand.NewPCG(5, 6))
	in := kernelInput{qty: make([]string, n), price: make([]string, n), commission: "1.25"}
	for i := range n {
		in.qty[i] = itoa(rng.Int64N(2000) - 1000)
		in.price[i] = Fixed(rng.Int64N(1e6)*1e4 + 1e8).String() // 1.00 .. 10001.00
	}
	return in
}

func parseAll[N Number[N]](ss []string) []N {
	out := make([]N, len(ss))
	for i, s := range ss {
		out[i] = MustParse[N](s)
	}
	return out
}

// TestKernelsAgree checks the specialized kernels against the generic
// source, the hand-written kernels and exact rationals.
func TestKernelsAgree(t *testing.T) {
	in := newKernelInput(1000)
	cash0 := "1000000"

	// Exact reference.
	cash, traded := ratOf(cash0), new(big.Rat)
	for i := range in.qty {
		n := new(big.Rat).Mul(ratOf(in.qty[i]), ratOf(in.price[i]))
		cash.Sub(cash, new(big.Rat).Add(n, ratOf(in.commission)))
		traded.Add(traded, new(big.Rat).Abs(n))
	}

	fx := func() (Fixed, Fixed) {
		return positionUpdateFor[Fixed]()(parseAll[Fixed](in.qty), parseAll[Fixed](in.price), MustParse[Fixed](in.commission), MustParse[Fixed](cash0))
	}
	c, tr := fx()
	if fixedRat(c).Cmp(cash) != 0 || fixedRat(tr).Cmp(traded) != 0 {
		t.Fatalf("fixed kernel: cash %v traded %v, want %s %s", c, tr, cash.FloatString(8), traded.FloatString(8))
	}
	gc, gtr := positionUpdate(parseAll[Fixed](in.qty), parseAll[Fixed](in.price), MustParse[Fixed](in.commission), MustParse[Fixed](cash0))
	if gc != c || gtr != tr {
		t.Fatalf("generic and specialized fixed kernels differ")
	}
	raw := func(xs []Fixed) []int64 {
		out := make([]int64, len(xs))
		for i, x := range xs {
			out[i] = x.Raw()
		}
		return out
	}
	if cc, ctr := positionUpdateConcreteFixed(parseAll[Fixed](in.qty), parseAll[Fixed](in.price), MustParse[Fixed](in.commission), MustParse[Fixed](cash0)); cc != c || ctr != tr {
		t.Fatalf("concrete fixed kernel differs")
	}
	hc, htr := positionUpdateHandFixed(raw(parseAll[Fixed](in.qty)), raw(parseAll[Fixed](in.price)), MustParse[Fixed](in.commission).Raw(), MustParse[Fixed](cash0).Raw())
	if hc != c.Raw() || htr != tr.Raw() {
		t.Fatalf("hand fixed kernel differs")
	}
	dc, dtr := positionUpdateFor[Decimal]()(parseAll[Decimal](in.qty), parseAll[Decimal](in.price), MustParse[Decimal](in.commission), MustParse[Decimal](cash0))
	if decimalRat(dc).Cmp(cash) != 0 || decimalRat(dtr).Cmp(traded) != 0 {
		t.Fatalf("decimal kernel: cash %v traded %v", dc, dtr)
	}
	flc, _ := positionUpdateFor[Float]()(parseAll[Float](in.qty), parseAll[Float](in.price), MustParse[Float](in.commission), MustParse[Float](cash0))
	want, _ := cash.Float64()
	if math.Abs(flc.Float64()-want) > 1e-6*math.Abs(want) {
		t.Fatalf("float kernel cash %v, want about %v", flc, want)
	}

	// SMA: specialized equals generic equals hand-written, for Fixed.
	xs := parseAll[Fixed](in.price)
	a, b := make([]Fixed, len(xs)), make([]Fixed, len(xs))
	rollingSMAFor[Fixed]()(xs, 20, a)
	rollingSMA(xs, 20, b)
	h := make([]int64, len(xs))
	rollingSMAHandFixed(raw(xs), 20, h)
	cf := make([]Fixed, len(xs))
	rollingSMAConcreteFixed(xs, 20, cf)
	for i := range a {
		if a[i] != b[i] || a[i].Raw() != h[i] || a[i] != cf[i] {
			t.Fatalf("SMA differs at %d: %v %v %v", i, a[i], b[i], h[i])
		}
	}
	if got, want := Dot(parseAll[Fixed](in.qty), parseAll[Fixed](in.price)), Dot(parseAll[Decimal](in.qty), parseAll[Decimal](in.price)); got.String() != want.String() {
		t.Fatalf("Dot: fixed %v, decimal %v", got, want)
	}
}
