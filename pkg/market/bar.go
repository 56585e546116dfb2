package market

import "time"

// Bar is one interval of trading in one asset: open, high, low, close and
// volume, stamped at the end of the interval: Time is that instant in Unix
// nanoseconds, as a Series holds it (time.Unix(0, b.Time) reads it), so
// that the engine's loop, which reads bars for every open order at every
// bar, never builds a time.Time.
type Bar[N any] struct {
	Time   int64
	Open   N
	High   N
	Low    N
	Close  N
	Volume N
}

// At returns the bar's stamp as a time in UTC.
func (b Bar[N]) At() time.Time { return time.Unix(0, b.Time).UTC() }

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
