package dataportal

import (
	"fmt"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// Aggregate turns finer bars (minute bars, say) into the bars of a coarser
// clock (hourly or daily): each bar of the result gathers the source bars
// whose stamps fall in its interval (see clock.Align), with the first
// open, the highest high, the lowest low, the last close and the summed
// volume, and is stamped at the coarse bar's stamp. Source bars outside
// the clock's sessions are an error naming the asset and the stamp.
// Aggregation is exact: it only compares and adds.
func Aggregate[N numeric.Number[N]](ds *market.Dataset[N], to *clock.Clock) (*market.Dataset[N], error) {
	if ds.Frequency < to.Frequency() || ds.Frequency == to.Frequency() {
		return nil, fmt.Errorf("dataportal: cannot aggregate %s bars into %s bars", ds.Frequency, to.Frequency())
	}
	times := to.BarTimes()
	out := &market.Dataset[N]{Frequency: to.Frequency(), Calendar: ds.Calendar, TimeZone: ds.TimeZone, Series: make([]market.Series[N], len(ds.Series))}
	for a := range ds.Series {
		src := &ds.Series[a]
		dst := &out.Series[a]
		dst.Asset = src.Asset
		cur := -1
		for i, t := range src.Time {
			k, ok := to.Align(t)
			if !ok {
				return nil, &market.BarError{Symbol: src.Asset.Symbol, Row: i, Time: time.Unix(0, t).UTC(), Field: "time",
					Value: time.Unix(0, t).UTC().Format(time.RFC3339), Reason: "outside the sessions of the " + to.Calendar().Name() + " calendar"}
			}
			if k < cur {
				return nil, &market.BarError{Symbol: src.Asset.Symbol, Row: i, Time: time.Unix(0, t).UTC(), Field: "time",
					Value: time.Unix(0, t).UTC().Format(time.RFC3339), Reason: "timestamps not increasing"}
			}
			if k != cur {
				cur = k
				dst.Time = append(dst.Time, times[k])
				dst.Open = append(dst.Open, src.Open[i])
				dst.High = append(dst.High, src.High[i])
				dst.Low = append(dst.Low, src.Low[i])
				dst.Close = append(dst.Close, src.Close[i])
				dst.Volume = append(dst.Volume, src.Volume[i])
				continue
			}
			j := len(dst.Time) - 1
			dst.High[j] = dst.High[j].Max(src.High[i])
			dst.Low[j] = dst.Low[j].Min(src.Low[i])
			dst.Close[j] = src.Close[i]
			dst.Volume[j] = dst.Volume[j].Add(src.Volume[i])
		}
	}
	return out, nil
}
