package numeric

import (
	"math"
	"math/bits"
)

// Fixed is the exact fixed-point backend: a signed 64-bit integer counting
// units of 10^-8 (raw value r means r / 100000000).
//
//   - Precision: 8 decimals, exactly ([FixedDecimals]); prices with up to 8
//     decimals, share counts, cash and P&L are exact.
//   - Range: [MinFixed, MaxFixed] = [-92233720368.54775808, 92233720368.54775807].
//   - Add, Sub, Neg, Abs, Cmp, Min, Max are exact.
//   - Mul, Div and Sqrt compute the exact result with 128-bit intermediates
//     and round it once to 8 decimals, half-even.
//   - Every result outside the range panics with an *[ArithmeticError]
//     naming the operation and operands (errors.Is ErrOverflow); division by
//     zero panics with ErrDivisionByZero. Nothing wraps or saturates.
//
// The zero value is 0. Fixed allocates nothing.
type Fixed int64

const (
	// FixedDecimals is the number of decimals a Fixed holds exactly.
	FixedDecimals = 8
	// FixedScale is the number of raw units in 1.
	FixedScale = 100_000_000

	fixedName = "fixed"
	halfScale = FixedScale / 2
)

const (
	// MaxFixed is the largest Fixed, 92233720368.54775807.
	MaxFixed Fixed = math.MaxInt64
	// MinFixed is the smallest Fixed, -92233720368.54775808.
	MinFixed Fixed = math.MinInt64
)

// FixedFromRaw returns the Fixed whose raw value is r, that is r / 10^8.
func FixedFromRaw(r int64) Fixed { return Fixed(r) }

// Raw returns the raw integer of x: x * 10^8.
func (x Fixed) Raw() int64 { return int64(x) }

// Add returns x+y; it panics on overflow.
func (x Fixed) Add(y Fixed) Fixed {
	s := x + y
	if (s < x) != (y < 0) {
		panic(addOverflow(x, y))
	}
	return s
}

// Sub returns x-y; it panics on overflow.
func (x Fixed) Sub(y Fixed) Fixed {
	d := x - y
	if (d > x) != (y < 0) {
		panic(subOverflow(x, y))
	}
	return d
}

// Mul returns x*y rounded half-even to 8 decimals; it panics on overflow.
func (x Fixed) Mul(y Fixed) Fixed { return x.mul(y, opMul) }

func (x Fixed) mul(y Fixed, code opCode) Fixed {
	hi, lo := bits.Mul64(mag(x), mag(y))
	if hi >= FixedScale {
		panic(fixedOverflow(code, x, y))
	}
	q, r := bits.Div64(hi, lo, FixedScale)
	// Half-even: up when 2r > scale, or 2r == scale and q is odd; as r
	// and q are whole, that is 2r + (q&1) > scale.
	q += b2u(2*r+q&1 > FixedScale)
	return withSign(q, int64(x^y)>>63, code, x, y)
}

// withSign returns q with the sign of the mask m (0 for +, -1 for -),
// branch-free (signs of market data are not predictable), or reports the
// overflow of op if it does not fit.
func withSign(q uint64, m int64, code opCode, x, y Fixed) Fixed {
	if q > math.MaxInt64+uint64(-m) {
		panic(fixedOverflow(code, x, y))
	}
	return Fixed((int64(q) ^ m) - m)
}

// MulInt returns x*k, exactly; it panics on overflow.
//
// It is small enough to be inlined: the float64 product of x and k is
// within a relative 2^-52 of the exact one, so when its magnitude is at
// most 9e18 the exact product is below 2^63 and the 64-bit product is
// exact (p*p, rounded too, tells |p| > 9e18 with the same margin); only
// larger ones take the exact check of mulIntWide.
func (x Fixed) MulInt(k int64) Fixed {
	if p := float64(x) * float64(k); p*p > 81e36 { // |p| > 9e18
		return x.mulIntWide(k)
	}
	return x * Fixed(k)
}

