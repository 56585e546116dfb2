package report

import (
	"fmt"
	"math"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/metrics"
)

// TestExposure requires exposure's figures to be, to the last bit, the
// mean of metrics.Turnover over the sessions and the means of the
// leverages, on every backend, and (in Float and Fixed, whose Float64
// allocates nothing) to allocate nothing.
func TestExposure(t *testing.T) {
	t.Run("float", testExposure[numeric.Float])
	t.Run("fixed", testExposure[numeric.Fixed])
	t.Run("decimal", testExposure[numeric.Decimal])
}

func testExposure[N numeric.Number[N]](t *testing.T) {
	res := &engine.Result[N]{Capital: numeric.MustParse[N]("100000")}
	if to, g, n := exposure(res); !math.IsNaN(to) || !math.IsNaN(g) || !math.IsNaN(n) {
		t.Errorf("no session: %v %v %v, want NaN", to, g, n)
	}
	// Values that round differently summed in another order, a zero
	// average value with nothing traded.
	values := []string{"100000.01", "99999.37", "0", "0", "123456.78901234", "98765.4321"}
	traded := []string{"1234.56", "0.01", "0", "0", "77777.77777777", "3.3"}
	for i := range values {
		res.Snapshots = append(res.Snapshots, ledger.Snapshot[N]{
			PortfolioValue: numeric.MustParse[N](values[i]), Traded: numeric.MustParse[N](traded[i]),
			GrossLeverage: 0.1 * float64(i+1), NetLeverage: -0.3 / float64(i+1)})
	}
	var tv, vv []float64
	var wantGross, wantNet, wantTurnover float64
	for _, s := range res.Snapshots {
		tv, vv = append(tv, s.Traded.Float64()), append(vv, s.PortfolioValue.Float64())
		wantGross += s.GrossLeverage
		wantNet += s.NetLeverage
	}
	for _, x := range metrics.Turnover(tv, vv, res.Capital.Float64()) {
		wantTurnover += x
	}
	n := float64(len(values))
	to, g, ne := exposure(res)
	if fmt.Sprint(to, g, ne) != fmt.Sprint(wantTurnover/n, wantGross/n, wantNet/n) {
		t.Errorf("exposure = %v %v %v, want %v %v %v", to, g, ne, wantTurnover/n, wantGross/n, wantNet/n)
	}
	if numeric.Backend[N]() == "decimal" {
		return
	}
	if a := testing.AllocsPerRun(100, func() { to, g, ne = exposure(res) }); a != 0 {
		t.Errorf("exposure allocated %v times, want 0", a)
	}
}
