// Package numeric holds Penny's numbers: the Number constraint that the
// whole engine is written over, and its three backends.
//
//	Float    float64, IEEE 754 binary64                 the speed baseline
//	Fixed    int64 counting 1e-8 units (8 decimals)     exact money at float speed
//	Decimal  inline int64 or ericlagergren/decimal Big  arbitrary precision, 34 digits
//
// # The registry: one list of backends
//
// [Backends] lists the backends in one place, in this order: each one's
// name (what configs, flags, reports and errors call it), a one-line
// description, and whether it is exact. [LookupBackend] finds one by name;
// its error lists the names. Everything in Penny that names the backends
// takes them from here: config validation, penny run --backend and penny
// bench --backends, the bench, and the per-backend tests
// (internal/backendtest). Float stays the speed baseline and Decimal the
// reference that drift is measured from, whatever is added.
//
// # Running generic code on a backend chosen by name
//
// Go cannot pass an uninstantiated generic function, so running generic
// code on the backend a config names needs one instantiation per backend.
// Rather than a switch in every caller, or a visitor with one method per
// backend (which every visitor would have to grow when a backend is
// added), the instantiations are generated: go generate
// (internal/specialize) writes, for a function marked //penny:backends, a
// dispatcher by name over the registry's backends:
//
//	//penny:backends
//	func runBackend[N numeric.Number[N]](cfg *config.Config) (outcome, error) { ... }
//
//	run, ok := runBackendByName(cfg.Backend) // runBackend[numeric.Fixed] for "fixed"
//
// Per-backend tests are written the same way, and run by
// backendtest.Run(t, testXByName) on every backend of the registry.
//
// # Adding a backend
//
// A fourth backend takes three steps; nothing outside this package and the
// generator's list changes:
//
//  1. In numeric: the type, with the methods of Number and the name
//     constant its errors carry, its case in [Backend], and its entry in
//     the registry (backend.go).
//  2. In internal/specialize/backend.go: its entry in the generator's
//     list, type and name, in the registry's order.
//  3. go generate ./... : every specialized kernel gets a copy for it and
//     every For and ByName dispatcher a case, so the engine's kernels,
//     penny run and bench, config validation and every per-backend test
//     include it.
//
// TestRegistryMatchesGenerator fails while the two lists disagree, and a
// package's TestGeneratedCodeIsCurrent while go generate has not run since.
//
// # The constraint
//
// Generic code is written once as func F[N numeric.Number[N]] and runs on
// every backend. Number covers arithmetic (Add, Sub, Mul, Div, Sqrt, Neg,
// Abs), comparison (Cmp, Sign, IsZero, Min, Max, and MulCmp, the sign of
// x*y - z*w with exact products: a ratio comparison without a division,
// and in Fixed without Mul's rounding division either), explicit rounding
// (Quantize, MulRound, DivRound, MulDiv with a [RoundingMode]), multiples
// (TruncTo, IsMultiple), exact views (Rat, Unscaled), conversions
// (FromInt64, Parse, FromFloat64, FromRat, Float64, String) and text
// marshalling. Values are immutable: every method has a value receiver and
// returns a new value. The zero value of every backend is 0.
//
// Code that differs by backend lives in this package and nowhere else: no
// other package asserts or switches on a backend type (a test walks the
// module and fails on any). What the engine needs of a backend is an
// operation of Number, implemented by each backend, or a generic function
// of this package ([FromUnscaled], [ToUnscaled], [RoundEstimate]) whose
// code per backend is here, with a generic fallback for any other
// implementation.
//
// # Fixed: width, scale and limits
//
// Fixed is an int64 scaled by 10^8. The choice was measured (see
// docs/performance/numeric.md): add, sub and cmp cost what float64's do
// (one instruction and a predictable overflow branch); mul and div need a
// 128-bit intermediate and a hardware divide, a few ns. A 128-bit fixed
// point at 10^18 would hold 1.7e20 and keep the product of two 8-decimal
// numbers exact, at about twice the cost of every operation and twice the
// memory of every column. Penny ships the int64 type because its range
// covers the books it is built for, and points larger books to Decimal.
//
//   - Exact: 8 decimals. Prices with up to 8 decimals, share and coin
//     quantities with up to 8 decimals, cash and P&L are exact.
//   - Range: MinFixed..MaxFixed = -92233720368.54775808..92233720368.54775807
//     (about +-9.2e10: a portfolio up to 92 billion, volumes up to 92 billion
//     units). Integers up to 92233720368 convert with FromInt64.
//   - Rounding: Add, Sub, Neg, Abs are exact. Mul, Div and Sqrt compute the
//     exact result with 128-bit intermediates and round once to 8 decimals,
//     half-even. MulRound, DivRound, MulDiv and Quantize round once to fewer
//     decimals by the mode given.
//   - Parse refuses a non-zero digit beyond the 8th decimal (ErrPrecision)
//     rather than round silently.
//
// # Decimal
//
// Decimal computes under an explicit context of 34 significant digits,
// half-even (decimal128's precision; a zero-value Big would round to 16
// digits). Add, Sub and Mul of money-sized values are exact; results
// beyond 34 digits are rounded half-even. Division, square root and the
// explicit roundings are computed with integers and rounded once (the
// served library's Quo is not correctly rounded). Parse keeps every digit
// given.
//
// A Decimal is a 16-byte value in one of two forms, chosen by its digits
// and invisible in every result:
//
//   - Inline: a coefficient c with -2^55 <= c < 2^55 (every number of up to
//     16 digits, and 17-digit ones up to 36028797018963967) and a scale s in
//     -128..127, packed with no pointer, for c * 10^-s. Prices, quantities,
//     cash and P&L rounded to 8 decimals below about 3.6e8 (and to 2
//     decimals below 3.6e14) are inline. Add, Sub, Mul, MulInt, Cmp, Neg,
//     Abs, Sign, IsZero, Min, Max, Quantize, MulRound and DivRound on
//     inline values are 64- and 128-bit integer arithmetic (math/bits) and
//     allocate nothing; so are Div, DivInt and Sqrt when the exact result
//     is inline (1/8, 98764.8, the root of 2.25), Parse of text whose
//     value is inline (up to 17 significant digits, with or without an
//     exponent), AppendText into a buffer with room, and Float64 (one
//     correctly rounded division for up to 15 digits and 22 decimals,
//     else strconv on text built on the stack).
//   - Big: every other value (more digits, such as the 34 of 1/3 or of
//     the square root of 2, or a scale beyond -128..127) is held in a
//     *decimal.Big (github.com/ericlagergren/decimal) that no method
//     mutates. A quotient or square root of inline operands that does not
//     terminate is computed with 128- and 256-bit integers and allocates
//     one object, its Big (128 bytes). Every other operation with a big
//     operand, or whose exact result does not fit (a sum or product
//     beyond 2^55), runs the library's arithmetic and allocates the
//     result's Big and its temporaries.
//
// Every result that fits the inline form takes it (trailing zeros are
// dropped to make it fit), so a value returns to the inline form as soon
// as its digits allow. Zero has no sign (the library's -0 is 0) and its
// scale is not part of its value; [Decimal.Big] returns a Big equal in
// value, whose scale may differ from a Big-only computation's. The results
// are those of the former Big-only implementation digit for digit: the
// tests check every operation against it, kept as a test oracle, and
// against math/big.Rat. Memory: a slice of Decimals is twice the size of
// a slice of Fixed or Float, and holds pointers that the garbage collector
// scans.

