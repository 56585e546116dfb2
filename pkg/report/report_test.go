package report_test

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"maps"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/metrics"
	"github.com/pennybt/penny/pkg/order"
	"github.com/pennybt/penny/pkg/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the Fixed run")

const (
	fixtureStart = "2023-01-03"
	fixtureEnd   = "2024-06-28"
	// fixtureName has every character HTML escapes.
	fixtureName    = `SMA <cross> & "friends" 'n' co`
	fixtureElapsed = 1500 * time.Millisecond
)

func fixtureOptions() report.Options {
	return report.Options{Name: fixtureName, Elapsed: fixtureElapsed}
}

// TestWriteDir runs the fixture on each backend, writes its directory,
// and reads every file back: the values must be the Result's, and the
// CSV and JSON files those of the golden Fixed run.
func TestWriteDir(t *testing.T) {
	backendtest.Run(t, testWriteDirByName)
}

//penny:backends
func testWriteDir[N numeric.Number[N]](t *testing.T) {
	res := runFixture[N](t, fixtureStart, fixtureEnd)
	checkFixture(t, res)
	dir := filepath.Join(t.TempDir(), "out", "run") // created with its parent
	if err := report.WriteDir(dir, res, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if info, err := e.Info(); err != nil || info.Mode() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", e.Name(), info.Mode())
		}
	}
	want := []string{"actions.csv", "daily.csv", "orders.csv", "report.html", "summary.json", "transactions.csv"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v (and no temporary left)", names, want)
	}

	t.Run("file=summary.json", func(t *testing.T) { checkSummaryFile(t, filepath.Join(dir, "summary.json"), res) })
	t.Run("file=daily.csv", func(t *testing.T) { checkDaily(t, filepath.Join(dir, "daily.csv"), res) })
	t.Run("file=transactions.csv", func(t *testing.T) { checkTransactions(t, filepath.Join(dir, "transactions.csv"), res) })
	t.Run("file=orders.csv", func(t *testing.T) { checkOrders(t, filepath.Join(dir, "orders.csv"), res) })
	t.Run("file=report.html", func(t *testing.T) { checkHTML(t, filepath.Join(dir, "report.html"), res, report.DefaultMaxTrades) })
	t.Run("golden", func(t *testing.T) { checkGolden[N](t, dir) })
}

// checkFixture checks that the fixture exercises what the files show:
// fills with commissions, orders in every final status and one open, a
// benchmark, and enough sessions for the default rolling window.
func checkFixture[N numeric.Number[N]](t *testing.T, res *engine.Result[N]) {
	t.Helper()
	status := map[order.Status]int{}
	for _, o := range res.Orders {
		status[o.Status]++
	}
	for _, s := range []order.Status{order.Open, order.Filled, order.Rejected, order.Cancelled} {
		if status[s] == 0 {
			t.Errorf("the fixture has no %s order", s)
		}
	}
	commission := false
	for _, tx := range res.Transactions {
		commission = commission || !tx.Commission.IsZero()
	}
	if len(res.Transactions) < 20 || !commission {
		t.Errorf("the fixture has %d transactions (commission: %v); want 20 or more, with commission", len(res.Transactions), commission)
	}
	if res.BenchmarkSymbol != fixtureBenchmark || len(res.Benchmark) != len(res.Snapshots) {
		t.Errorf("benchmark %q with %d returns for %d sessions", res.BenchmarkSymbol, len(res.Benchmark), len(res.Snapshots))
	}
	if n := len(res.Snapshots); n < 2*report.DefaultRollingWindow || n != len(res.Sessions) {
		t.Errorf("%d snapshots for %d sessions; want the same number, at least %d", n, len(res.Sessions), 2*report.DefaultRollingWindow)
	}
}

// parseN parses an exact number of the file into N.
func parseN[N numeric.Number[N]](t *testing.T, where, s string) N {
	t.Helper()
	v, err := numeric.Parse[N](s)
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	return v
}

