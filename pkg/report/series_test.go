package report

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/svg"
)

func TestDrawdowns(t *testing.T) {
	tests := []struct {
		name    string
		capital float64
		values  []float64
		want    []float64
	}{
		{"empty", 100, nil, []float64{}},
		{"new peaks", 100, []float64{110, 120}, []float64{0, 0}},
		{"first session down", 100, []float64{90, 100, 95}, []float64{-0.1, 0, -0.05}},
		{"recovery below the peak", 100, []float64{200, 100, 150, 250}, []float64{0, -0.5, -0.25, 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := drawdowns(tc.values, tc.capital)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if math.Abs(got[i]-tc.want[i]) > 1e-15 {
					t.Errorf("got %v, want %v", got, tc.want)
					break
				}
			}
		})
	}
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestPeriodReturns(t *testing.T) {
	dates := []time.Time{day("2023-11-29"), day("2023-11-30"), day("2023-12-29"), day("2024-01-02"), day("2024-03-01")}
	values := []float64{90, 125, 187.5, 93.75, 187.5} // exact ratios in binary
	months, years := periodReturns(dates, values, 100)
	wantM := []periodReturn{{2023, time.November, 0.25}, {2023, time.December, 0.5}, {2024, time.January, -0.5}, {2024, time.March, 1}}
	wantY := []periodReturn{{2023, 0, 0.875}, {2024, 0, 0}}
	if !slices.Equal(months, wantM) || !slices.Equal(years, wantY) {
		t.Errorf("months %v years %v, want %v and %v", months, years, wantM, wantY)
	}
	if m, y := periodReturns(nil, nil, 100); m != nil || y != nil {
		t.Errorf("no sessions: %v %v", m, y)
	}
}

func pt(x, y float64) svg.Point { return svg.Point{X: x, Y: y} }

// points counts the points of segments.
func points(segs [][]svg.Point) int {
	n := 0
	for _, s := range segs {
		n += len(s)
	}
	return n
}

