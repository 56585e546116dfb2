// Package nofor: a specialized function whose copies For could not tell
// apart.
package nofor

import "github.com/pennybt/penny/numeric"

//penny:specialize
func roundTrip[N numeric.Number[N]](s string) string { return numeric.MustParse[N](s).String() }