// equalN checks that the text s of a file reads back as want exactly.
func equalN[N numeric.Number[N]](t *testing.T, where, s string, want N) {
	t.Helper()
	if got := parseN[N](t, where, s); got.Cmp(want) != 0 {
		t.Errorf("%s = %s, want %s", where, s, want)
	}
}

// sameFloat reports whether a and b are the same float64, NaN equal to NaN.
func sameFloat(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }

func equalFloat(t *testing.T, where, s string, want float64) {
	t.Helper()
	got, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Errorf("%s: %v", where, err)
		return
	}
	if !sameFloat(got, want) {
		t.Errorf("%s = %s, want %v", where, s, want)
	}
}

func readCSV(t *testing.T, path string, header []string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.FieldsPerRecord = len(header)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0], header) {
		t.Fatalf("%s: header %v, want %v", path, recs[:min(1, len(recs))], header)
	}
	return recs[1:]
}

func checkSummaryFile[N numeric.Number[N]](t *testing.T, path string, res *engine.Result[N]) {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("summary.json does not decode: %v", err)
	}
	// The keys the issue names, and those of `penny stats --json` with a
	// benchmark.
	for _, k := range []string{"starting_cash", "ending_cash", "ending_value", "fills", "orders", "rejected_orders",
		"asset_bars", "bars", "sessions", "elapsed_seconds", "total_return", "start", "end", "round_trips", "win_rate",
		"total_commission", "total_slippage", "turnover", "average_gross_exposure", "average_net_exposure", "orders_by_status",
		"profit_factor", "cum_returns_final", "annual_return", "annual_volatility", "sharpe_ratio", "sortino_ratio",
		"downside_risk", "max_drawdown", "calmar_ratio", "omega_ratio", "stability_of_timeseries", "tail_ratio",
		"value_at_risk", "alpha", "beta", "excess_sharpe"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("summary.json has no key %q", k)
		}
	}
	// Money: JSON strings holding the exact values.
	for _, m := range []struct {
		key  string
		want N
	}{
		{"starting_cash", res.Capital},
		{"ending_cash", res.Cash},
		{"ending_value", res.Value},
		{"pnl", res.Value.Sub(res.Capital)},
		{"ending_value", res.Snapshots[len(res.Snapshots)-1].PortfolioValue},
		{"ending_cash", res.Snapshots[len(res.Snapshots)-1].Cash},
	} {
		var s string
		if err := json.Unmarshal(raw[m.key], &s); err != nil {
			t.Errorf("%s: want a JSON string: %v", m.key, err)
			continue
		}
		equalN(t, m.key, s, m.want)
	}

	var got report.Summary
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("summary.json does not decode into a Summary: %v", err)
	}
	placed, filled, rejected, cancelled := 0, 0, 0, 0
	for _, o := range res.Orders {
		placed++
		switch o.Status {
		case order.Filled:
			filled++
		case order.Rejected:
			rejected++
		case order.Cancelled:
			cancelled++
		}
	}
	ints := []struct {
		name      string
		got, want int
	}{
		{"fills", got.Fills, len(res.Transactions)},
		{"orders", got.Orders, placed},
		{"filled_orders", got.FilledOrders, filled},
		{"rejected_orders", got.RejectedOrders, rejected},
		{"cancelled_orders", got.CancelledOrders, cancelled},
		{"sessions", got.Sessions, len(res.Sessions)},
		{"bars", got.Bars, res.Bars},
		{"asset_bars", got.AssetBars, res.AssetBars},
	}
	for _, c := range ints {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
	if got.Name != fixtureName || got.Backend != numeric.Backend[N]() || got.Benchmark != fixtureBenchmark ||
		got.Elapsed != fixtureElapsed || got.Frequency != res.Frequency ||
		!got.Start.Equal(res.Sessions[0].Date) || !got.End.Equal(res.Sessions[len(res.Sessions)-1].Date) {
		t.Errorf("run facts: name %q backend %q benchmark %q elapsed %v frequency %v period %v to %v",
			got.Name, got.Backend, got.Benchmark, got.Elapsed, got.Frequency, got.Start, got.End)
	}
	// total_return: the exact ending value over the exact capital, less
	// 1, rounded once to float64.
	ret := new(big.Rat).Quo(ratOf(res.Value), ratOf(res.Capital))
	wantReturn, _ := ret.Sub(ret, big.NewRat(1, 1)).Float64()
	if got.TotalReturn != wantReturn || string(raw["total_return"]) != string(raw["cum_returns_final"]) {
		t.Errorf("total_return = %v (cum_returns_final %s), want %v", got.TotalReturn, raw["cum_returns_final"], wantReturn)
	}

	// Costs: exact sums over the fills, the slippage of each the cash it
	// moved beyond the same fill at its reference price (each notional
	// rounded once to 8 decimals, half-even).
	commission, slippage := new(big.Rat), new(big.Rat)
	slipped := 0
	for _, tx := range res.Transactions {
		commission.Add(commission, ratOf(tx.Commission))
		q := ratOf(tx.Amount)
		d := new(big.Rat).Sub(round8(new(big.Rat).Mul(q, ratOf(tx.Price))), round8(new(big.Rat).Mul(q, ratOf(tx.Reference))))
		if d.Sign() > 0 {
			slipped++
		}
		slippage.Add(slippage, d)
	}
	if slipped < len(res.Transactions)/2 {
		t.Errorf("%d of %d fills cost slippage", slipped, len(res.Transactions))
	}
	checkMoney[N](t, raw, "total_commission", commission)
	checkMoney[N](t, raw, "total_slippage", slippage)

	// Turnover and exposure: per session, the value traded over the
	// session's average portfolio value, and the gross and net exposure
	// over the portfolio value; averaged over the sessions.
	traded := map[string]float64{}
	for _, tx := range res.Transactions {
		traded[tx.Time.UTC().Format("2006-01-02")] += math.Abs(tx.Amount.Float64() * tx.Price.Float64())
	}
	var turnover, gross, net float64
	prev := res.Capital.Float64()
	for _, s := range res.Snapshots {
		v := s.PortfolioValue.Float64()
		turnover += traded[s.Session.Format("2006-01-02")] / ((prev + v) / 2)
		gross += (s.Long.Float64() - s.Short.Float64()) / v
		net += (s.Long.Float64() + s.Short.Float64()) / v
		prev = v
	}
	n := float64(len(res.Snapshots))
	for _, c := range []struct {
		key       string
		got, want float64
	}{{"turnover", got.Turnover, turnover / n}, {"average_gross_exposure", got.GrossExposure, gross / n}, {"average_net_exposure", got.NetExposure, net / n}} {
		if math.Abs(c.got-c.want) > 1e-9*math.Abs(c.want) || c.want == 0 {
			t.Errorf("%s = %v, want %v", c.key, c.got, c.want)
		}
	}

	// Orders by final status, every status present.
	byStatus := map[string]int{"open": 0, "partially_filled": 0, "filled": 0, "cancelled": 0, "rejected": 0}
	for _, o := range res.Orders {
		byStatus[o.Status.String()]++
	}
	if !maps.Equal(got.OrdersByStatus, byStatus) {
		t.Errorf("orders_by_status %v, want %v", got.OrdersByStatus, byStatus)
	}

	// The statistics are those of package metrics on the session returns
	// and the transactions, through the JSON unchanged, but
	// cum_returns_final, which is total_return.
	returns := make([]float64, len(res.Snapshots))
	for i, s := range res.Snapshots {
		returns[i] = s.Return
	}
	wantM := metrics.SummarizeWithBenchmark(returns, res.Benchmark, metrics.Config{})
	if math.Abs(wantM.CumReturnsFinal-wantReturn) > 1e-13 {
		t.Errorf("the returns compound to %v, the exact total return is %v", wantM.CumReturnsFinal, wantReturn)
	}
	wantM.CumReturnsFinal = wantReturn
	if !sameSummary(got.Metrics, wantM) {
		t.Errorf("metrics %+v, want %+v", got.Metrics, wantM)
	}
	// The trades are metrics.Trades over the ledger's round trips, money
	// exact.
	wantT := metrics.Trades(ledger.RoundTrips(res.Transactions, res.Events()))
	gt := got.Trades
	if gt.Count != wantT.Count || gt.Wins != wantT.Wins || gt.Losses != wantT.Losses || gt.Open != wantT.Open ||
		!sameFloat(gt.WinRate, wantT.WinRate) || !sameFloat(gt.ProfitFactor, wantT.ProfitFactor) {
		t.Errorf("trades %+v, want %+v", gt, wantT)
	}
	equalN(t, "average_win", gt.AverageWin, wantT.AverageWin)
	equalN(t, "average_loss", gt.AverageLoss, wantT.AverageLoss)
	equalN(t, "round_trips_pnl", gt.PnL, wantT.PnL)
	equalN(t, "open_round_trips_pnl", gt.OpenPnL, wantT.OpenPnL)
	if wantT.Count == 0 || wantT.Wins == 0 || wantT.Losses == 0 || wantT.Open == 0 {
		t.Errorf("the fixture makes %d round trips, %d wins, %d losses, %d open: want some of each", wantT.Count, wantT.Wins, wantT.Losses, wantT.Open)
	}
	// One P&L model: the round trips, closed and open, realized what the
	// ledger did (to rounding in Float).
	var pnl, open string
	if err := json.Unmarshal(raw["round_trips_pnl"], &pnl); err != nil {
		t.Errorf("round_trips_pnl: want a JSON string: %v", err)
	}
	if err := json.Unmarshal(raw["open_round_trips_pnl"], &open); err != nil {
		t.Errorf("open_round_trips_pnl: want a JSON string: %v", err)
	}
	realized := res.Snapshots[len(res.Snapshots)-1].Realized
	sum := parseN[N](t, "round_trips_pnl", pnl).Add(parseN[N](t, "open_round_trips_pnl", open))
	if d := math.Abs(sum.Sub(realized).Float64()); d != 0 && (numeric.Backend[N]() != "float" || d > 1e-9*math.Abs(realized.Float64())) {
		t.Errorf("round_trips_pnl %s + open_round_trips_pnl %s = %s, the ledger realized %s", pnl, open, sum, realized)
	}
}

