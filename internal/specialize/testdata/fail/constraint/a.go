// Package constraint: a marked function whose type parameter is not
// constrained by numeric.Number.
package constraint

import "fmt"

//penny:specialize
func show[N fmt.Stringer](x N) string { return x.String() }
