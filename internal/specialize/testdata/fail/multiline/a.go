// Package multiline: a type parameter list over several lines.
package multiline

import "github.com/pennybt/penny/numeric"

//penny:specialize
func double[
	N numeric.Number[N],
](x N) N {
	return x.Add(x)
}