// mulIntWide is MulInt with the overflow check on the 128-bit product.
//
//go:noinline
func (x Fixed) mulIntWide(k int64) Fixed {
	hi, lo := bits.Mul64(mag(x), mag(Fixed(k)))
	neg := (int64(x) ^ k) < 0
	if hi != 0 || lo > math.MaxInt64+b2u(neg) {
		panic(fixedIntOverflow("mulint", x, k))
	}
	if neg {
		return Fixed(-int64(lo))
	}
	return Fixed(lo)
}

//go:noinline
func fixedIntOverflow(op string, x Fixed, k int64) *ArithmeticError {
	return &ArithmeticError{Backend: fixedName, Op: op, Operands: []string{x.String(), itoa(k)}, Err: ErrOverflow}
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// Div returns x/y rounded half-even to 8 decimals; it panics if y is zero
// or on overflow.
func (x Fixed) Div(y Fixed) Fixed {
	uy := mag(y)
	hi, lo := bits.Mul64(mag(x), FixedScale)
	if hi >= uy { // also when y == 0
		panic(fixedDivFault(x, y))
	}
	q, r := bits.Div64(hi, lo, uy)
	// r < uy <= 2^63, so 2r does not overflow.
	q += b2u(2*r+q&1 > uy) // half-even, as in mul
	return withSign(q, int64(x^y)>>63, opDiv, x, y)
}

// DivInt returns x/k rounded half-even to 8 decimals: the raw value
// divided by k, with no 128-bit division. It panics if k is zero.
func (x Fixed) DivInt(k int64) Fixed {
	if x >= 0 && k > 0 { // inlined fast path; q + 1 <= x cannot overflow
		u, uk := uint64(x), uint64(k)
		q := u / uk
		// Half-even: up by one when 2r + (q&1) > k, which the top bit of
		// k - (2r + (q&1)) tells (both terms are below 2^64, and the
		// difference wraps past 2^63 exactly when it is negative).
		return Fixed(q + (uk-(2*(u-q*uk)+q&1))>>63)
	}
	return x.divInt(k)
}

func (x Fixed) divInt(k int64) Fixed {
	uk := mag(Fixed(k))
	if uk == 0 {
		panic(fixedDivIntFault(x))
	}
	u := mag(x)
	q, r := u/uk, u%uk
	q += b2u(2*r+q&1 > uk) // half-even; 2r < 2uk <= 2^64
	neg := (int64(x) ^ k) < 0
	if q > math.MaxInt64+b2u(neg) { // only MinFixed / -1
		panic(fixedIntOverflow("divint", x, k))
	}
	if neg {
		return Fixed(-int64(q))
	}
	return Fixed(q)
}

//go:noinline
func fixedDivIntFault(x Fixed) *ArithmeticError {
	return &ArithmeticError{Backend: fixedName, Op: "divint", Operands: []string{x.String(), "0"}, Err: ErrDivisionByZero}
}

// fixedDivFault returns the error of a zero divisor or a quotient beyond
// 2^64, for the caller to panic with.
//
//go:noinline
func fixedDivFault(x, y Fixed) *ArithmeticError {
	if y == 0 {
		return fixedError("div", ErrDivisionByZero, x, y)
	}
	return fixedOverflow(opDiv, x, y)
}

// MulRound returns x*y rounded once to decimals places with mode. With
// decimals >= 8 it equals Mul. decimals must be in [0, 18].
func (x Fixed) MulRound(y Fixed, decimals int, mode RoundingMode) Fixed {
	checkDecimals(decimals, "mulround", x, y)
	if decimals >= FixedDecimals && mode == HalfEven {
		return x.mul(y, opMulRound)
	}
	d := min(decimals, FixedDecimals)
	// The exact product has 16 decimals; divide by 10^(16-d).
	div := pow10u[2*FixedDecimals-d]
	hi, lo := bits.Mul64(mag(x), mag(y))
	if hi >= div {
		panicFixed("mulround", ErrOverflow, x, y)
	}
	q, r := bits.Div64(hi, lo, div)
	neg := (x ^ y) < 0
	if mode.roundUp(q&1 == 1, cmpHalf(r, div), r != 0, neg) {
		q++
	}
	return rescale(q, d, neg, "mulround", x, y)
}

// DivRound returns x/y rounded once to decimals places with mode. With
// decimals >= 8 and HalfEven it equals Div. decimals must be in [0, 18].
func (x Fixed) DivRound(y Fixed, decimals int, mode RoundingMode) Fixed {
	checkDecimals(decimals, "divround", x, y)
	if y == 0 {
		panicFixed("divround", ErrDivisionByZero, x, y)
	}
	d := min(decimals, FixedDecimals)
	uy := mag(y)
	hi, lo := bits.Mul64(mag(x), pow10u[d])
	if hi >= uy {
		panicFixed("divround", ErrOverflow, x, y)
	}
	q, r := bits.Div64(hi, lo, uy)
	neg := (x ^ y) < 0
	if mode.roundUp(q&1 == 1, cmpHalf(r, uy), r != 0, neg) {
		q++
	}
	return rescale(q, d, neg, "divround", x, y)
}

// Quantize returns x rounded to decimals places with mode; decimals must be
// in [0, 18], and x is returned unchanged for decimals >= 8.
func (x Fixed) Quantize(decimals int, mode RoundingMode) Fixed {
	checkDecimals(decimals, "quantize", x)
	if decimals >= FixedDecimals {
		return x
	}
	div := pow10u[FixedDecimals-decimals]
	u := mag(x)
	q, r := u/div, u%div
	neg := x < 0
	if mode.roundUp(q&1 == 1, cmpHalf(r, div), r != 0, neg) {
		q++
	}
	return rescale(q, decimals, neg, "quantize", x)
}

// Neg returns -x; it panics for MinFixed.
func (x Fixed) Neg() Fixed {
	if x == MinFixed {
		panic(fixedOverflow(opNeg, x, 0))
	}
	return -x
}

// Abs returns |x|; it panics for MinFixed.
func (x Fixed) Abs() Fixed {
	if x == MinFixed {
		panic(absOverflow(x))
	}
	m := x >> 63
	return (x ^ m) - m
}

// Sqrt returns the square root of x rounded half-even to 8 decimals (the
// exact root is never a tie); it panics if x is negative.
func (x Fixed) Sqrt() Fixed {
	if x < 0 {
		panicFixed("sqrt", ErrInvalid, x)
	}
	// sqrt(raw / 1e8) * 1e8 = sqrt(raw * 1e8).
	hi, lo := bits.Mul64(uint64(x), FixedScale)
	r := uint64(math.Sqrt(float64(x) * FixedScale))
	// Correct the float estimate so that r*r <= n < (r+1)*(r+1).
	for r > 0 && sqCmp(r, hi, lo) > 0 {
		r--
	}
	for sqCmp(r+1, hi, lo) <= 0 {
		r++
	}
	// Round up iff n - r^2 > r (then sqrt(n) > r + 1/2).
	shi, slo := sq(r)
	dlo, borrow := bits.Sub64(lo, slo, 0)
	dhi, _ := bits.Sub64(hi, shi, borrow)
	if dhi != 0 || dlo > r {
		r++
	}
	return Fixed(r)
}

// Cmp returns -1, 0 or +1 as x is less than, equal to or greater than y.
func (x Fixed) Cmp(y Fixed) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// Sign returns -1, 0 or +1 by the sign of x.
func (x Fixed) Sign() int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

// IsZero reports whether x is zero.
func (x Fixed) IsZero() bool { return x == 0 }

// Min returns the smaller of x and y.
func (x Fixed) Min(y Fixed) Fixed { return min(x, y) }

// Max returns the larger of x and y.
func (x Fixed) Max(y Fixed) Fixed { return max(x, y) }

// Float64 returns the float64 nearest to x.
func (x Fixed) Float64() float64 {
	if uint64(x)+1<<53 <= 1<<54 { // -2^53 <= x <= 2^53: inlined
		// Both operands are exact, so the quotient is rounded once.
		return float64(x) / FixedScale
	}
	return x.float64Slow()
}

// float64Slow is Float64 beyond 2^53 raw units, where float64(x) would
// round before the division: the nearest float64 of the decimal text.
//
//go:noinline
func (x Fixed) float64Slow() float64 { return parseFloatExact(x.String()) }

// FromInt64 returns i as a Fixed; it panics if |i| > 92233720368.
func (Fixed) FromInt64(i int64) Fixed {
	if i > math.MaxInt64/FixedScale || i < math.MinInt64/FixedScale {
		panic(&ArithmeticError{Backend: fixedName, Op: "int", Operands: []string{itoa(i)}, Err: ErrOverflow})
	}
	return Fixed(i * FixedScale)
}

// mag returns |x| as an unsigned integer (2^63 for MinFixed), branch-free.
func mag(x Fixed) uint64 {
	m := int64(x) >> 63
	return uint64((int64(x) ^ m) - m)
}

// rescale returns the Fixed for q units of 10^-d, checking the range.
func rescale(q uint64, d int, neg bool, op string, xs ...Fixed) Fixed {
	m := pow10u[FixedDecimals-d]
	hi, v := bits.Mul64(q, m)
	if hi != 0 || (neg && v > 1<<63) || (!neg && v > math.MaxInt64) {
		panicFixed(op, ErrOverflow, xs...)
	}
	if neg {
		return Fixed(-int64(v))
	}
	return Fixed(v)
}

// cmpHalf compares r with d/2: -1 below, 0 equal, +1 above (r < d).
func cmpHalf(r, d uint64) int {
	switch h := d - r; {
	case r > h:
		return 1
	case r == h:
		return 0
	}
	return -1
}

func sq(r uint64) (hi, lo uint64) { return bits.Mul64(r, r) }

// sqCmp compares r*r with hi:lo.
func sqCmp(r, hi, lo uint64) int {
	shi, slo := sq(r)
	return cmp128(shi, slo, hi, lo)
}

func cmp128(ahi, alo, bhi, blo uint64) int {
	switch {
	case ahi != bhi:
		if ahi < bhi {
			return -1
		}
		return 1
	case alo < blo:
		return -1
	case alo > blo:
		return 1
	}
	return 0
}

var pow10u = [...]uint64{
	1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
	1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
}

func checkDecimals(d int, op string, xs ...Fixed) {
	if d < 0 || d > 18 {
		panicFixed(op, ErrInvalid, xs...)
	}
}

// fixedOverflow returns the error of an overflow of a binary operation
// (or of a unary one: y is then ignored), for the caller to panic with.
// It is kept out of line so that the callers stay small enough to be
// inlined; the panic stays in the caller so that the compiler knows the
// overflow path does not return, and keeps the fast path's registers.
//
//go:noinline
func fixedOverflow(code opCode, x, y Fixed) *ArithmeticError {
	op := code.String()
	switch code {
	case opNeg, opAbs:
		return fixedError(op, ErrOverflow, x)
	}
	return fixedError(op, ErrOverflow, x, y)
}

// The overflow errors of the inlined operations, one function each: the
// fewer the arguments, the cheaper the call site for the inliner.

//go:noinline
func addOverflow(x, y Fixed) *ArithmeticError { return fixedOverflow(opAdd, x, y) }

//go:noinline
func subOverflow(x, y Fixed) *ArithmeticError { return fixedOverflow(opSub, x, y) }

//go:noinline
func absOverflow(x Fixed) *ArithmeticError { return fixedOverflow(opAbs, x, 0) }

// opCode names an operation in a compact form, so that the out-of-line
// panic call costs its inlined callers little.
type opCode uint8

const (
	opAdd opCode = iota
	opSub
	opMul
	opMulRound
	opDiv
	opNeg
	opAbs
)

func (c opCode) String() string {
	return [...]string{"add", "sub", "mul", "mulround", "div", "neg", "abs"}[c]
}

func panicFixed(op string, err error, xs ...Fixed) {
	panic(fixedError(op, err, xs...))
}

func fixedError(op string, err error, xs ...Fixed) *ArithmeticError {
	ops := make([]string, len(xs))
	for i, x := range xs {
		ops[i] = x.String()
	}
	return &ArithmeticError{Backend: fixedName, Op: op, Operands: ops, Err: err}
}
