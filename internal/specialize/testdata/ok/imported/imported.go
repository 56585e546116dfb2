// Package imported is a golden case of internal/specialize: its external
// tests import a package (user) that imports it, so the generator reads it
// from export data, as user's export data does.
package imported

import "github.com/pennybt/penny/numeric"

// Pair holds two values of N.
type Pair[N numeric.Number[N]] struct{ A, B N }
