package numeric

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// refUnscaled returns the u and scale of the exact decimal r (scale >= 0
// as small as it can be), and whether u fits an int64, with math/big.
func refUnscaled(r *big.Rat) (u *big.Int, scale int, fits bool) {
	v := new(big.Rat).Set(r)
	for !v.IsInt() {
		v.Mul(v, new(big.Rat).SetInt64(10))
		scale++
	}
	return v.Num(), scale, v.Num().IsInt64()
}

// checkUnscaled compares x.Unscaled() with the exact decimal want.
func checkUnscaled[N Number[N]](t *testing.T, x N, want *big.Rat) {
	t.Helper()
	u, s, ok := x.Unscaled()
	wu, ws, fits := refUnscaled(want)
	if ok != fits || (ok && (u != wu.Int64() || s != ws)) {
		t.Fatalf("%s %v: Unscaled = %d, %d, %v; want %s, %d, %v", Backend[N](), x, u, s, ok, wu, ws, fits)
	}
}

// TestUnscaledAgainstRat checks Unscaled on every backend against the
// exact decimal (for Float, the one String prints), scale minimal, and ok
// false exactly when the coefficient does not fit an int64.
func TestUnscaledAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for range n {
		x := randFixed(rng)
		checkUnscaled(t, x, fixedRat(x))
		s := randDecimalText(rng)
		if rng.IntN(2) == 0 { // up to 19 digits, near int64's limits
			s = itoa(rng.Int64()>>rng.IntN(63)) + "e" + itoa(int64(rng.IntN(12)-10))
		}
		checkUnscaled(t, MustParse[Decimal](s), ratOf(s))
		f := Float(rng.NormFloat64() * math.Pow(10, float64(rng.IntN(50)-25)))
		checkUnscaled(t, f, ratOf(f.String()))
	}
	for _, s := range []string{"0", "-0", "1.5", "9223372036854775807", "-9223372036854775808",
		"9223372036854775808", "-9223372036854775809", "92233720368547758070e-1", "1e18", "1e19", "1e-40",
		"123456789012345678901234567890e-20", "1234567890123456789012345678900000000000e-30"} {
		checkUnscaled(t, MustParse[Decimal](s), ratOf(s))
	}
	for _, f := range []float64{0, 1e18, 9e18, 1e19, 5e-324, 1.7976931348623157e308, 0.1, -0.30000000000000004} {
		checkUnscaled(t, Float(f), ratOf(Float(f).String()))
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		if _, _, ok := Float(f).Unscaled(); ok {
			t.Errorf("float %v: Unscaled ok", f)
		}
	}
}

