// Package kernel: a kernel changed after go generate last ran (it used to
// add x once; specialized_gen.go is what go generate wrote then).
package kernel

import "github.com/pennybt/penny/numeric"

//penny:specialize
func add[N numeric.Number[N]](s, x N) N { return s.Add(x).Add(x) }
