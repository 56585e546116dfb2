package store_test

import (
	"fmt"
	"os"
	"time"

	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

func Example() {
	home, _ := os.MkdirTemp("", "penny-home")
	defer os.RemoveAll(home)

	// Two daily bars of one asset, exact decimals.
	s := market.Series[numeric.Decimal]{Asset: market.Asset{Symbol: "ORCL", TickSize: "0.01"}}
	for i, c := range []string{"101.25", "102.5"} {
		p := numeric.MustParse[numeric.Decimal](c)
		s.Append(market.Bar[numeric.Decimal]{
			Time: time.Date(2024, 1, 2+i, 21, 0, 0, 0, time.UTC).UnixNano(),
			Open: p, High: p, Low: p, Close: p, Volume: numeric.Int[numeric.Decimal](1000),
		})
	}
	ds := &market.Dataset[numeric.Decimal]{Frequency: market.Daily, Calendar: "XNYS", Series: []market.Series[numeric.Decimal]{s}}

	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	m, err := store.Write(home, "demo", at, ds, store.Source{Name: "example"}, store.WriteOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(m.Assets[0].Path, m.Assets[0].Rows, "rows, close decimals:", m.Assets[0].Decimals["close"])
	// The files hold session dates; the manifest says which.
	fmt.Println("sessions", m.FormatTime(m.Start), "to", m.FormatTime(m.End))

	// Load the latest ingest as Fixed: the same digits, each bar stamped
	// at the end of its interval (its session's close) as in any dataset.
	got, _, err := store.Load[numeric.Fixed](home, "demo", "latest")
	if err != nil {
		fmt.Println(err)
		return
	}
	b := got.Series[0].Bar(1)
	fmt.Println(b.At().Format(time.RFC3339), b.Close)
	// Output:
	// bars/ORCL.parquet 2 rows, close decimals: 2
	// sessions 2024-01-02 to 2024-01-03
	// 2024-01-03T21:00:00Z 102.5
}