// ratOf returns the exact value of x: a Float's binary value, the
// decimal a Fixed or Decimal prints.
func ratOf[N numeric.Number[N]](x N) *big.Rat {
	if f, ok := any(x).(numeric.Float); ok {
		return new(big.Rat).SetFloat64(float64(f))
	}
	r, ok := new(big.Rat).SetString(x.String())
	if !ok {
		panic(x.String())
	}
	return r
}

// round8 rounds r to 8 decimals, half-even.
func round8(r *big.Rat) *big.Rat {
	s := new(big.Rat).Mul(r, big.NewRat(1e8, 1))
	q, m := new(big.Int).QuoRem(new(big.Int).Abs(s.Num()), s.Denom(), new(big.Int))
	if c := m.Lsh(m, 1).Cmp(s.Denom()); c > 0 || c == 0 && q.Bit(0) == 1 {
		q.Add(q, big.NewInt(1))
	}
	if s.Sign() < 0 {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, big.NewInt(1e8))
}

// checkMoney checks that the key of summary.json is a JSON string of the
// exact value want (Fixed and Decimal), or within 1e-9 of it (Float).
func checkMoney[N numeric.Number[N]](t *testing.T, raw map[string]json.RawMessage, key string, want *big.Rat) {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw[key], &s); err != nil {
		t.Errorf("%s: want a JSON string: %v", key, err)
		return
	}
	got, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Errorf("%s = %q, not a decimal", key, s)
		return
	}
	if numeric.Backend[N]() == "float" {
		g, _ := got.Float64()
		w, _ := want.Float64()
		if math.Abs(g-w) > 1e-9*math.Max(1, math.Abs(w)) {
			t.Errorf("%s = %s, want %s", key, s, want.FloatString(8))
		}
	} else if got.Cmp(want) != 0 {
		t.Errorf("%s = %s, want %s", key, s, want.FloatString(8))
	}
}

