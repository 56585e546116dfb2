package numeric

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// catchFixed runs f and returns its result, or the ArithmeticError it
// panicked with.
func catchFixed(f func() Fixed) (v Fixed, aerr *ArithmeticError) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := Recover(r)
			if !ok {
				panic(r)
			}
			aerr = e
		}
	}()
	return f(), nil
}

// checkFixed compares a Fixed result (or its overflow panic) with the exact
// rational want: the result must equal want when want is in range, and
// the operation must report overflow exactly when it is not.
func checkFixed(t *testing.T, op string, x, y Fixed, got Fixed, aerr *ArithmeticError, want *big.Rat) {
	t.Helper()
	if !inFixedRange(want) {
		if aerr == nil || !errors.Is(aerr, ErrOverflow) {
			t.Fatalf("%s(%v, %v) = %v, want overflow (exact %s)", op, x, y, got, want.FloatString(10))
		}
		if aerr.Op != op || len(aerr.Operands) == 0 || aerr.Operands[0] != x.String() {
			t.Fatalf("%s(%v, %v): error %v does not name the operation and operands", op, x, y, aerr)
		}
		return
	}
	if aerr != nil {
		t.Fatalf("%s(%v, %v) panicked %v, want %s", op, x, y, aerr, want.FloatString(8))
	}
	if fixedRat(got).Cmp(want) != 0 {
		t.Fatalf("%s(%v, %v) = %v, want %s", op, x, y, got, want.FloatString(8))
	}
}

func TestFixedPropertyAgainstRat(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 50000
	if testing.Short() {
		n = 5000
	}
	for range n {
		x, y := randFixed(rng), randFixed(rng)
		rx, ry := fixedRat(x), fixedRat(y)

		got, e := catchFixed(func() Fixed { return x.Add(y) })
		checkFixed(t, "add", x, y, got, e, new(big.Rat).Add(rx, ry))
		got, e = catchFixed(func() Fixed { return x.Sub(y) })
		checkFixed(t, "sub", x, y, got, e, new(big.Rat).Sub(rx, ry))
		if c := x.Cmp(y); c != rx.Cmp(ry) {
			t.Fatalf("Cmp(%v, %v) = %d, want %d", x, y, c, rx.Cmp(ry))
		}
		got, e = catchFixed(func() Fixed { return x.Mul(y) })
		checkFixed(t, "mul", x, y, got, e, refRound(new(big.Rat).Mul(rx, ry), 8, HalfEven))
		if y != 0 {
			got, e = catchFixed(func() Fixed { return x.Div(y) })
			checkFixed(t, "div", x, y, got, e, refRound(new(big.Rat).Quo(rx, ry), 8, HalfEven))
		}
		k := rng.Int64N(1<<20) - 1<<19
		if rng.IntN(4) == 0 {
			k = rng.Int64()
		}
		got, e = catchFixed(func() Fixed { return x.MulInt(k) })
		checkFixedMulInt(t, x, k, got, e)
		if k != 0 {
			got, e = catchFixed(func() Fixed { return x.DivInt(k) })
			checkFixed(t, "divint", x, 0, got, e, refRound(new(big.Rat).Quo(fixedRat(x), new(big.Rat).SetInt64(k)), 8, HalfEven))
		}
		mode := RoundingMode(rng.IntN(6))
		d := rng.IntN(10)
		dd := min(d, 8)
		got, e = catchFixed(func() Fixed { return x.MulRound(y, d, mode) })
		checkFixed(t, "mulround", x, y, got, e, refRound(new(big.Rat).Mul(rx, ry), dd, mode))
		if y != 0 {
			got, e = catchFixed(func() Fixed { return x.DivRound(y, d, mode) })
			checkFixed(t, "divround", x, y, got, e, refRound(new(big.Rat).Quo(rx, ry), dd, mode))
		}
		got, e = catchFixed(func() Fixed { return x.Quantize(d, mode) })
		checkFixed(t, "quantize", x, 0, got, e, refRound(rx, dd, mode))
		if x >= 0 {
			checkFixedSqrt(t, x)
		}
	}
}

// checkFixedSqrt checks that r = Sqrt(x) is the nearest multiple of 1e-8
// to the exact root: (r - u/2)^2 < x < (r + u/2)^2 with u = 1e-8.
func checkFixedSqrt(t *testing.T, x Fixed) {
	t.Helper()
	r := x.Sqrt()
	rx := fixedRat(x)
	half := new(big.Rat).SetFrac64(1, 2*FixedScale)
	lo := new(big.Rat).Sub(fixedRat(r), half)
	hi := new(big.Rat).Add(fixedRat(r), half)
	if lo.Sign() > 0 && new(big.Rat).Mul(lo, lo).Cmp(rx) >= 0 || new(big.Rat).Mul(hi, hi).Cmp(rx) <= 0 {
		t.Fatalf("Sqrt(%v) = %v, not the nearest 8-decimal root", x, r)
	}
}

