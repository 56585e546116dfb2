package engine

import (
	"testing"

	"github.com/pennybt/penny/numeric"
)

// TestAllocationsDoNotGrowWithFills runs the trading benchmark's strategy
// (about one fill a bar) over one and over three months of minute bars on
// float and fixed, which allocate nothing per operation: three times the
// bars and fills may cost a few more allocations (the order book's and the
// transaction log's chunks grow geometrically), never one per bar or per
// fill. Decimal allocates per operation outside its inline range and is
// not held to it.
func TestAllocationsDoNotGrowWithFills(t *testing.T) {
	t.Run("backend=float", testAllocationsFlat[numeric.Float])
	t.Run("backend=fixed", testAllocationsFlat[numeric.Fixed])
}

func testAllocationsFlat[N numeric.Number[N]](t *testing.T) {
	if testing.Short() {
		t.Skip("runs four backtests of 10 assets of minute bars")
	}
	allocs := func(months int) (float64, int) {
		backtest := tradeRun[N](t, months)
		var fills int
		n := testing.AllocsPerRun(1, func() { fills = len(backtest().Transactions) })
		return n, fills
	}
	one, fills1 := allocs(1)
	three, fills3 := allocs(3)
	if fills3 < 2*fills1 || fills1 < 5000 {
		t.Fatalf("fills: %d in one month, %d in three: the strategy does not trade as it should", fills1, fills3)
	}
	// 16 covers the chunks and the result's slices growing by
	// doubling; one allocation per fill or per bar would add thousands.
	if three-one > 16 {
		t.Errorf("%.0f allocations for %d fills, %.0f for %d fills: %.0f more", one, fills1, three, fills3, three-one)
	}
}
