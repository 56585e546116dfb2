package imported_test

import (
	"testing"

	"github.com/pennybt/penny/internal/specialize/testdata/ok/imported"
	"github.com/pennybt/penny/internal/specialize/testdata/ok/imported/user"
	"github.com/pennybt/penny/numeric"
)

// testSwap checks user.Swap on backend N: the Pair of package imported and
// the Pair user takes are one type.
//
//penny:backends
func testSwap[N numeric.Number[N]](t *testing.T) {
	p := user.Swap(imported.Pair[N]{A: numeric.Int[N](1), B: numeric.Int[N](2)})
	if p.A.String() != "2" || p.B.String() != "1" {
		t.Fatalf("Swap = %v", p)
	}
}

func TestSwap(t *testing.T) {
	for _, b := range []string{"float", "fixed", "decimal"} {
		f, ok := testSwapByName(b)
		if !ok {
			t.Fatalf("no test for %s", b)
		}
		t.Run(b, f)
	}
}
