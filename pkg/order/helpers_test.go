package order_test

import (
	"testing"

	"github.com/pennybt/penny/numeric"
)

// num parses decimal text into N, failing the test on error.
func num[N numeric.Number[N]](t testing.TB, s string) N {
	t.Helper()
	v, err := numeric.Parse[N](s)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}
