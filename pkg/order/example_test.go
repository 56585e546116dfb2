package order_test

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

func ExampleBook() {
	type N = numeric.Fixed
	orcl := market.Asset{ID: 0, Symbol: "ORCL"}
	at := time.Date(2014, 1, 2, 21, 0, 0, 0, time.UTC)
	here := order.Placement{Time: at, Bar: 0, KnownAsset: true}

	var book order.Book[N]
	buy := book.Place(order.Request[N]{Asset: orcl, Amount: numeric.MustParse[N]("100"),
		Type: order.Limit, LimitPrice: numeric.MustParse[N]("37.5"), TIF: order.Day}, here)
	bad := book.Place(order.Request[N]{Asset: orcl, Amount: numeric.MustParse[N]("-10"),
		Type: order.Limit}, here)
	fmt.Println(buy)
	fmt.Println(bad)

	// The next bar fills 40 shares; the session ends with the rest open.
	buy.Fill(numeric.MustParse[N]("40"), numeric.MustParse[N]("37.45"), numeric.MustParse[N]("1"), at.Add(24*time.Hour))
	book.ExpireDay(at.Add(24 * time.Hour))
	fmt.Println(buy)
	fmt.Printf("%+v\n", book.Counts())
	// Output:
	// order 1: buy 100 ORCL limit 37.5 day, open
	// order 2: sell 10 ORCL limit 0 gtc, rejected (limit price must be positive, got 0)
	// order 1: buy 100 ORCL limit 37.5 day, cancelled 40 (day order expired at session end)
	// {Orders:2 Open:0 PartiallyFilled:0 Filled:0 Cancelled:1 Rejected:1 Fills:1}
}

func ExampleNew() {
	type N = numeric.Decimal
	btc := market.Asset{ID: 1, Symbol: "BTC/USD", Class: market.Crypto}
	r := order.Request[N]{Asset: btc, Amount: numeric.MustParse[N]("0.000000001")}
	o := order.New(1, r, order.Placement{KnownAsset: true})
	fmt.Println(o.Status, "-", o.Reason)
	// Output:
	// rejected - amount 0.000000001 of BTC/USD is not a whole number of lots of 0.00000001
}

func ExampleQuantity() {
	type N = numeric.Fixed
	value, price := numeric.MustParse[N]("10000"), numeric.MustParse[N]("37.89")
	fmt.Println(order.Quantity(value, price, numeric.MustParse[N]("1")))
	fmt.Println(order.Quantity(value, price, numeric.MustParse[N]("0.001")))
	// Output:
	// 263
	// 263.921
}
