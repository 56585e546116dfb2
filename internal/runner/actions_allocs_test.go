package runner

import (
	"context"
	"fmt"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/report"
)

// TestActionAllocationsDoNotGrowWithActions runs daily with and without
// splits and dividends (BenchmarkActions' run, some 600 actions and
// payments over its two years), on float and fixed: the actions may cost
// a few allocations per run (the event log and the records sized once,
// the adjusted views and the transfers in chunks, the receivables'
// slice growing by doubling), never one per action.
func TestActionAllocationsDoNotGrowWithActions(t *testing.T) {
	t.Run("backend=float", testActionAllocations[numeric.Float])
	t.Run("backend=fixed", testActionAllocations[numeric.Fixed])
}

func testActionAllocations[N numeric.Number[N]](t *testing.T) {
	if testing.Short() {
		t.Skip("runs backtests of two years of daily bars")
	}
	allocs := func(extra string) (float64, int) {
		c := parse(t, fmt.Sprintf(dailyYAML, extra))
		data, err := LoadData[N](c, noEnv)
		if err != nil {
			t.Fatal(err)
		}
		actions := 0
		n := testing.AllocsPerRun(2, func() {
			res, err := Run(context.Background(), c, data, noEnv, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := report.Summarize(res, report.Options{}); err != nil {
				t.Fatal(err)
			}
			actions = len(res.Actions)
		})
		return n, actions
	}
	without, _ := allocs("")
	with, actions := allocs(", splits: 0.5, dividend_yield: 0.03")
	if actions < 400 {
		t.Fatalf("%d actions applied: the run does not exercise them", actions)
	}
	t.Logf("%.0f allocations without actions, %.0f with %d actions", without, with, actions)
	// 48 covers the per-run allocations; one per action would add
	// hundreds.
	if with-without > 48 {
		t.Errorf("%.0f allocations without actions, %.0f with %d actions: %.0f more", without, with, actions, with-without)
	}
}
