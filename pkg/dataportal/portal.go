package dataportal

import (
	"fmt"
	"math"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

// noBar marks an asset whose rows are exhausted.
const noBar = math.MaxInt32

// Portal is the columnar bar store of a run and its forward-only cursor.
// The zero value is not usable: build one with New.
type Portal[N numeric.Number[N]] struct {
	clock  *clock.Clock
	times  []int64
	assets []market.Asset
	series []market.Series[N]
	// cols[f][a] is the column of field f of asset a (the series' own).
	cols [market.NumFields][][]N
	// rowBar[a][i] is the clock bar of asset a's row i.
	rowBar [][]int32
	// seen[a] counts the rows of asset a at or before the current bar.
	seen []int32
	// next[a] is the clock bar of asset a's next row, or noBar.
	next []int32
	// cur[a] is asset a's row at the current bar, or -1 when it has none
	// there: Field and HasBar read one value.
	cur []int32
	bar int
	// adj[a] is asset a's adjusted view, nil while it has had no
	// corporate action (adj is nil while no asset has).
	adj     []*adjusted[N]
	adjFree []adjusted[N] // room for the next assets' views, made in chunks
	// zeroVol[a] counts asset a's rows of zero volume, counted once by
	// New (the columns are read-only, so the count is shared by clones).
	zeroVol []int32
}

// New builds the portal of a dataset on a clock. The dataset is normalized
// (assets sorted by symbol, IDs set) and validated; rows stamped before the
// clock's first session or after its last are left out; every other row
// must be stamped exactly at one of the clock's bars.
func New[N numeric.Number[N]](ds *market.Dataset[N], clk *clock.Clock) (*Portal[N], error) {
	if clk == nil {
		return nil, fmt.Errorf("dataportal: no clock")
	}
	if ds.Frequency != clk.Frequency() {
		return nil, fmt.Errorf("dataportal: data is %s, the run is %s: aggregate the bars first", ds.Frequency, clk.Frequency())
	}
	if err := ds.Validate(); err != nil {
		return nil, err
	}
	times := clk.BarTimes()
	if len(times) == 0 {
		return nil, fmt.Errorf("dataportal: the clock has no bars")
	}
	sessions := clk.Sessions()
	from := sessions[0].Open.UnixNano()
	to := sessions[len(sessions)-1].Close.UnixNano()

	p := &Portal[N]{
		clock:   clk,
		times:   times,
		assets:  make([]market.Asset, len(ds.Series)),
		series:  make([]market.Series[N], len(ds.Series)),
		rowBar:  make([][]int32, len(ds.Series)),
		seen:    make([]int32, len(ds.Series)),
		next:    make([]int32, len(ds.Series)),
		cur:     noRows(len(ds.Series)),
		bar:     -1,
		zeroVol: make([]int32, len(ds.Series)),
	}
	for f := range p.cols {
		p.cols[f] = make([][]N, len(ds.Series))
	}
	for a := range ds.Series {
		s := trim(&ds.Series[a], from, to)
		rb := make([]int32, s.Len())
		k := 0 // merge walk: both sides ascending
		for i, t := range s.Time {
			for k < len(times) && times[k] < t {
				k++
			}
			if k == len(times) || times[k] != t {
				reason := "not a bar of the " + clk.Calendar().Name() + " calendar at " + clk.Frequency().String() + " frequency (off the sessions or off the grid)"
				return nil, &market.BarError{Symbol: s.Asset.Symbol, Row: i, Time: time.Unix(0, t).UTC(), Field: "time",
					Value: time.Unix(0, t).UTC().Format(time.RFC3339), Reason: reason}
			}
			rb[i] = int32(k)
		}
		p.assets[a] = s.Asset
		p.series[a] = s
		for _, f := range market.Fields() {
			p.cols[f][a] = s.Column(f)
		}
		p.rowBar[a] = rb
		p.zeroVol[a] = countZero(s.Volume)
		p.next[a] = noBar
		if len(rb) > 0 {
			p.next[a] = rb[0]
		}
	}
	return p, nil
}

// countZero returns the number of zeros in xs.
func countZero[N numeric.Number[N]](xs []N) int32 {
	var n int32
	for _, x := range xs {
		if x.IsZero() {
			n++
		}
	}
	return n
}

// trim returns the rows of s stamped in (from, to].
func trim[N numeric.Number[N]](s *market.Series[N], from, to int64) market.Series[N] {
	lo, hi := 0, len(s.Time)
	for lo < hi && s.Time[lo] <= from {
		lo++
	}
	for hi > lo && s.Time[hi-1] > to {
		hi--
	}
	return market.Series[N]{
		Asset:  s.Asset,
		Time:   s.Time[lo:hi:hi],
		Open:   s.Open[lo:hi:hi],
		High:   s.High[lo:hi:hi],
		Low:    s.Low[lo:hi:hi],
		Close:  s.Close[lo:hi:hi],
		Volume: s.Volume[lo:hi:hi],
	}
}

// Clock returns the run's clock.
func (p *Portal[N]) Clock() *clock.Clock { return p.clock }

// Assets returns the universe in ID order (do not modify).
func (p *Portal[N]) Assets() []market.Asset { return p.assets }

// Bar returns the current bar index, -1 before the first Advance.
func (p *Portal[N]) Bar() int { return p.bar }

// Time returns the current bar's stamp (Unix nanoseconds).
func (p *Portal[N]) Time() int64 { return p.times[p.bar] }

// Advance moves the cursor to bar k, which must be after the current bar
// (it panics otherwise: the engine only moves forward). Assets with a row
// at bar k become current; the others keep their last known values.
func (p *Portal[N]) Advance(k int) {
	if k <= p.bar || k >= len(p.times) {
		panic(fmt.Sprintf("dataportal: Advance(%d) from bar %d of %d", k, p.bar, len(p.times)))
	}
	p.bar = k
	kk := int32(k)
	cur := p.cur[:len(p.next)]
	for a, nb := range p.next {
		if nb > kk {
			cur[a] = -1
			continue
		}
		// Take the row at nb <= k, skip any others before k (when bars
		// were skipped), and take the one at k.
		rb := p.rowBar[a]
		i, last := p.seen[a]+1, nb
		for int(i) < len(rb) && rb[i] <= kk {
			last = rb[i]
			i++
		}
		p.seen[a] = i
		cur[a] = -1
		if last == kk {
			cur[a] = i - 1
		}
		if int(i) < len(rb) {
			p.next[a] = rb[i]
		} else {
			p.next[a] = noBar
		}
	}
}

// noRows returns n cursors at no row (-1).
func noRows(n int) []int32 {
	c := make([]int32, n)
	for i := range c {
		c[i] = -1
	}
	return c
}

// HasBar reports whether asset a has a bar at the current bar.
func (p *Portal[N]) HasBar(a int) bool { return p.cur[a] >= 0 }

// Current returns asset a's bar at the current bar, if it has one.
func (p *Portal[N]) Current(a int) (market.Bar[N], bool) {
	if !p.HasBar(a) {
		return market.Bar[N]{}, false
	}
	return p.series[a].Bar(int(p.seen[a] - 1)), true
}

// Field returns field f of asset a's bar at the current bar, if it has
// one.
func (p *Portal[N]) Field(a int, f market.Field) (v N, ok bool) {
	if i := p.cur[a]; i >= 0 {
		return p.cols[f][a][i], true
	}
	return v, false
}

// Last returns asset a's last known close at or before the current bar and
// its stamp, or false if it has had no bar yet. Use it to value positions,
// never to trade: the close may be stale.
func (p *Portal[N]) Last(a int) (price N, at int64, ok bool) {
	n := p.seen[a]
	if n == 0 {
		return price, 0, false
	}
	return p.series[a].Close[n-1], p.series[a].Time[n-1], true
}

// History returns the last n values of field f of asset a, ending at its
// latest bar at or before the current bar (fewer when fewer exist). The
// slice is a view into the store: do not modify it; its capacity ends at
// the current bar, so it cannot be extended into the future.
//
// After a corporate action of the asset (AddAdjustment), the rows before
// its ex-date come back adjusted as of the current bar (see Adjust); the
// slice is then a view into the portal's adjusted copy, valid until the
// next AddAdjustment of the asset.
func (p *Portal[N]) History(a int, f market.Field, n int) []N {
	end := int(p.seen[a])
	start := max(end-max(n, 0), 0)
	if p.adj != nil {
		if st := p.adj[a]; st != nil && start < int(st.bounds[len(st.bounds)-1]) {
			return p.adjustedWindow(st, a, f, start, end)
		}
	}
	return p.cols[f][a][start:end:end]
}

// HistoryTimes returns the stamps matching History(a, f, n).
func (p *Portal[N]) HistoryTimes(a int, n int) []int64 {
	end := int(p.seen[a])
	start := max(end-max(n, 0), 0)
	return p.series[a].Time[start:end:end]
}

// Len returns the number of bars asset a has had at or before the current
// bar.
func (p *Portal[N]) Len(a int) int { return int(p.seen[a]) }

// Rows returns the number of bars of the run: the sum over assets of the
// rows in the clock's range.
func (p *Portal[N]) Rows() int {
	n := 0
	for a := range p.series {
		n += p.series[a].Len()
	}
	return n
}

// ZeroVolume returns, for each asset (by ID), the number of its bars in
// the clock's range whose volume is zero, and the number of its bars. The
// zeros are counted once, when the portal is built: a run, or each run of
// a sweep over one load, only copies the counts.
func (p *Portal[N]) ZeroVolume() (zero, bars []int) {
	zero, bars = make([]int, len(p.series)), make([]int, len(p.series))
	for a := range p.series {
		bars[a] = p.series[a].Len()
		zero[a] = int(p.zeroVol[a])
	}
	return zero, bars
}

// Clone returns a portal over the same bars (shared, read-only) with its
// own cursor before the first bar: a store loaded once serves many runs,
// one after another or side by side.
func (p *Portal[N]) Clone() *Portal[N] {
	q := *p
	q.seen = make([]int32, len(p.seen))
	q.next = make([]int32, len(p.next))
	q.cur = noRows(len(p.cur))
	q.bar = -1
	q.adj, q.adjFree = nil, nil
	for a, rb := range p.rowBar {
		q.next[a] = noBar
		if len(rb) > 0 {
			q.next[a] = rb[0]
		}
	}
	return &q
}
