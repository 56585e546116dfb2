package market

import "time"

// Bar is one interval of trading in one asset: open, high, low, close and
// volume, stamped at the end of the interval.
type Bar[N any] struct {
	Time   time.Time
	Open   N
	High   N
	Low    N
	Close  N
	Volume N
}

// Get returns the field f of b.
func (b Bar[N]) Get(f Field) N {
	switch f {
	case Open:
		return b.Open
	case High:
		return b.High
	case Low:
		return b.Low
	case Volume:
		return b.Volume
	}
	return b.Close
}
