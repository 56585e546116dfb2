// Package declared: a name the generator writes, declared by hand.
package declared

import "github.com/pennybt/penny/numeric"

//penny:specialize
func double[N numeric.Number[N]](x N) N { return x.Add(x) }

func doubleFixed(x numeric.Fixed) numeric.Fixed { return x.MulInt(2) }
