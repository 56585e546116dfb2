package order_test

import (
	"testing"

	"github.com/pennybt/penny/numeric"
)

// forEachBackend runs test for every numeric backend, as sub-tests named
// backend=float, backend=fixed and backend=decimal.
func forEachBackend(t *testing.T, float, fixed, decimal func(*testing.T)) {
	t.Run("backend=float", float)
	t.Run("backend=fixed", fixed)
	t.Run("backend=decimal", decimal)
}

// num parses decimal text into N, failing the test on error.
func num[N numeric.Number[N]](t testing.TB, s string) N {
	t.Helper()
	v, err := numeric.Parse[N](s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}
