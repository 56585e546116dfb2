package metrics_test

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/metrics"
)

func ExampleSharpeRatio() {
	// Two daily returns, 1% and 3%: mean 2%, sample deviation
	// sqrt(2) * 1%, so the Sharpe ratio is sqrt(2) * sqrt(252) = sqrt(504).
	returns := []float64{0.01, 0.03}
	fmt.Printf("%.6f\n", metrics.SharpeRatio(returns, 0, metrics.Daily))
	fmt.Printf("%.6f\n", math.Sqrt(504))
	// A constant series has no deviation: the ratio is infinite.
	fmt.Println(metrics.SharpeRatio([]float64{0.01, 0.01, 0.01}, 0, metrics.Daily))
	// Output:
	// 22.449944
	// 22.449944
	// +Inf
}

func ExampleMaxDrawdown() {
	// Up 10%, down 10%, up 10%: the fall from 1.10 to 0.99 is 10%.
	fmt.Printf("%.4f\n", metrics.MaxDrawdown([]float64{0.10, -0.10, 0.10}))
	// Output: -0.1000
}

func ExampleSummarize() {
	// empyrical's mixed_returns: a missing first return (NaN) counts as a
	// period but not as a value.
	returns := []float64{math.NaN(), 0.01, 0.10, -0.04, 0.02, 0.03, 0.02, 0.01, -0.10}
	s := metrics.Summarize(returns, metrics.Config{Period: metrics.Daily})
	fmt.Printf("total %.5f, annual %.5f, max drawdown %.2f, value at risk %v\n",
		s.CumReturnsFinal, s.AnnualReturn, s.MaxDrawdown, s.ValueAtRisk)
	// Output:
	// total 0.03893, annual 1.91359, max drawdown -0.10, value at risk NaN
}

func ExampleSummary_MarshalJSON() {
	s := metrics.Summary{
		CumReturnsFinal: 0.25, AnnualReturn: 0.125, AnnualVolatility: 0.5,
		SharpeRatio: math.Inf(1), SortinoRatio: math.Inf(1), DownsideRisk: 0,
		MaxDrawdown: -0.0625, CalmarRatio: 2, OmegaRatio: math.NaN(),
		StabilityOfTimeseries: 1, TailRatio: 1.5, ValueAtRisk: -0.03125,
	}
	b, _ := json.MarshalIndent(s, "", "  ")
	fmt.Println(string(b))
	// Output:
	// {
	//   "cum_returns_final": 0.25,
	//   "annual_return": 0.125,
	//   "annual_volatility": 0.5,
	//   "sharpe_ratio": "Infinity",
	//   "sortino_ratio": "Infinity",
	//   "downside_risk": 0,
	//   "max_drawdown": -0.0625,
	//   "calmar_ratio": 2,
	//   "omega_ratio": "NaN",
	//   "stability_of_timeseries": 1,
	//   "tail_ratio": 1.5,
	//   "value_at_risk": -0.03125
	// }
}

func ExampleTrades() {
	type N = numeric.Fixed
	p := numeric.MustParse[N]
	spy := market.Asset{ID: 0, Symbol: "SPY"}
	qqq := market.Asset{ID: 1, Symbol: "QQQ"}
	d := func(day int) time.Time { return time.Date(2024, 3, day, 20, 0, 0, 0, time.UTC) }
	l := ledger.New(p("100000"), ledger.Account[N]{})
	for _, t := range []ledger.Transaction[N]{
		{Time: d(1), Asset: spy, Amount: p("10"), Price: p("500"), Commission: p("1")},
		{Time: d(4), Asset: spy, Amount: p("-4"), Price: p("510"), Commission: p("1")},
		{Time: d(5), Asset: spy, Amount: p("-6"), Price: p("490"), Commission: p("1")},
		{Time: d(5), Asset: qqq, Amount: p("5"), Price: p("400"), Commission: p("1")},
		{Time: d(6), Asset: qqq, Amount: p("-5"), Price: p("410"), Commission: p("1")},
		{Time: d(7), Asset: qqq, Amount: p("3"), Price: p("405"), Commission: p("1")},
	} {
		l.Apply(t)
	}
	// SPY: one round trip at average cost (the partial close makes none
	// of its own), -5001 + 2039 + 2939 = -23. QQQ: +48, then a position
	// still open.
	s := metrics.Trades(ledger.RoundTrips(l.Transactions(), l.Events()))
	fmt.Printf("trips %d (open %d), win rate %.2f, profit factor %.4f\n", s.Count, s.Open, s.WinRate, s.ProfitFactor)
	fmt.Println("pnl", s.PnL, "average win", s.AverageWin, "average loss", s.AverageLoss)
	fmt.Println("realized", s.PnL.Add(s.OpenPnL), "ledger", l.Realized())
	// Output:
	// trips 2 (open 1), win rate 0.50, profit factor 2.0870
	// pnl 25 average win 48 average loss -23
	// realized 25 ledger 25
}

func ExampleAlphaBeta() {
	// A strategy that moves exactly twice as much as its benchmark has a
	// beta of 2 and no alpha. A missing benchmark return drops the period.
	bench := []float64{0.01, -0.02, math.NaN(), 0.005, 0.03}
	returns := []float64{0.02, -0.04, 0.07, 0.01, 0.06}
	alpha, beta := metrics.AlphaBeta(returns, bench, 0, metrics.Daily)
	fmt.Printf("alpha %.6f, beta %.6f\n", alpha, beta)
	// Output: alpha 0.000000, beta 2.000000
}

func ExampleRollingSharpe() {
	// A three-month window: NaN until the first window is full. Then
	// (1, 3, 2)%: mean 2%, deviation 1%, 2 * sqrt(12) = 6.9282;
	// (3, 2, 2)%: mean 7/3%, deviation sqrt(1/3)%, 7/sqrt(3) * sqrt(12) = 14;
	// (2, 2, 2)%: no deviation, +Inf.
	r := []float64{0.01, 0.03, 0.02, 0.02, 0.02}
	for _, s := range metrics.RollingSharpe(r, 3, 0, metrics.Monthly) {
		fmt.Printf("%.4f ", s)
	}
	fmt.Println()
	// Output: NaN NaN 6.9282 14.0000 +Inf
}

func ExampleReadReturnsCSV() {
	const returns = `date,return
2024-01-02,0.01
2024-01-03,
2024-01-04T21:00:00Z,0.03
`
	const benchmark = `date,return
2024-01-02,0.005
2024-01-04,0.02
`
	r, err := metrics.ReadReturnsCSV("returns.csv", strings.NewReader(returns), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	b, err := metrics.ReadReturnsCSV("benchmark.csv", strings.NewReader(benchmark), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(r.Values), "returns,", r.Missing, "missing")
	fmt.Println("benchmark on the returns' dates:", b.AlignTo(r))
	// Two dates have both: beta is the slope through them,
	// (0.03 - 0.01) / (0.02 - 0.005) = 4/3.
	s := metrics.SummarizeWithBenchmark(r.Values, b.AlignTo(r), metrics.Config{})
	fmt.Printf("cumulative return %.4f, beta %.4f\n", s.CumReturnsFinal, s.Beta)

	_, err = metrics.ReadReturnsCSV("bad.csv", strings.NewReader("date,return\n2024-01-02,1.5%\n"), "")
	fmt.Println(err)
	// Output:
	// 3 returns, 1 missing
	// benchmark on the returns' dates: [0.005 NaN 0.02]
	// cumulative return 0.0403, beta 1.3333
	// bad.csv:2: return "1.5%": a percentage: write returns as decimal fractions (0.015 for 1.5%)
}
