package backends_test

import (
	"testing"

	"github.com/pennybt/penny/internal/specialize/testdata/ok/backends"
	"github.com/pennybt/penny/numeric"
)

// quarter halves xs twice through the package's exported kernel, whose
// copies its own copies call.
//
//penny:specialize
func quarter[N numeric.Number[N]](xs []N) {
	backends.Half(xs)
	backends.Half[N](xs)
}

// testQuarter checks quarter on backend N.
//
//penny:backends
func testQuarter[N numeric.Number[N]](t *testing.T) {
	xs := []N{numeric.Int[N](10)}
	quarterFor[N]()(xs)
	if got := xs[0].String(); got != "2.5" {
		t.Fatalf("quarter(10) = %s", got)
	}
}

func TestQuarter(t *testing.T) {
	for _, b := range []string{"float", "fixed", "decimal"} {
		f, ok := testQuarterByName(b)
		if !ok {
			t.Fatalf("no test for %s", b)
		}
		t.Run(b, f)
	}
}