// # Float
//
// Float is float64 with methods. It rounds every result to the nearest
// double; decimal inputs such as 0.1 are approximated, and sums drift. Its
// Quantize rounds in binary, so it yields the double nearest the decimal.
//
// # Rounding points
//
// Every implicit rounding is half-even (Mul, Div, Sqrt; Decimal's 34-digit
// context). Explicit rounding names its mode: HalfEven (the default),
// HalfUp, Down (toward zero), Up (away from zero), Floor, Ceiling. Prefer a
// fused MulRound or DivRound to a Mul or Div followed by Quantize: the
// fused form rounds once, the pair twice. The engine rounds money at
// documented points with these calls, so that Fixed and Decimal agree digit
// for digit.
//
// # Conversions
//
//   - From text: Parse reads [+-]digits[.digits][e[+-]digits] straight into
//     the backend, never through float64. NaN, infinities, empty text,
//     spaces, underscores and hexadecimal are ErrSyntax.
//   - From float64: FromFloat64 writes the float as its shortest round-trip
//     decimal (strconv.FormatFloat(f, 'e', -1, 64)) and rounds that to the
//     backend half-even. So 0.1 becomes exactly 0.1, not
//     0.1000000000000000055511151231257827.
//   - To float64: Float64 returns the nearest double.
//   - To text: String returns the canonical form, plain decimal with no
//     exponent and no trailing fractional zeros; Fixed and Decimal print the
//     same digits for the same value, and Parse reads it back exactly.
//     AppendText appends the same text to a buffer (without allocating, for
//     Fixed and for an inline Decimal).
//   - JSON writes a string ("123.45") and reads a string or a number; YAML
//     writes and reads a plain scalar (123.45), exactly.
//
// # Exact operations
//
// These serve the engine's money rules; each computes the exact value
// and rounds it once, or is exact.
//
//   - x.MulDiv(y, z, decimals, mode): x*y/z rounded once to decimals
//     (0..18) places by mode; the ledger's rule for the cost a partial
//     close removes. Fixed divides the exact 128-bit product (math/bits)
//     and rounds to min(decimals, 8) places; Decimal computes exactly
//     (128-bit integers on inline values, math/big otherwise) and keeps
//     every digit; Float evaluates x*y/z in float64, then Quantize.
//     Panics: z zero (ErrDivisionByZero), decimals out of range
//     (ErrInvalid), a Fixed result beyond its range (ErrOverflow, also
//     when the quotient needs more than 64 bits).
//   - x.TruncTo(step), x.IsMultiple(step): x rounded toward zero to a
//     whole multiple of step, and whether x is one (lot sizes). Exact in
//     Fixed (the raw remainder) and Decimal (integers), whatever the size
//     of x/step, so they never overflow. Float takes a quotient within
//     1e-9 (relative) of a whole number as that number, rounds TruncTo's
//     result to the decimals step prints with, and IsMultiple tests
//     within 1e-9 of x. The sign of step is ignored; a zero step panics
//     (ErrDivisionByZero).
//   - x.Rat(): the exact value as a new *big.Rat; for Float its binary
//     value (0.1 is 3602879701896397/36028797018963968), nil for NaN and
//     infinities. [FromRat](r, decimals, mode) is the way back: r rounded
//     once to decimals places by mode (Fixed: at most 8), ErrOverflow
//     beyond the range (a *ParseError), a panic for decimals out of
//     0..18. Float gives the double nearest the rounded decimal.
//   - x.Unscaled(): u and scale with x = u * 10^-scale, scale >= 0 as small
//     as it can be; ok false when u does not fit an int64 (or a Float is
//     not finite). For Float it is the decimal String prints, not the
//     binary value. [ToUnscaled](dst, src, digits) is its bulk form for a
//     column: integers at the column's smallest common scale, each of at
//     most digits digits, else the index of the first value that does not
//     fit. [FromUnscaled](dst, src, scale) is the inverse (the store's
//     loads, the synthetic generator): Fixed and Decimal exact (Decimal
//     inline, without allocation, below 2^55), Float the nearest double;
//     a value Fixed cannot hold is a *ParseError (ErrPrecision,
//     ErrOverflow) with its index; scale outside 0..18 panics
//     (ErrInvalid). Both run concrete loops per backend.
//   - [RoundEstimate](est, tol, decimals, mode): the fast path of a value
//     otherwise computed with math/big, for a caller that can bound its
//     float64 estimate's relative error by tol. Fixed answers only when
//     every value within the bound rounds alike, so its result is the
//     exact one; Float rounds the estimate (its arithmetic is float64);
//     Decimal never answers. No allocation.
//
// # Errors and panics
//
// Parsing returns a *ParseError (errors.Is ErrSyntax, ErrPrecision or
// ErrOverflow) that names the backend and the input. Arithmetic that has no
// representable result panics with an *ArithmeticError naming the
// backend, the operation and its operands (errors.Is ErrOverflow,
// ErrDivisionByZero or ErrInvalid): a Fixed result beyond its range, any
// division by zero, the square root of a negative, a decimal count outside
// 0..18. Nothing wraps or saturates. The engine recovers these panics with
// [Recover] and stops the run with an error naming the bar and the order.
//
// # The hot-path pattern
//
// A method call on a type parameter is a call through the instantiation's
// dictionary: Go 1.26 neither inlines nor devirtualizes it. In a kernel
// such as a rolling mean, that makes the float64 instantiation several
// times slower than the same loop written for float64 (see
// docs/performance/numeric.md). Penny's per-bar kernels therefore follow
// one pattern.
//
// First, write the kernel once, as a generic function over a whole batch
// (all assets of a bar, all fills of an order), and mark it:
//
//	// smaStep adds a value to each rolling sum.
//	//
//	//penny:specialize
//	func smaStep[N numeric.Number[N]](sums, xs, old []N) {
//		for i := range sums {
//			sums[i] = sums[i].Add(xs[i]).Sub(old[i])
//		}
//	}
//
// Then go generate (internal/specialize) writes smaStepFloat, smaStepFixed
// and smaStepDecimal, copies of the source with N replaced by the concrete
// type, where every method call is direct and inlined, and smaStepFor[N](),
// which returns the copy for N.
//
// Finally, choose the copy once, when the kernel is set up, and keep it;
// the per-bar call is then one indirect call into concrete code:
//
//	type SMA[N numeric.Number[N]] struct {
//		step func(sums, xs, old []N)
//		// ...
//	}
//
//	func NewSMA[N numeric.Number[N]]() *SMA[N] {
//		return &SMA[N]{step: smaStepFor[N]()}
//	}
//
// A kernel must take a batch: the indirect call costs about a nanosecond,
// as much as a float64 addition-and-store, and only a loop inside the
// kernel amortizes it. The package's tests hold such kernels, with
// benchmarks against hand-written loops (kernel_test.go: a dot product,
// shown by ExampleDot, a position update, a rolling mean); strategies/
// indicator holds Penny's own. The copies carry //line
// directives, so panics and profiles name the kernel's own file and line.
// The generated files are checked twice: a test of the package regenerates
// them in memory and fails on any difference, and CI checks that go
// generate leaves the tree unchanged.
package numeric