func TestDownsampleShort(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		ys   []float64
		want [][]svg.Point
	}{
		{"empty", nil, nil},
		{"all nan", []float64{nan, nan}, nil},
		{"whole", []float64{1, 2, 3}, [][]svg.Point{{pt(0, 1), pt(1, 2), pt(2, 3)}}},
		{"leading nan", []float64{nan, nan, 5, 6}, [][]svg.Point{{pt(2, 5), pt(3, 6)}}},
		{"gap", []float64{1, math.Inf(1), nan, 4, 5}, [][]svg.Point{{pt(0, 1)}, {pt(3, 4), pt(4, 5)}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := downsample(tc.ys, 100)
			if len(got) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range got {
				if !slices.Equal(got[i], tc.want[i]) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

// TestDownsampleLong checks the downsampling of long random walks, with
// and without a gap: at most MaxPoints points, in index order, that keep
// the first and last values and the extremes, and no line across the gap.
func TestDownsampleLong(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{MaxPoints + 1, 2520, 10_000, 98_280} {
		for _, gap := range []bool{false, true} {
			ys := make([]float64, n)
			v := 100.0
			for i := range ys {
				v += rng.NormFloat64()
				ys[i] = v
			}
			lo, hi := n/3, n/3+n/10
			if gap {
				for i := lo; i < hi; i++ {
					ys[i] = math.NaN()
				}
			}
			segs := downsample(ys, MaxPoints)
			if p := points(segs); p > MaxPoints || p < MaxPoints/2 {
				t.Errorf("n=%d gap=%v: %d points, want at most %d and not far fewer", n, gap, p, MaxPoints)
			}
			if want := map[bool]int{false: 1, true: 2}[gap]; len(segs) != want {
				t.Errorf("n=%d gap=%v: %d segments, want %d", n, gap, len(segs), want)
			}
			var idx []int
			for _, s := range segs {
				for _, p := range s {
					i := int(p.X)
					if p.Y != ys[i] {
						t.Fatalf("point %v is not the value %v at index %d", p, ys[i], i)
					}
					if gap && lo <= i && i < hi {
						t.Fatalf("point %v inside the gap", p)
					}
					idx = append(idx, i)
				}
			}
			if !slices.IsSorted(idx) || len(slices.Compact(slices.Clone(idx))) != len(idx) {
				t.Errorf("n=%d: indices not strictly increasing", n)
			}
			imin, imax := 0, 0
			for i, y := range ys {
				if !math.IsNaN(y) && y < ys[imin] {
					imin = i
				}
				if !math.IsNaN(y) && y > ys[imax] {
					imax = i
				}
			}
			for _, i := range []int{0, n - 1, imin, imax} {
				if !slices.Contains(idx, i) {
					t.Errorf("n=%d gap=%v: index %d (first, last or an extreme) dropped", n, gap, i)
				}
			}
		}
	}
}

func TestDateTicks(t *testing.T) {
	sessions := func(from, to string, step int) []time.Time {
		var out []time.Time
		for d := day(from); !d.After(day(to)); d = d.AddDate(0, 0, step) {
			out = append(out, d)
		}
		return out
	}
	tests := []struct {
		name  string
		dates []time.Time
		want  []string
	}{
		{"none", nil, nil},
		{"ten years", sessions("2014-01-02", "2023-12-29", 1), []string{"2014", "2015", "2016", "2017", "2018", "2019", "2020", "2021", "2022", "2023"}},
		{"twenty years", sessions("2004-01-02", "2023-12-29", 1), []string{"2004", "2006", "2008", "2010", "2012", "2014", "2016", "2018", "2020", "2022"}},
		{"two years", sessions("2023-01-03", "2024-12-31", 1), []string{"Jan 2023", "Apr 2023", "Jul 2023", "Oct 2023", "Jan 2024", "Apr 2024", "Jul 2024", "Oct 2024"}},
		{"one month", sessions("2024-01-02", "2024-01-31", 1), []string{"Jan 2", "Jan 5", "Jan 8", "Jan 11", "Jan 14", "Jan 17", "Jan 20", "Jan 23", "Jan 26", "Jan 29"}},
		{"three days", sessions("2024-01-02", "2024-01-04", 1), []string{"Jan 2", "Jan 3", "Jan 4"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ticks := dateTicks(tc.dates, 10)
			var got []string
			for _, tk := range ticks {
				got = append(got, tk.Label)
				d := tc.dates[tk.Index]
				if !slices.Contains([]string{d.Format("2006"), d.Format("Jan 2006"), d.Format("Jan 2")}, tk.Label) {
					t.Errorf("label %q at index %d, the session of %s", tk.Label, tk.Index, d.Format(time.DateOnly))
				}
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("labels %q, want %q", got, tc.want)
			}
			if len(ticks) > 10 {
				t.Errorf("%d ticks, want at most 10", len(ticks))
			}
		})
	}
}

func TestGroupThousands(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"}, {"999", "999"}, {"1000", "1,000"}, {"-1000", "-1,000"}, {"123456.78901234", "123,456.78901234"},
		{"-1234567.5", "-1,234,567.5"}, {"100000", "100,000"}, {"-12.5", "-12.5"}, {"92233720368.54775807", "92,233,720,368.54775807"},
		{"NaN", "NaN"}, // an average with nothing to average
	} {
		if got := groupThousands(tc.in); got != tc.want {
			t.Errorf("groupThousands(%q) = %q, want %q", tc.in, got, tc.want)
		}
		// Grouping never loses a digit.
		if strings.ReplaceAll(groupThousands(tc.in), ",", "") != tc.in {
			t.Errorf("groupThousands(%q) changes the digits", tc.in)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{formatPercent(0.123456), "12.35%"},
		{formatPercent(-0.05), "-5.00%"},
		{formatPercent(math.NaN()), "NaN"},
		{formatRatio(math.Inf(1)), "Infinity"},
		{formatRatio(math.Inf(-1)), "-Infinity"},
		{formatRatio(1.23456), "1.2346"},
		{formatElapsed(1234567 * time.Microsecond), "1.235s"},
		{formatElapsed(0), "0s"},
		{formatElapsed(1500 * time.Nanosecond), "1.5µs"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestHeatColour(t *testing.T) {
	for _, tc := range []struct {
		r, scale   float64
		fill, ink  string
		comparison string
	}{
		{0, 0.1, "rgb(255,255,255)", "#1a1a1a", "zero is white"},
		{0.1, 0.1, "rgb(26,152,80)", "#ffffff", "the largest gain is the deepest green"},
		{-0.2, 0.1, "rgb(215,48,39)", "#ffffff", "beyond the scale stays the deepest red"},
		{0.05, 0, "rgb(255,255,255)", "#1a1a1a", "no scale"},
		{math.NaN(), 0.1, "#cccccc", "#333333", "NaN is grey"},
	} {
		fill, ink := heatColour(tc.r, tc.scale)
		if fill != tc.fill || ink != tc.ink {
			t.Errorf("%s: heatColour(%v, %v) = %s, %s; want %s, %s", tc.comparison, tc.r, tc.scale, fill, ink, tc.fill, tc.ink)
		}
	}
}

func TestRollingWindow(t *testing.T) {
	for _, tc := range []struct {
		opt, sessions, want int
	}{
		{0, 500, 63}, {0, 126, 63}, {0, 125, 62}, {0, 21, 10}, {0, 3, 2}, {0, 0, 2}, {20, 5, 20},
	} {
		o := Options{RollingWindow: tc.opt}
		if got := o.rollingWindow(tc.sessions); got != tc.want {
			t.Errorf("window %d over %d sessions: %d, want %d", tc.opt, tc.sessions, got, tc.want)
		}
	}
}
