package alpaca

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

var newYork = mustLoad("America/New_York")

func mustLoad(name string) *time.Location {
	l, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return l
}

// session is an XNYS session written by hand (New York wall times), the
// reference the stamps are checked against.
type session struct {
	date        string
	open, close string // "09:30", "16:00"
}

// julySessions are the sessions of 2024-07-01..05: July 3 closes at 13:00
// and July 4 is a holiday.
var julySessions = []session{
	{"2024-07-01", "09:30", "16:00"},
	{"2024-07-02", "09:30", "16:00"},
	{"2024-07-03", "09:30", "13:00"},
	{"2024-07-05", "09:30", "16:00"},
}

func at(date, hm string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", date+" "+hm, newYork)
	if err != nil {
		panic(err)
	}
	return t
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// walk makes n bars every step from start: a random walk in units of
// 10^-dec, with whole volumes (or fractional ones with fracVol), as text.
func walk(r *rand.Rand, start time.Time, step time.Duration, n, dec int, fracVol bool) []apiBar {
	p := int64(10000+r.IntN(90000)) * int64(pow10(dec)) / 100
	out := make([]apiBar, n)
	for i := range n {
		o := max(p+int64(r.IntN(41))-20, 1)
		c := max(o+int64(r.IntN(41))-20, 1)
		h := max(o, c) + int64(r.IntN(9))
		l := max(min(o, c)-int64(r.IntN(9)), 1)
		v := strconv.Itoa(1 + r.IntN(5000))
		if fracVol {
			v = units(int64(1+r.IntN(1e8)), 8)
		}
		out[i] = apiBar{T: start.Add(time.Duration(i) * step), Open: units(o, dec), High: units(h, dec), Low: units(l, dec), Cls: units(c, dec), Vol: v}
		p = c
	}
	return out
}

func pow10(n int) int {
	p := 1
	for range n {
		p *= 10
	}
	return p
}

// units returns u * 10^-dec as canonical decimal text.
func units(u int64, dec int) string {
	s := strconv.FormatInt(u, 10)
	for len(s) <= dec {
		s = "0" + s
	}
	if dec > 0 {
		s = s[:len(s)-dec] + "." + s[len(s)-dec:]
		for s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		if s[len(s)-1] == '.' {
			s = s[:len(s)-1]
		}
	}
	return s
}

// wantBar is an expected Penny bar as text.
type wantBar struct {
	stamp         time.Time
	o, h, l, c, v string
}

func (b wantBar) String() string {
	return fmt.Sprintf("%s %s %s %s %s %s", b.stamp.UTC().Format(time.RFC3339), b.o, b.h, b.l, b.c, b.v)
}

// aggregate folds API bars into one expected bar, with big-decimal
// arithmetic for the volume.
func aggregate(stamp time.Time, bars []apiBar) wantBar {
	w := wantBar{stamp: stamp, o: bars[0].Open, h: bars[0].High, l: bars[0].Low, c: bars[len(bars)-1].Cls}
	vol := numeric.Zero[numeric.Decimal]()
	hi, lo := numeric.MustParse[numeric.Decimal](w.h), numeric.MustParse[numeric.Decimal](w.l)
	for _, b := range bars {
		hi = hi.Max(numeric.MustParse[numeric.Decimal](b.High))
		lo = lo.Min(numeric.MustParse[numeric.Decimal](b.Low))
		vol = vol.Add(numeric.MustParse[numeric.Decimal](b.Vol))
	}
	w.h, w.l, w.v = hi.String(), lo.String(), vol.String()
	return w
}

// lines prints a series' bars as text.
func lines[N numeric.Number[N]](s *market.Series[N]) []string {
	out := make([]string, s.Len())
	for i := range out {
		out[i] = wantBar{time.Unix(0, s.Time[i]), s.Open[i].String(), s.High[i].String(), s.Low[i].String(), s.Close[i].String(), s.Volume[i].String()}.String()
	}
	return out
}

// checkSeries compares a series with the expected bars: digit for digit
// for Fixed and Decimal; for Float, each value must be the float64 nearest
// to the expected decimal (and, for volumes summed by aggregation, within
// 1e-12 of it relatively, as float64 sums round).
func checkSeries[N numeric.Number[N]](t *testing.T, s *market.Series[N], want []wantBar) {
	t.Helper()
	if s.Len() != len(want) {
		t.Fatalf("%s: %d bars, want %d", s.Asset.Symbol, s.Len(), len(want))
	}
	_, isFloat := any(numeric.Zero[N]()).(numeric.Float)
	all := lines(s)
	for i, w := range want {
		got := all[i]
		if !isFloat {
			if got != w.String() {
				t.Fatalf("%s bar %d:\n got %s\nwant %s", s.Asset.Symbol, i, got, w)
			}
			continue
		}
		if s.Time[i] != w.stamp.UnixNano() {
			t.Fatalf("%s bar %d: stamp %s, want %s", s.Asset.Symbol, i, time.Unix(0, s.Time[i]).UTC(), w.stamp.UTC())
		}
		for k, txt := range [...]string{w.o, w.h, w.l, w.c, w.v} {
			wf, _ := strconv.ParseFloat(txt, 64)
			gf := s.Column(market.Fields()[k])[i].Float64()
			if gf != wf && !(k == 4 && math.Abs(gf-wf) <= 1e-12*math.Abs(wf)) {
				t.Fatalf("%s bar %d %s: got %v, want %v", s.Asset.Symbol, i, market.Fields()[k], gf, wf)
			}
		}
	}
}
