// Package typearg: a kernel that calls a marked function with a type
// argument that is neither its type parameter nor a backend, so that no
// copy exists to call.
package typearg

import (
	"math/big"

	"github.com/pennybt/penny/numeric"
)

//penny:specialize
func double[N numeric.Number[N]](x N) N { return x.Add(x) }

//penny:specialize
func doubleCents[N numeric.Number[N]](x N) N {
	return x.Add(numeric.Int[N](int64(double(cents{}).v.Sign())))
}

// cents is a Number of its own, on Fixed.
type cents struct{ v numeric.Fixed }

func (x cents) Add(y cents) cents    { return cents{x.v.Add(y.v)} }
func (x cents) Sub(y cents) cents    { return cents{x.v.Sub(y.v)} }
func (x cents) Mul(y cents) cents    { return cents{x.v.Mul(y.v)} }
func (x cents) MulInt(k int64) cents { return cents{x.v.MulInt(k)} }
func (x cents) Div(y cents) cents    { return cents{x.v.Div(y.v)} }
func (x cents) DivInt(k int64) cents { return cents{x.v.DivInt(k)} }
func (x cents) MulRound(y cents, d int, m numeric.RoundingMode) cents {
	return cents{x.v.MulRound(y.v, d, m)}
}
func (x cents) DivRound(y cents, d int, m numeric.RoundingMode) cents {
	return cents{x.v.DivRound(y.v, d, m)}
}
func (x cents) Neg() cents                                   { return cents{x.v.Neg()} }
func (x cents) Abs() cents                                   { return cents{x.v.Abs()} }
func (x cents) Sqrt() cents                                  { return cents{x.v.Sqrt()} }
func (x cents) Cmp(y cents) int                              { return x.v.Cmp(y.v) }
func (x cents) Sign() int                                    { return x.v.Sign() }
func (x cents) IsZero() bool                                 { return x.v.IsZero() }
func (x cents) Min(y cents) cents                            { return cents{x.v.Min(y.v)} }
func (x cents) Max(y cents) cents                            { return cents{x.v.Max(y.v)} }
func (x cents) Quantize(d int, m numeric.RoundingMode) cents { return cents{x.v.Quantize(d, m)} }
func (x cents) Float64() float64                             { return x.v.Float64() }
func (x cents) String() string                               { return x.v.String() }
func (x cents) MarshalText() ([]byte, error)                 { return x.v.MarshalText() }
func (x cents) FromInt64(i int64) cents                      { return cents{x.v.FromInt64(i)} }
func (x cents) FromFloat64(f float64) (cents, error) {
	v, err := x.v.FromFloat64(f)
	return cents{v}, err
}
func (x cents) Parse(s string) (cents, error) {
	v, err := x.v.Parse(s)
	return cents{v}, err
}
func (x cents) MulDiv(y, z cents, d int, m numeric.RoundingMode) cents {
	return cents{x.v.MulDiv(y.v, z.v, d, m)}
}
func (x cents) TruncTo(step cents) cents            { return cents{x.v.TruncTo(step.v)} }
func (x cents) IsMultiple(step cents) bool          { return x.v.IsMultiple(step.v) }
func (x cents) MulCmp(y, z, w cents) int            { return x.v.MulCmp(y.v, z.v, w.v) }
func (x cents) Rat() *big.Rat                       { return x.v.Rat() }
func (x cents) Unscaled() (u int64, s int, ok bool) { return x.v.Unscaled() }
func (x cents) FromRat(r *big.Rat, d int, m numeric.RoundingMode) (cents, error) {
	v, err := x.v.FromRat(r, d, m)
	return cents{v}, err
}
