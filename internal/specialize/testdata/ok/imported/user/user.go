// Package user imports package imported.
package user

import (
	"github.com/pennybt/penny/internal/specialize/testdata/ok/imported"
	"github.com/pennybt/penny/numeric"
)

// Swap returns p with A and B swapped.
func Swap[N numeric.Number[N]](p imported.Pair[N]) imported.Pair[N] {
	return imported.Pair[N]{A: p.B, B: p.A}
}
