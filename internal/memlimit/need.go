package memlimit

import (
	"fmt"
	"strings"
	"time"
)

// Headroom is the factor from the bytes a backend's data holds to the
// heap a run of it reaches: the Go collector lets the heap grow to twice
// what is live before it collects (GOGC=100, the default); the garbage of
// loading and of the run fills that room.
const Headroom = 2

// Footprint is what one backend's data holds in memory, measured from the
// data structures (package runner builds it from package dataportal's
// sizes).
type Footprint struct {
	Backend string
	// Row is the bytes of one asset-bar: its stamp, its five fields in
	// the backend's number type and the portal's index of it.
	Row int64
	// Asset is the bytes of one asset besides its rows.
	Asset int64
}

// Data is what a command will load, counted before loading it.
type Data struct {
	// Assets is the number of assets.
	Assets int
	// Rows is the number of asset-bars loaded, over every asset.
	Rows int64
	// Derived is the number of asset-bars made from them and held with
	// them (minute bars aggregated into the run's hourly ones).
	Derived int64
	// Bars is the number of bars of one asset (the most of any), and
	// Frequency theirs, for the message ("98280 minute bars").
	Bars      int64
	Frequency string
	// Transient is what readers hold at once while they decode, in bytes
	// (a bundle's files being read), whatever the backend.
	Transient int64
	// Sessions are the dates of the sessions the data spans, when known
	// before loading (synthetic data, a bundle, an ingest's window): the
	// message then says which end date would fit.
	Sessions []time.Time
	// AssetsKey and EndKey name what sets the number of assets and the
	// end date, for the message ("data.assets", "--end").
	AssetsKey, EndKey string
	// Advice, when set, is what the message advises instead of the assets
	// and dates that would fit (data the user cannot resize).
	Advice string
}

// Need is the memory a command needs for its data on its backends.
type Need struct {
	Data     Data
	Backends []Footprint
	// AtOnce is whether the backends' data is held at the same time (a
	// sweep loads the data once per backend and keeps each; penny run
	// runs one backend after the other).
	AtOnce bool
}

// live returns the bytes the data holds on backend f.
func (n Need) live(f Footprint) int64 {
	d := n.Data
	return mulSat(d.Rows+d.Derived, f.Row) + mulSat(int64(d.Assets), f.Asset) + d.Transient
}

// Bytes returns the estimated peak heap: Headroom times the data's bytes,
// summed over the backends held at once, or the largest of them.
func (n Need) Bytes() int64 {
	var total, most int64
	for _, f := range n.Backends {
		b := mulSat(n.live(f), Headroom)
		total = addSat(total, b)
		most = max(most, b)
	}
	if n.AtOnce {
		return total
	}
	return most
}

// Error is a Need above a Limit.
type Error struct {
	Need  Need
	Limit Limit
}

// Error says what is needed, the limit and what would fit: "needs about
// 1.4 TiB for 100000 assets x 98280 minute bars on fixed; the limit is
// 12 GiB (--max-memory, 50% of 24 GiB available); 800 assets (data.assets)
// or data.end 2023-01-05 (2 sessions) would fit".
func (e *Error) Error() string {
	n := e.Need
	var b strings.Builder
	fmt.Fprintf(&b, "needs about %s for %s x %d %s bars on %s; the limit is %s",
		FormatSize(n.Bytes()), count(n.Data.Assets, "asset"), n.Data.Bars, n.Data.Frequency, n.backends(), e.Limit)
	if n.Data.Advice != "" {
		b.WriteString("; " + n.Data.Advice)
		return b.String()
	}
	var fits []string
	if a := n.assetsFitting(e.Limit.Bytes); a > 0 {
		s := count(a, "asset")
		if n.Data.AssetsKey != "" {
			s += " (" + n.Data.AssetsKey + ")"
		}
		fits = append(fits, s)
	}
	if k := n.sessionsFitting(e.Limit.Bytes); k > 0 && n.Data.EndKey != "" {
		end := n.Data.Sessions[k-1].Format(time.DateOnly)
		fits = append(fits, fmt.Sprintf("%s %s (%d of %d sessions)", n.Data.EndKey, end, k, len(n.Data.Sessions)))
	}
	switch {
	case len(fits) > 0:
		fmt.Fprintf(&b, "; %s would fit", strings.Join(fits, " or "))
	default:
		b.WriteString("; not one asset would fit")
	}
	return b.String()
}

// backends names the backends the need is for: "decimal", or "float,
// fixed and decimal held at once".
func (n Need) backends() string {
	if !n.AtOnce || len(n.Backends) == 1 {
		var most Footprint
		for _, f := range n.Backends {
			if n.live(f) > n.live(most) || most.Backend == "" {
				most = f
			}
		}
		return most.Backend
	}
	names := make([]string, len(n.Backends))
	for i, f := range n.Backends {
		names[i] = f.Backend
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " and " + names[last] + " held at once"
}

// assetsFitting returns how many of the assets fit in limit (their rows
// in proportion), rounded down to two significant digits; 0 when none.
func (n Need) assetsFitting(limit int64) int {
	need := n.Bytes()
	fixed := n.scaled(0, 1) // what does not grow with the assets
	if n.Data.Assets == 0 || need <= fixed || limit <= fixed {
		return 0
	}
	a := int(float64(n.Data.Assets) * float64(limit-fixed) / float64(need-fixed))
	return roundDown(min(a, n.Data.Assets-1))
}

// sessionsFitting returns how many of the first sessions fit in limit
// (the rows in proportion), 0 when none or the sessions are unknown.
func (n Need) sessionsFitting(limit int64) int {
	k := len(n.Data.Sessions)
	if k == 0 {
		return 0
	}
	need := n.Bytes()
	fixed := n.scaled(1, 0) // what does not grow with the sessions
	if need <= fixed || limit <= fixed {
		return 0
	}
	s := int(float64(k) * float64(limit-fixed) / float64(need-fixed))
	return min(s, k-1)
}

// scaled returns the need with the assets scaled by fa and the rows by
// fr (Transient stays).
func (n Need) scaled(fa, fr float64) int64 {
	m := n
	m.Data.Assets = int(float64(n.Data.Assets) * fa)
	m.Data.Rows = int64(float64(n.Data.Rows) * fa * fr)
	m.Data.Derived = int64(float64(n.Data.Derived) * fa * fr)
	return m.Bytes()
}

// Check returns an *Error when n needs more than l, nil when it fits or
// l is no limit.
func Check(n Need, l Limit) error {
	if l.Bytes == 0 || n.Bytes() <= l.Bytes {
		return nil
	}
	return &Error{Need: n, Limit: l}
}

// count writes n things: "1 asset", "2 assets".
func count(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// roundDown rounds n down to two significant digits (29345 to 29000).
func roundDown(n int) int {
	p := 1
	for n/p >= 100 {
		p *= 10
	}
	return n / p * p
}

func mulSat(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > (1<<62)/b {
		return 1 << 62
	}
	return a * b
}

func addSat(a, b int64) int64 {
	if a+b < a || a+b > 1<<62 {
		return 1 << 62
	}
	return a + b
}
