// Package conflict: two files give one name to two packages, and the
// generated file would need both.
package conflict

import (
	"math/rand"

	"github.com/pennybt/penny/numeric"
)

//penny:specialize
func jitter[N numeric.Number[N]](x N, r *rand.Rand) N { return x.Add(numeric.Int[N](r.Int63n(2))) }