func sameSummary(a, b metrics.Summary) bool {
	return a.HasBenchmark == b.HasBenchmark &&
		sameFloat(a.CumReturnsFinal, b.CumReturnsFinal) && sameFloat(a.AnnualReturn, b.AnnualReturn) &&
		sameFloat(a.AnnualVolatility, b.AnnualVolatility) && sameFloat(a.SharpeRatio, b.SharpeRatio) &&
		sameFloat(a.SortinoRatio, b.SortinoRatio) && sameFloat(a.DownsideRisk, b.DownsideRisk) &&
		sameFloat(a.MaxDrawdown, b.MaxDrawdown) && sameFloat(a.CalmarRatio, b.CalmarRatio) &&
		sameFloat(a.OmegaRatio, b.OmegaRatio) && sameFloat(a.StabilityOfTimeseries, b.StabilityOfTimeseries) &&
		sameFloat(a.TailRatio, b.TailRatio) && sameFloat(a.ValueAtRisk, b.ValueAtRisk) &&
		sameFloat(a.Alpha, b.Alpha) && sameFloat(a.Beta, b.Beta) && sameFloat(a.ExcessSharpe, b.ExcessSharpe)
}

func checkDaily[N numeric.Number[N]](t *testing.T, path string, res *engine.Result[N]) {
	// The recorded series come last: cash, renamed as daily.csv has a
	// column of that name, then signal.
	rows := readCSV(t, path, []string{"date", "portfolio_value", "cash", "positions_value", "pnl", "return",
		"gross_leverage", "net_leverage", "positions", "long", "short", "commission", "slippage", "traded", "record_cash", "signal"})
	if len(rows) != len(res.Sessions) || len(rows) != len(res.Snapshots) {
		t.Fatalf("%d rows for %d sessions and %d snapshots", len(rows), len(res.Sessions), len(res.Snapshots))
	}
	for i, r := range rows {
		s := res.Snapshots[i]
		where := func(col string) string { return "row " + strconv.Itoa(i+1) + " " + col }
		if r[0] != res.Sessions[i].Date.Format("2006-01-02") {
			t.Errorf("%s = %s, want %s", where("date"), r[0], res.Sessions[i].Date.Format("2006-01-02"))
		}
		equalN(t, where("portfolio_value"), r[1], s.PortfolioValue)
		equalN(t, where("cash"), r[2], s.Cash)
		equalN(t, where("positions_value"), r[3], s.PositionsValue)
		equalN(t, where("pnl"), r[4], s.PnL)
		equalFloat(t, where("return"), r[5], s.Return)
		equalFloat(t, where("gross_leverage"), r[6], s.GrossLeverage)
		equalFloat(t, where("net_leverage"), r[7], s.NetLeverage)
		if r[8] != strconv.Itoa(s.Positions) {
			t.Errorf("%s = %s, want %d", where("positions"), r[8], s.Positions)
		}
		equalN(t, where("long"), r[9], s.Long)
		equalN(t, where("short"), r[10], s.Short)
		// The session's costs: sums over its fills (a daily XNYS run: a
		// fill on the session's date).
		var commission, slippage, traded N
		for _, tx := range res.Transactions {
			if tx.Time.UTC().Format("2006-01-02") == r[0] {
				commission = commission.Add(tx.Commission)
				slippage = slippage.Add(tx.Slippage())
				traded = traded.Add(tx.Notional().Abs())
			}
		}
		equalN(t, where("commission"), r[11], commission)
		equalN(t, where("slippage"), r[12], slippage)
		equalN(t, where("traded"), r[13], traded)
		r = append(r[:11:11], r[14:]...)
		// A daily run: bar i is session i. The cash recorded at its bar;
		// the signal recorded last, at the latest bar k <= i with k%10 ==
		// 3 (carried over the sessions in between), none before bar 3.
		equalN(t, where("record_cash"), r[11], res.Records[0].Value[i])
		signal := ""
		if i >= 3 {
			signal = strconv.Itoa(i - (i-3)%10)
		}
		if r[12] != signal {
			t.Errorf("%s = %q, want %q", where("signal"), r[12], signal)
		}
	}
}