func TestFixedEdges(t *testing.T) {
	tests := []struct {
		name string
		f    func() Fixed
		want string // "" when the call must panic
		err  error
	}{
		{"max+tiny", func() Fixed { return MaxFixed.Add(1) }, "", ErrOverflow},
		{"min-tiny", func() Fixed { return MinFixed.Sub(1) }, "", ErrOverflow},
		{"neg min", func() Fixed { return MinFixed.Neg() }, "", ErrOverflow},
		{"abs min", func() Fixed { return MinFixed.Abs() }, "", ErrOverflow},
		{"min*1", func() Fixed { return MinFixed.Mul(Fixed(FixedScale)) }, "-92233720368.54775808", nil},
		{"min*-1", func() Fixed { return MinFixed.Mul(-Fixed(FixedScale)) }, "", ErrOverflow},
		{"max/1", func() Fixed { return MaxFixed.Div(Fixed(FixedScale)) }, "92233720368.54775807", nil},
		{"div by zero", func() Fixed { return Fixed(1).Div(0) }, "", ErrDivisionByZero},
		{"divround by zero", func() Fixed { return Fixed(1).DivRound(0, 2, HalfEven) }, "", ErrDivisionByZero},
		{"sqrt negative", func() Fixed { return Fixed(-1).Sqrt() }, "", ErrInvalid},
		{"bad decimals", func() Fixed { return Fixed(1).Quantize(-1, HalfEven) }, "", ErrInvalid},
		{"int overflow", func() Fixed { return Fixed(0).FromInt64(92233720369) }, "", ErrOverflow},
		{"int max", func() Fixed { return Fixed(0).FromInt64(92233720368) }, "92233720368", nil},
		{"mul half even down", func() Fixed { return Fixed(5).Mul(Fixed(FixedScale / 10)) }, "0", nil}, // 5e-8*0.1 = 5e-9 -> 0
		{"mul half even up", func() Fixed { return Fixed(15).Mul(Fixed(FixedScale / 10)) }, "0.00000002", nil},
		{"div third", func() Fixed { return Fixed(FixedScale).Div(3 * FixedScale) }, "0.33333333", nil},
		{"div two thirds", func() Fixed { return Fixed(2 * FixedScale).Div(3 * FixedScale) }, "0.66666667", nil},
		{"sqrt 2", func() Fixed { return Fixed(2 * FixedScale).Sqrt() }, "1.41421356", nil},
		{"quantize half up", func() Fixed { return Fixed(250000000).Quantize(0, HalfUp) }, "3", nil},
		{"quantize half even", func() Fixed { return Fixed(250000000).Quantize(0, HalfEven) }, "2", nil},
		{"quantize floor neg", func() Fixed { return Fixed(-250000000).Quantize(0, Floor) }, "-3", nil},
		{"quantize ceiling neg", func() Fixed { return Fixed(-250000000).Quantize(0, Ceiling) }, "-2", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, aerr := catchFixed(tc.f)
			if tc.err != nil {
				if aerr == nil || !errors.Is(aerr, tc.err) {
					t.Fatalf("got %v, %v; want panic %v", got, aerr, tc.err)
				}
				if aerr.Backend != "fixed" || aerr.Op == "" {
					t.Fatalf("error %v does not name backend and operation", aerr)
				}
				return
			}
			if aerr != nil || got.String() != tc.want {
				t.Fatalf("got %v, %v; want %s", got, aerr, tc.want)
			}
		})
	}
}

func checkFixedMulInt(t *testing.T, x Fixed, k int64, got Fixed, aerr *ArithmeticError) {
	t.Helper()
	want := new(big.Rat).Mul(fixedRat(x), new(big.Rat).SetInt64(k))
	if !inFixedRange(want) {
		if aerr == nil || !errors.Is(aerr, ErrOverflow) || aerr.Op != "mulint" {
			t.Fatalf("MulInt(%v, %d) = %v, %v; want overflow", x, k, got, aerr)
		}
		return
	}
	if aerr != nil || fixedRat(got).Cmp(want) != 0 {
		t.Fatalf("MulInt(%v, %d) = %v, %v; want %s", x, k, got, aerr, want.FloatString(8))
	}
}

// TestFixedMulIntBoundary checks MulInt where its float64 pre-check hands
// over to the exact 128-bit check: products at and around 9e18 and 2^63,
// of either sign, against big.Rat.
func TestFixedMulIntBoundary(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	var ks []int64
	for _, k := range []int64{1, -1, 2, -2, 3, 7, -7, 60, 1 << 20, -(1 << 31), 1<<62 + 1, math.MaxInt64, math.MinInt64} {
		ks = append(ks, k)
	}
	for range 2000 {
		ks = append(ks, rng.Int64N(1<<40)-1<<39)
	}
	for _, k := range ks {
		if k == 0 {
			continue
		}
		for _, target := range []int64{9e18, math.MaxInt64, math.MinInt64, -9e18} {
			base := target / k
			for d := int64(-3); d <= 3; d++ {
				x := Fixed(base + d)
				got, e := catchFixed(func() Fixed { return x.MulInt(k) })
				checkFixedMulInt(t, x, k, got, e)
			}
		}
	}
	for _, x := range []Fixed{MinFixed, MaxFixed, MinFixed + 1, 0, 1, -1} {
		for _, k := range []int64{math.MinInt64, math.MaxInt64, -1, 1, 0, 2} {
			got, e := catchFixed(func() Fixed { return x.MulInt(k) })
			checkFixedMulInt(t, x, k, got, e)
		}
	}
}

// TestFixedFloat64Boundary checks Float64 on both sides of 2^53 raw
// units, where its inlined division hands over to the exact text path:
// the result is the float64 nearest to the exact value.
func TestFixedFloat64Boundary(t *testing.T) {
	for _, c := range []int64{1 << 53, -(1 << 53), math.MaxInt64, math.MinInt64} {
		for d := int64(-3); d <= 3; d++ {
			r := c + d
			if (c > 0 && r < c-3) || (c < 0 && r > c+3) {
				continue // wrapped
			}
			x := Fixed(r)
			want, _ := fixedRat(x).Float64()
			if got := x.Float64(); got != want {
				t.Fatalf("Float64(%v) = %v, want %v", x, got, want)
			}
		}
	}
}
