// Package generated: a kernel that calls a copy through its dispatcher
// instead of calling the marked function.
package generated

import "github.com/pennybt/penny/numeric"

//penny:specialize
func double[N numeric.Number[N]](x N) N { return x.Add(x) }

//penny:specialize
func quadruple[N numeric.Number[N]](x N) N { return doubleFor[N]()(doubleFor[N]()(x)) }
