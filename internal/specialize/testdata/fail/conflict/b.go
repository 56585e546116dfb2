package conflict

import (
	rand "math/rand/v2"

	"github.com/pennybt/penny/numeric"
)

//penny:specialize
func jitter2[N numeric.Number[N]](x N, r *rand.Rand) N { return x.Add(numeric.Int[N](r.Int64N(2))) }
