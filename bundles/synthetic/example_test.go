package synthetic_test

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// Three assets of minute bars on the NYSE calendar for the two sessions
// around Thanksgiving 2019: a full day (390 bars, 09:31 to 16:00 New
// York) and an early close (210 bars, to 13:00).
func ExampleGenerate() {
	cfg := synthetic.Default()
	cfg.Assets = 3
	cfg.Seed = 7
	cfg.Frequency = market.Minute
	cfg.Start = time.Date(2019, 11, 27, 0, 0, 0, 0, time.UTC)
	cfg.End = time.Date(2019, 11, 29, 0, 0, 0, 0, time.UTC)

	ds, err := synthetic.Generate[numeric.Fixed](cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(ds.Calendar, ds.Frequency, len(ds.Series), "assets,", ds.Len(), "asset-bars")
	for _, s := range ds.Series {
		fmt.Println(s.Asset.ID, s.Asset.Symbol, "tick", s.Asset.TickSize, "bars", s.Len(),
			"from", s.Bar(0).At().Format(time.RFC3339), "to", s.Bar(s.Len()-1).At().Format(time.RFC3339))
	}
	// Output:
	// XNYS minute 3 assets, 1800 asset-bars
	// 0 SYN000 tick 0.01 bars 600 from 2019-11-27T14:31:00Z to 2019-11-29T18:00:00Z
	// 1 SYN001 tick 0.01 bars 600 from 2019-11-27T14:31:00Z to 2019-11-29T18:00:00Z
	// 2 SYN002 tick 0.01 bars 600 from 2019-11-27T14:31:00Z to 2019-11-29T18:00:00Z
}

// The same seed gives the same bars in every backend: Fixed and Decimal
// digit for digit, Float the nearest float64 (printed with the same
// digits).
func ExampleGenerate_backends() {
	cfg := synthetic.Default()
	cfg.Symbols = []string{"ACME"}
	fx, err := synthetic.Generate[numeric.Fixed](cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	dc, err := synthetic.Generate[numeric.Decimal](cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	fl, err := synthetic.Generate[numeric.Float](cfg)
	if err != nil {
		fmt.Println(err)
		return
	}
	same := true
	for i := range fx.Series[0].Close {
		a, b, c := fx.Series[0].Close[i].String(), dc.Series[0].Close[i].String(), fl.Series[0].Close[i].String()
		same = same && a == b && b == c
	}
	fmt.Println(fx.Series[0].Len(), "daily closes in 2020, the same in the three backends:", same)
	// Output:
	// 253 daily closes in 2020, the same in the three backends: true
}
