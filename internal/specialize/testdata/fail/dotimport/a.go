// Package dotimport: a marked function in a file with a dot import.
package dotimport

import (
	. "math"

	"github.com/pennybt/penny/numeric"
)

//penny:specialize
func scale[N numeric.Number[N]](x N) N { return x.MulInt(MaxInt8) }
