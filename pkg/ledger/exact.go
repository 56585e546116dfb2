package ledger

import "github.com/pennybt/penny/numeric"

// decimals is the number of decimals every amount of money the ledger
// derives by a product or a quotient is rounded to, half-even: the
// precision of Fixed, so that Fixed and Decimal agree digit for digit.
const decimals = 8

// round8 is the ledger's one rounding rule for a product: x*y rounded
// once to 8 decimals, half-even.
//
//penny:specialize
func round8[N numeric.Number[N]](x, y N) N { return x.MulRound(y, decimals, numeric.HalfEven) }

// mulDiv8 is the ledger's one rounding rule for a quotient: x*y/z
// computed exactly and rounded once to 8 decimals, half-even
// ([numeric.Number.MulDiv]). z must not be zero. It panics with a
// *numeric.ArithmeticError if the result overflows N.
//
//penny:specialize
func mulDiv8[N numeric.Number[N]](x, y, z N) N { return x.MulDiv(y, z, decimals, numeric.HalfEven) }
