package market

import (
	"fmt"
	"sort"

	"github.com/pennybt/penny/numeric"
)

// Dataset is the bars of a universe of assets at one frequency: what a
// bundle or source yields and the data portal loads. Series are kept in
// symbol order, and each Series' Asset.ID is its index.
type Dataset[N numeric.Number[N]] struct {
	Frequency Frequency
	// Calendar names the trading calendar the bars follow ("XNYS", "24/7",
	// "data").
	Calendar string
	// TimeZone is the IANA name of the zone a "data" calendar's days run
	// in, 00:00 to 24:00 ("" means UTC); XNYS and 24/7 have zones of their
	// own and ignore it.
	TimeZone string
	Series   []Series[N]
}

// Len returns the total number of bars (asset-bars).
func (d *Dataset[N]) Len() int {
	n := 0
	for i := range d.Series {
		n += d.Series[i].Len()
	}
	return n
}

// Assets returns the assets in ID order.
func (d *Dataset[N]) Assets() []Asset {
	as := make([]Asset, len(d.Series))
	for i := range d.Series {
		as[i] = d.Series[i].Asset
	}
	return as
}

// Normalize sorts the series by symbol and numbers the assets 0..n-1. It
// fails on an empty dataset or a repeated symbol.
func (d *Dataset[N]) Normalize() error {
	if len(d.Series) == 0 {
		return fmt.Errorf("market: empty universe: the dataset has no assets")
	}
	sort.SliceStable(d.Series, func(i, j int) bool { return d.Series[i].Asset.Symbol < d.Series[j].Asset.Symbol })
	for i := range d.Series {
		if i > 0 && d.Series[i].Asset.Symbol == d.Series[i-1].Asset.Symbol {
			return fmt.Errorf("market: symbol %q appears twice in the dataset", d.Series[i].Asset.Symbol)
		}
		d.Series[i].Asset.ID = i
	}
	return nil
}

// Validate normalizes the dataset and validates every series.
func (d *Dataset[N]) Validate() error {
	if err := d.Normalize(); err != nil {
		return err
	}
	for i := range d.Series {
		if err := d.Series[i].Validate(); err != nil {
			return err
		}
	}
	return nil
}
