// Package typeerror: a package that does not type-check.
package typeerror

import "github.com/pennybt/penny/numeric"

//penny:specialize
func double[N numeric.Number[N]](x N) N { return x.Add(x) }

var count int = "three"