// checkFromUnscaled converts src at scale with FromUnscaled and compares
// each value, and the error, with what Parse gives for the value's text
// written by math/big: the two must agree on the value and on the kind of
// error, and the index must be that of the first value Parse refuses.
func checkFromUnscaled[N Number[N]](t *testing.T, src []int64, scale int) {
	t.Helper()
	dst := make([]N, len(src)+1)
	n, err := FromUnscaled(dst, src, scale)
	for i, u := range src {
		text := new(big.Rat).SetFrac(big.NewInt(u), pow10Int(scale)).FloatString(scale)
		want, werr := Parse[N](text)
		if werr != nil {
			if n != i || err == nil || !errors.Is(err, errors.Unwrap(werr)) {
				t.Fatalf("%s FromUnscaled(%d, %d) at %d: %d, %v; Parse(%s) refuses: %v", Backend[N](), u, scale, i, n, err, text, werr)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || ratOf(pe.Input).Cmp(ratOf(text)) != 0 {
				t.Fatalf("%s FromUnscaled(%d, %d): error %v does not name the value %s", Backend[N](), u, scale, err, text)
			}
			return
		}
		if dst[i].Cmp(want) != 0 || dst[i].String() != want.String() {
			t.Fatalf("%s FromUnscaled(%d, %d) = %v, want %v", Backend[N](), u, scale, dst[i], want)
		}
	}
	if n != len(src) || err != nil {
		t.Fatalf("%s FromUnscaled(%v, %d) = %d, %v", Backend[N](), src, scale, n, err)
	}
	var zero N
	if dst[len(src)].Cmp(zero) != 0 {
		t.Fatalf("%s FromUnscaled wrote beyond len(src)", Backend[N]())
	}
}

// randUnscaled draws a column of integers: prices in ticks, with repeats,
// large and extreme values, zeros.
func randUnscaled(rng *rand.Rand) []int64 {
	src := make([]int64, 1+rng.IntN(20))
	for i := range src {
		switch rng.IntN(6) {
		case 0:
			src[i] = rng.Int64() >> rng.IntN(64)
		case 1:
			src[i] = -(rng.Int64() >> rng.IntN(64))
		case 2:
			src[i] = []int64{0, 1, -1, math.MaxInt64, math.MinInt64, 1 << 53, 1<<53 + 1}[rng.IntN(7)]
		case 3:
			if i > 0 {
				src[i] = src[i-1]
				continue
			}
			fallthrough
		default:
			src[i] = rng.Int64N(1e8)
		}
	}
	return src
}

// TestFromUnscaled checks FromUnscaled on every backend against Parse of
// the text math/big writes for each value.
func TestFromUnscaled(t *testing.T) {
	rng := rand.New(rand.NewPCG(43, 44))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for range n {
		src, scale := randUnscaled(rng), rng.IntN(19)
		checkFromUnscaled[Fixed](t, src, scale)
		checkFromUnscaled[Float](t, src, scale)
		checkFromUnscaled[Decimal](t, src, scale)
	}
	if e := catchAny(func() { _, _ = FromUnscaled(make([]Fixed, 1), []int64{1}, 19) }); e == nil || !errors.Is(e, ErrInvalid) {
		t.Errorf("scale 19: recovered %v", e)
	}
}

// TestFromUnscaledDecimalForms checks that Decimal values read from
// integers take the form every other operation gives them: inline up to
// 2^55, big beyond (the forms are invisible, but the inline one is the
// one that allocates nothing).
func TestFromUnscaledDecimalForms(t *testing.T) {
	src := []int64{150, -decimalMaxCoef, decimalMaxCoef + 1, math.MinInt64, 0, 12345678900}
	dst := make([]Decimal, len(src))
	if _, err := FromUnscaled(dst, src, 2); err != nil {
		t.Fatal(err)
	}
	for i, d := range dst {
		want := MustParse[Decimal](new(big.Rat).SetFrac(big.NewInt(src[i]), big.NewInt(100)).FloatString(2))
		if d.Cmp(want) != 0 || (d.b == nil) != (want.b == nil) {
			t.Errorf("%d: %v (inline %v), want %v (inline %v)", src[i], d, d.b == nil, want, want.b == nil)
		}
	}
}

// refToUnscaled is ToUnscaled's rule written with math/big: each value's
// exact decimal (TextRat), the common scale, and the index of the first
// value that fails alone, or else of the first that fails at that scale.
func refToUnscaled[N Number[N]](src []N, digits int) (ints []*big.Int, scale, n int, ok bool) {
	limit := new(big.Int).Sub(pow10Int(digits), big.NewInt(1))
	fits := func(u *big.Int) bool { return new(big.Int).Abs(u).Cmp(limit) <= 0 }
	for i, x := range src {
		r := TextRat(x)
		if r == nil {
			return nil, scale, i, false
		}
		u, d, _ := refUnscaled(r)
		if d > digits || !fits(u) {
			return nil, scale, i, false
		}
		scale = max(scale, d)
	}
	for i, x := range src {
		u := new(big.Rat).Mul(TextRat(x), new(big.Rat).SetInt(pow10Int(scale)))
		if !fits(u.Num()) {
			return nil, scale, i, false
		}
		ints = append(ints, u.Num())
	}
	return ints, scale, len(src), true
}

func checkToUnscaled[N Number[N]](t *testing.T, src []N, digits int) {
	t.Helper()
	dst := make([]int64, len(src))
	scale, n, ok := ToUnscaled(dst, src, digits)
	want, ws, wn, wok := refToUnscaled(src, digits)
	if ok != wok || n != wn || scale < ws || (ok && scale != ws) {
		t.Fatalf("%s ToUnscaled(%v, %d) = %d, %d, %v; want %d, %d, %v", Backend[N](), src, digits, scale, n, ok, ws, wn, wok)
	}
	for i := range want {
		if big.NewInt(dst[i]).Cmp(want[i]) != 0 {
			t.Fatalf("%s ToUnscaled(%v, %d): value %d is %d, want %s", Backend[N](), src, digits, i, dst[i], want[i])
		}
	}
}

// TestToUnscaled checks ToUnscaled on every backend against its rule
// written with math/big, on columns of values with mixed decimals, near
// the digit limit, and (Float) not finite.
func TestToUnscaled(t *testing.T) {
	rng := rand.New(rand.NewPCG(45, 46))
	n := 5000
	if testing.Short() {
		n = 500
	}
	for range n {
		digits := []int{18, 18, 12, 1 + rng.IntN(18)}[rng.IntN(4)]
		fx := make([]Fixed, 1+rng.IntN(8))
		for i := range fx {
			fx[i] = randFixed(rng)
			if rng.IntN(2) == 0 {
				fx[i] = fx[i] / Fixed(pow10u[rng.IntN(9)]) * Fixed(pow10u[rng.IntN(9)]) // trailing zeros
			}
		}
		checkToUnscaled(t, fx, digits)
		dec := make([]Decimal, len(fx))
		fl := make([]Float, len(fx))
		for i, x := range fx {
			dec[i] = MustParse[Decimal](x.String())
			if rng.IntN(4) == 0 {
				dec[i] = MustParse[Decimal](randDecimalText(rng))
			}
			fl[i] = Float(x.Float64())
			if rng.IntN(8) == 0 {
				fl[i] = Float([]float64{math.NaN(), math.Inf(1), 0.1 + 0.2, 1e-20, 1e20}[rng.IntN(5)])
			}
		}
		checkToUnscaled(t, dec, digits)
		checkToUnscaled(t, fl, digits)
	}
	if e := catchAny(func() { ToUnscaled(make([]int64, 1), []Fixed{1}, 19) }); e == nil || !errors.Is(e, ErrInvalid) {
		t.Errorf("19 digits: recovered %v", e)
	}
}

// FuzzUnscaled checks, for any text every backend reads: Unscaled gives
// the exact decimal (Fixed and Decimal the value, Float the text it
// prints), and FromUnscaled reads it back to the same value.
func FuzzUnscaled(f *testing.F) {
	for _, s := range []string{"0", "1.5", "-0.00000001", "92233720368.54775807", "1e18", "9223372036854775807",
		"-9223372036854775808", "0.1", "1e-20", "123456789012345678901234567890", "1.7976931348623157e308"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if x, err := Parse[Fixed](s); err == nil {
			fuzzUnscaled(t, x, x.Rat())
		}
		if x, err := Parse[Decimal](s); err == nil {
			fuzzUnscaled(t, x, x.Rat())
		}
		if x, err := Parse[Float](s); err == nil {
			fuzzUnscaled(t, x, ratOf(x.String()))
		}
	})
}

func fuzzUnscaled[N Number[N]](t *testing.T, x N, want *big.Rat) {
	checkUnscaled(t, x, want)
	u, s, ok := x.Unscaled()
	if !ok || s > 18 {
		return
	}
	back := make([]N, 1)
	if _, err := FromUnscaled(back, []int64{u}, s); err != nil || back[0].Cmp(x) != 0 {
		t.Fatalf("%s %v: Unscaled %d, %d reads back as %v, %v", Backend[N](), x, u, s, back[0], err)
	}
}

// FuzzFromUnscaled checks FromUnscaled of any integer and scale against
// Parse of the text math/big writes for it, on every backend.
func FuzzFromUnscaled(f *testing.F) {
	f.Add(int64(150), uint8(2))
	f.Add(int64(math.MinInt64), uint8(18))
	f.Add(int64(math.MaxInt64), uint8(0))
	f.Add(int64(123456789), uint8(9))
	f.Fuzz(func(t *testing.T, u int64, scale uint8) {
		s := int(scale % 19)
		checkFromUnscaled[Fixed](t, []int64{u}, s)
		checkFromUnscaled[Float](t, []int64{u}, s)
		checkFromUnscaled[Decimal](t, []int64{u}, s)
	})
}