func checkTransactions[N numeric.Number[N]](t *testing.T, path string, res *engine.Result[N]) {
	rows := readCSV(t, path, []string{"time", "symbol", "amount", "price", "commission", "order_id", "reference_price", "slippage"})
	if len(rows) != len(res.Transactions) {
		t.Fatalf("%d rows for %d transactions", len(rows), len(res.Transactions))
	}
	for i, r := range rows {
		tx := res.Transactions[i]
		where := func(col string) string { return "row " + strconv.Itoa(i+1) + " " + col }
		checkTime(t, where("time"), r[0], tx.Time)
		if r[1] != tx.Asset.Symbol {
			t.Errorf("%s = %s, want %s", where("symbol"), r[1], tx.Asset.Symbol)
		}
		equalN(t, where("amount"), r[2], tx.Amount)
		equalN(t, where("price"), r[3], tx.Price)
		equalN(t, where("commission"), r[4], tx.Commission)
		if id, err := strconv.ParseInt(r[5], 10, 64); err != nil || order.ID(id) != tx.OrderID {
			t.Errorf("%s = %s, want %d", where("order_id"), r[5], tx.OrderID)
		}
		equalN(t, where("reference_price"), r[6], tx.Reference)
		equalN(t, where("slippage"), r[7], tx.Slippage())
	}
}

