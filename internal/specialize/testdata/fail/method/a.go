// Package method: a marked method.
package method

import "github.com/pennybt/penny/numeric"

type acc[N numeric.Number[N]] struct{ sum N }

//penny:specialize
func (a *acc[N]) add(x N) { a.sum = a.sum.Add(x) }
