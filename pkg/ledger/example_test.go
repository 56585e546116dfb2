package ledger_test

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

func ExampleLedger() {
	type N = numeric.Fixed
	p := numeric.MustParse[N]
	orcl := market.Asset{ID: 0, Symbol: "ORCL"}
	day := time.Date(2014, 1, 2, 21, 0, 0, 0, time.UTC)

	l := ledger.New(p("10000"), ledger.Account[N]{})
	for _, t := range []ledger.Transaction[N]{
		{Time: day, Asset: orcl, Amount: p("100"), Price: p("37.45"), Commission: p("1"), OrderID: 1},
		{Time: day, Asset: orcl, Amount: p("-40"), Price: p("38.10"), Commission: p("1"), OrderID: 2},
	} {
		if ok, reason := l.Check(t); !ok {
			fmt.Println("rejected:", reason)
			continue
		}
		l.Apply(t)
	}
	l.UpdatePrice(orcl.ID, p("38.25"))
	s := l.Snapshot(day)
	pos := l.Position(orcl.ID)
	fmt.Println("cash", s.Cash, "value", s.PortfolioValue, "pnl", s.PnL)
	fmt.Println("position", pos.Amount, "cost", pos.Cost, "basis", pos.CostBasis())
	fmt.Println("realized", s.Realized, "unrealized", s.Unrealized)
	fmt.Printf("return %.6f gross leverage %.4f\n", s.Return, s.GrossLeverage)
	// Output:
	// cash 7777 value 10072 pnl 72
	// position 60 cost 2247.6 basis 37.46
	// realized 24.6 unrealized 47.4
	// return 0.007200 gross leverage 0.2279
}

func ExampleLedger_Check() {
	type N = numeric.Decimal
	p := numeric.MustParse[N]
	nvda := market.Asset{ID: 1, Symbol: "NVDA"}
	l := ledger.New(p("1000"), ledger.Account[N]{})
	for _, amount := range []string{"-5", "100"} {
		_, reason := l.Check(ledger.Transaction[N]{Asset: nvda, Amount: p(amount), Price: p("15.37"), Commission: p("1")})
		fmt.Println(reason)
	}
	// Output:
	// selling 5 NVDA exceeds the position of 0 and shorting is disabled
	// insufficient cash: buying 100 NVDA at 15.37 costs 1537 plus commission 1 = 1538, cash is 1000
}

func ExampleRoundTrips() {
	type N = numeric.Fixed
	p := numeric.MustParse[N]
	spy := market.Asset{ID: 0, Symbol: "SPY"}
	day := func(d int) time.Time { return time.Date(2024, 3, d, 20, 0, 0, 0, time.UTC) }

	l := ledger.New(p("100000"), ledger.Account[N]{Shorting: true})
	for _, t := range []ledger.Transaction[N]{
		{Time: day(1), Asset: spy, Amount: p("10"), Price: p("500"), Commission: p("1")},
		{Time: day(4), Asset: spy, Amount: p("-4"), Price: p("510"), Commission: p("1")}, // a partial close
		{Time: day(5), Asset: spy, Amount: p("-6"), Price: p("490"), Commission: p("1")}, // flat: the trip closes
		{Time: day(6), Asset: spy, Amount: p("-5"), Price: p("495"), Commission: p("1")},
		{Time: day(7), Asset: spy, Amount: p("8"), Price: p("480"), Commission: p("1")}, // a flip
	} {
		l.Apply(t)
	}
	for _, rt := range ledger.RoundTrips(l.Transactions(), l.Events()) {
		fmt.Printf("%s %s from %s: closed %v, cost %s, commission %s, pnl %s\n", rt.Asset.Symbol, rt.Amount,
			rt.Entry.Format("Jan 2"), rt.Closed, rt.Cost, rt.Commission, rt.PnL)
	}
	fmt.Println("realized", l.Realized())
	// Output:
	// SPY 10 from Mar 1: closed true, cost 5001, commission 3, pnl -23
	// SPY -5 from Mar 6: closed true, cost -2474, commission 2, pnl 73
	// SPY 3 from Mar 7: closed false, cost 1440, commission 0, pnl 0
	// realized 50
}