func checkTime(t *testing.T, where, s string, want time.Time) {
	t.Helper()
	got, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("%s = %s, want %s (UTC)", where, s, want.UTC().Format(time.RFC3339Nano))
	}
}

func checkOrders[N numeric.Number[N]](t *testing.T, path string, res *engine.Result[N]) {
	rows := readCSV(t, path, []string{"id", "created", "updated", "symbol", "type", "amount", "filled",
		"limit", "stop", "tif", "status", "reason"})
	if len(rows) != len(res.Orders) {
		t.Fatalf("%d rows for %d orders", len(rows), len(res.Orders))
	}
	for i, r := range rows {
		o := res.Orders[i]
		where := func(col string) string { return "row " + strconv.Itoa(i+1) + " " + col }
		if id, err := strconv.ParseInt(r[0], 10, 64); err != nil || order.ID(id) != o.ID {
			t.Errorf("%s = %s, want %d", where("id"), r[0], o.ID)
		}
		checkTime(t, where("created"), r[1], o.Created)
		checkTime(t, where("updated"), r[2], o.Updated)
		if r[3] != o.Asset.Symbol {
			t.Errorf("%s = %s, want %s", where("symbol"), r[3], o.Asset.Symbol)
		}
		if typ, err := order.ParseType(r[4]); err != nil || typ != o.Type {
			t.Errorf("%s = %s, want %s", where("type"), r[4], o.Type)
		}
		equalN(t, where("amount"), r[5], o.Amount)
		equalN(t, where("filled"), r[6], o.Filled)
		hasLimit := o.Type == order.Limit || o.Type == order.StopLimit
		hasStop := o.Type == order.Stop || o.Type == order.StopLimit
		for _, p := range []struct {
			col   string
			text  string
			has   bool
			price N
		}{{"limit", r[7], hasLimit, o.LimitPrice}, {"stop", r[8], hasStop, o.StopPrice}} {
			if p.has {
				equalN(t, where(p.col), p.text, p.price)
			} else if p.text != "" {
				t.Errorf("%s = %q for a %s order, want empty", where(p.col), p.text, o.Type)
			}
		}
		if tif, err := order.ParseTimeInForce(r[9]); err != nil || tif != o.TIF {
			t.Errorf("%s = %s, want %s", where("tif"), r[9], o.TIF)
		}
		if st, err := order.ParseStatus(r[10]); err != nil || st != o.Status {
			t.Errorf("%s = %s, want %s", where("status"), r[10], o.Status)
		}
		if r[11] != o.Reason {
			t.Errorf("%s = %q, want %q", where("reason"), r[11], o.Reason)
		}
	}
}
