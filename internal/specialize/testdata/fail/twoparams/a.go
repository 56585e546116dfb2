// Package twoparams: a marked function with two type parameters.
package twoparams

import "github.com/pennybt/penny/numeric"

//penny:specialize
func add[N numeric.Number[N], M numeric.Number[M]](x N, y M) N {
	return x.Add(numeric.Int[N](int64(y.Sign())))
}
