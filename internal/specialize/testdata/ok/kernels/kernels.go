// Package kernels is a golden case of internal/specialize: kernels that call
// each other, take each other as values, and have a field, a variable and a
// comment named like their type parameter.
package kernels

import (
	"math"

	"github.com/pennybt/penny/numeric"
)

// box has a field named N: only the type parameter is renamed.
type box[N numeric.Number[N]] struct {
	N     N
	Count int
}

// sum adds xs into b.N.
//
//penny:specialize
func sum[N numeric.Number[N]](b *box[N], xs []N) {
	for _, x := range xs {
		b.N = b.N.Add(x) // N here is the field, and x is an N
		b.Count++
	}
}

// twice calls sum with inferred and explicit instantiations, keeps it as a
// value, passes it as an argument, and calls the Fixed copy explicitly.
//
//penny:specialize
func twice[N numeric.Number[N]](b *box[N], xs []N) int {
	sum(b, xs)
	f := sum[N]
	f(b, xs)
	var g func(*box[N], []N) = sum
	apply(g, b, xs)
	apply(sum[N], b, nil)
	var fixed box[numeric.Fixed]
	sum[numeric.Fixed](&fixed, []numeric.Fixed{numeric.Int[numeric.Fixed](1)})
	{
		N := math.MaxInt8 // a variable named N shadows the type parameter
		return b.Count + N - N + fixed.Count
	}
}

func apply[N numeric.Number[N]](f func(*box[N], []N), b *box[N], xs []N) { f(b, xs) }

// Twice runs twice through its copy for N.
func Twice[N numeric.Number[N]](xs []N) (N, int) {
	var b box[N]
	n := twiceFor[N]()(&b, xs)
	return b.N, n
}

// ratio panics on a zero denominator, in the source line of the Div.
//
//penny:specialize
func ratio[N numeric.Number[N]](x, y N) N {
	return x.Div(y)
}

// Ratio is ratio through its copy for N.
func Ratio[N numeric.Number[N]](x, y N) N { return ratioFor[N]()(x, y) }

// f is a type whose name the For dispatcher of p must not shadow.
type f = int64

// p is a kernel named like the For dispatcher's pointer.
//
//penny:specialize
func p[N numeric.Number[N]](x N, k f) N { return x.MulInt(k) }
