// Package unmarked: no function is marked any more, and a generated file
// from when one was is left.
package unmarked

import "github.com/pennybt/penny/numeric"

func add[N numeric.Number[N]](s, x N) N { return s.Add(x) }
