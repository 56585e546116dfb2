package engine

import (
	"fmt"
	"strings"
)

// maxNamed is the number of assets a warning names before "and N more".
const maxNamed = 5

// warnZeroVolume warns, before the run, when the slippage model fills a
// share of each bar's volume and some assets have bars of zero volume:
// orders in them cannot fill at those bars (backtrader's index files have
// volume 0 throughout, and a run on them with volume_share slippage filled
// nothing without a word).
func (e *Engine[N]) warnZeroVolume() {
	if !e.sim.FillsByVolume() {
		return
	}
	zero, bars := e.portal.ZeroVolume()
	assets := e.portal.Assets()
	var named []string
	n := 0
	for a, z := range zero {
		if z == 0 {
			continue
		}
		n++
		if len(named) < maxNamed {
			named = append(named, fmt.Sprintf("%s (%d of %d bars)", assets[a].Symbol, z, bars[a]))
		}
	}
	if n == 0 {
		return
	}
	if n > len(named) {
		named = append(named, fmt.Sprintf("and %d more", n-len(named)))
	}
	e.warnings = append(e.warnings, fmt.Sprintf("the slippage model fills a share of each bar's volume, and %d of %d assets have bars of zero volume, where no order fills: %s",
		n, len(assets), strings.Join(named, ", ")))
}

// noteStarved gives each order of the result still open at the end whose
// price was reached at bars without volume for it a reason saying so, and
// warns with their count (Result.Starved).
func (e *Engine[N]) noteStarved(r *Result[N]) {
	n := 0
	for i := range r.Orders {
		o := &r.Orders[i]
		if !o.IsOpen() || o.Starved == 0 {
			continue
		}
		n++
		bars := "bars"
		if o.Starved == 1 {
			bars = "bar"
		}
		o.Unfilled(fmt.Sprintf("unfilled for lack of volume: its price was reached at %d %s with no volume left for it", o.Starved, bars))
	}
	if n > 0 {
		r.Warnings = append(r.Warnings, fmt.Sprintf("%d orders left open for lack of volume: their price was reached at bars with no volume left for them (the slippage model fills a share of each bar's volume; see orders.csv)", n))
	}
}
