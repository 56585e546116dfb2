package synthetic

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/clock"
	"github.com/pennybt/penny/pkg/market"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// small returns a config of a few assets over a week and a bit.
func small(freq market.Frequency, cal string) Config {
	c := Default()
	c.Assets = 4
	c.Frequency = freq
	c.Calendar = cal
	c.Start, c.End = date(2019, 11, 25), date(2019, 12, 3) // with the Thanksgiving holiday and early close
	return c
}

// schedules are the calendar x frequency combinations the tests cover.
var schedules = []struct {
	name string
	cfg  Config
}{
	{"calendar=XNYS/freq=daily", small(market.Daily, "XNYS")},
	{"calendar=XNYS/freq=hourly", small(market.Hourly, "XNYS")},
	{"calendar=XNYS/freq=minute", small(market.Minute, "XNYS")},
	{"calendar=24-7/freq=daily", small(market.Daily, "24/7")},
	{"calendar=24-7/freq=hourly", small(market.Hourly, "24/7")},
	{"calendar=24-7/freq=minute", small(market.Minute, "24/7")},
}

func TestGenerateValid(t *testing.T) {
	backendtest.Run(t, testGenerateValidByName)
}

// Every series is valid, on the clock's bar stamps, its prices whole
// numbers of ticks and its volumes whole numbers.
//
//penny:backends
func testGenerateValid[N numeric.Number[N]](t *testing.T) {
	for _, sc := range schedules {
		t.Run(sc.name, func(t *testing.T) {
			cfg := sc.cfg
			cfg.TickSize = "0.05"
			ds, err := Generate[N](cfg)
			if err != nil {
				t.Fatal(err)
			}
			cal, err := calendar.ByName(cfg.Calendar)
			if err != nil {
				t.Fatal(err)
			}
			clk, err := clock.New(cal, cfg.Frequency, cfg.Start, cfg.End)
			if err != nil {
				t.Fatal(err)
			}
			if ds.Frequency != cfg.Frequency || ds.Calendar != cal.Name() || len(ds.Series) != cfg.Assets {
				t.Fatalf("dataset %v %q with %d series", ds.Frequency, ds.Calendar, len(ds.Series))
			}
			for i := range ds.Series {
				s := &ds.Series[i]
				if s.Asset.ID != i || s.Asset.Symbol != Symbols(cfg.Assets)[i] || s.Asset.TickSize != "0.05" || s.Asset.LotSize != "1" {
					t.Fatalf("asset %d: %+v", i, s.Asset)
				}
				if err := s.Validate(); err != nil {
					t.Fatal(err)
				}
				if !equalInts(s.Time, clk.BarTimes()) {
					t.Fatalf("%s: stamps differ from the clock's", s.Asset.Symbol)
				}
				for _, f := range market.Fields() {
					for j, v := range s.Column(f) {
						// Prices in hundredths, a positive multiple of 5;
						// volumes whole.
						if f == market.Volume {
							if _, ok := scaled(v.String(), 0); !ok {
								t.Fatalf("%s bar %d volume %s: not whole", s.Asset.Symbol, j, v)
							}
							continue
						}
						if u, ok := scaled(v.String(), 2); !ok || u <= 0 || u%5 != 0 {
							t.Fatalf("%s bar %d %s = %s: not a positive whole number of ticks of 0.05", s.Asset.Symbol, j, f, v)
						}
					}
				}
			}
		})
	}
}

// scaled reads decimal text with at most decimals places as an integer
// count of 10^-decimals.
func scaled(s string, decimals int) (int64, bool) {
	i, f, _ := strings.Cut(s, ".")
	if len(f) > decimals {
		return 0, false
	}
	f += strings.Repeat("0", decimals-len(f))
	u, err := strconv.ParseInt(i+f, 10, 64)
	return u, err == nil
}

func equalInts(a, b []int64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// The three backends hold the same decimals: Fixed and Decimal digit for
// digit, Float the nearest float64 to each (whose shortest text is the
// same digits for prices of up to 15 digits).
func TestGenerateSameAcrossBackends(t *testing.T) {
	for _, sc := range schedules {
		t.Run(sc.name, func(t *testing.T) {
			fl, err := Generate[numeric.Float](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			fx, err := Generate[numeric.Fixed](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			dc, err := Generate[numeric.Decimal](sc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			for i := range fx.Series {
				a, b, c := &fl.Series[i], &fx.Series[i], &dc.Series[i]
				if a.Asset != b.Asset || b.Asset != c.Asset || !equalInts(a.Time, b.Time) || !equalInts(b.Time, c.Time) {
					t.Fatalf("series %d: assets or stamps differ", i)
				}
				for _, f := range market.Fields() {
					ca, cb, cc := a.Column(f), b.Column(f), c.Column(f)
					for j := range cb {
						x, y, z := ca[j].String(), cb[j].String(), cc[j].String()
						if x != y || y != z {
							t.Fatalf("%s bar %d %s: float %s, fixed %s, decimal %s", b.Asset.Symbol, j, f, x, y, z)
						}
						if want, _ := strconv.ParseFloat(y, 64); float64(ca[j]) != want {
							t.Fatalf("%s bar %d %s: float %v is not the nearest float64 to %s", b.Asset.Symbol, j, f, float64(ca[j]), y)
						}
					}
				}
			}
		})
	}
}

// Exactness at the edges: a tick of 10^-8, and prices near MaxPrice.
func TestGenerateExactAtTheLimits(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tick  string
		price Range
	}{
		{"tick=1e-8", "0.00000001", Range{0.5, 2}},
		{"tick=0.0001/high prices", "0.0001", Range{MaxPrice / 2, MaxPrice}},
		{"tick=5/high prices", "5", Range{MaxPrice / 2, MaxPrice}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := small(market.Hourly, "XNYS")
			cfg.TickSize, cfg.Price, cfg.Volatility = tc.tick, tc.price, Range{3, 3}
			fx, err := Generate[numeric.Fixed](cfg)
			if err != nil {
				t.Fatal(err)
			}
			dc, err := Generate[numeric.Decimal](cfg)
			if err != nil {
				t.Fatal(err)
			}
			fl, err := Generate[numeric.Float](cfg)
			if err != nil {
				t.Fatal(err)
			}
			unit, _ := new(big.Rat).SetString(tc.tick)
			for i := range fx.Series {
				for _, f := range []market.Field{market.Open, market.High, market.Low, market.Close} {
					for j, v := range fx.Series[i].Column(f) {
						d := dc.Series[i].Column(f)[j]
						r, _ := new(big.Rat).SetString(v.String())
						if v.String() != d.String() || !new(big.Rat).Quo(r, unit).IsInt() || r.Cmp(big.NewRat(MaxPrice, 1)) > 0 {
							t.Fatalf("bar %d %s: fixed %s, decimal %s", j, f, v, d)
						}
						if want, _ := r.Float64(); float64(fl.Series[i].Column(f)[j]) != want {
							t.Fatalf("bar %d %s: float %v, nearest float64 to %s is %v", j, f, fl.Series[i].Column(f)[j], v, want)
						}
					}
				}
			}
		})
	}
}

func TestGenerateDeterministic(t *testing.T) {
	cfg := small(market.Minute, "XNYS")
	a, err := Generate[numeric.Fixed](cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Generate[numeric.Fixed](cfg)
	if err != nil {
		t.Fatal(err)
	}
	if diff := firstDiff(a, b); diff != "" {
		t.Fatalf("same seed, different data: %s", diff)
	}
	cfg.Seed++
	c, err := Generate[numeric.Fixed](cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a.Series {
		same := 0
		for j := range a.Series[i].Close {
			if a.Series[i].Close[j] == c.Series[i].Close[j] {
				same++
			}
		}
		if same > len(a.Series[i].Close)/10 {
			t.Errorf("%s: seeds %d and %d share %d of %d closes", a.Series[i].Asset.Symbol, cfg.Seed-1, cfg.Seed, same, len(a.Series[i].Close))
		}
	}
	// An asset's bars depend on its symbol, not on the other assets.
	cfg.Seed--
	cfg.Assets = 0
	cfg.Symbols = []string{"ZZZ", Symbols(4)[2]}
	d, err := Generate[numeric.Fixed](cfg)
	if err != nil {
		t.Fatal(err)
	}
	one := &market.Dataset[numeric.Fixed]{Series: []market.Series[numeric.Fixed]{a.Series[2]}}
	two := &market.Dataset[numeric.Fixed]{Series: []market.Series[numeric.Fixed]{d.Series[0]}}
	if d.Series[0].Asset.Symbol != "SYN002" || d.Series[1].Asset.Symbol != "ZZZ" {
		t.Fatalf("symbols %s, %s: not sorted", d.Series[0].Asset.Symbol, d.Series[1].Asset.Symbol)
	}
	two.Series[0].Asset.ID = 2
	if diff := firstDiff(one, two); diff != "" {
		t.Errorf("SYN002 alone and among four differ: %s", diff)
	}
}

func firstDiff[N numeric.Number[N]](a, b *market.Dataset[N]) string {
	if len(a.Series) != len(b.Series) {
		return "series count"
	}
	for i := range a.Series {
		x, y := &a.Series[i], &b.Series[i]
		if x.Asset != y.Asset || !equalInts(x.Time, y.Time) {
			return x.Asset.Symbol + ": asset or stamps"
		}
		for _, f := range market.Fields() {
			for j := range x.Column(f) {
				if x.Column(f)[j].Cmp(y.Column(f)[j]) != 0 {
					return x.Asset.Symbol + " " + f.String() + " bar " + strconv.Itoa(j)
				}
			}
		}
	}
	return ""
}

// The walk has the volatility and drift asked for, and intraday volume is
// U-shaped. Fixed seeds make the test deterministic; the bounds are several
// standard errors wide.
func TestGenerateStatistics(t *testing.T) {
	for _, tc := range []struct {
		name string
		freq market.Frequency
		end  time.Time
	}{
		{"freq=daily", market.Daily, date(2023, 12, 31)},
		{"freq=minute", market.Minute, date(2020, 2, 28)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Default()
			cfg.Assets, cfg.Frequency, cfg.End = 40, tc.freq, tc.end
			cfg.Volatility, cfg.Drift, cfg.Price = Range{0.3, 0.3}, Range{0.5, 0.5}, Range{1000, 1000}
			ds, err := Generate[numeric.Float](cfg)
			if err != nil {
				t.Fatal(err)
			}
			clk, err := clock.New(calendar.XNYS(), tc.freq, cfg.Start, cfg.End)
			if err != nil {
				t.Fatal(err)
			}
			perYear := sessionsPerYear(calendar.XNYS(), cfg.Start)
			sessions := clk.Sessions()
			var sumVar, sumRet float64
			for _, s := range ds.Series {
				// Close-to-close log returns over sessions.
				var ss, sr float64
				prev := math.Log(float64(s.Open[0]))
				for i := range sessions {
					_, end := clk.SessionBars(i)
					c := math.Log(float64(s.Close[end-1]))
					ss += (c - prev) * (c - prev)
					sr += c - prev
					prev = c
				}
				n := float64(len(sessions))
				sumVar += ss / n * perYear
				sumRet += sr / n * perYear
			}
			vol := math.Sqrt(sumVar / float64(len(ds.Series)))
			drift := sumRet / float64(len(ds.Series))
			if math.Abs(vol-0.3) > 0.03 {
				t.Errorf("realized volatility %.4f, want 0.3", vol)
			}
			// The mean log return is drift - sigma^2/2 = 0.455, with a
			// standard error of 0.3/sqrt(years*assets).
			years := float64(len(sessions)) / perYear
			if se := 0.3 / math.Sqrt(years*float64(len(ds.Series))); math.Abs(drift-0.455) > 4*se {
				t.Errorf("mean annual log return %.4f, want 0.455 +- %.4f", drift, 4*se)
			}
			if tc.freq != market.Minute {
				return
			}
			// Volume: the first and last half hours trade more than midday.
			var open, mid, cl float64
			for _, s := range ds.Series {
				for i := range sessions {
					first, end := clk.SessionBars(i)
					if end-first != 390 {
						continue
					}
					for k := first; k < end; k++ {
						v := float64(s.Volume[k])
						switch m := k - first; {
						case m < 30:
							open += v
						case m >= 180 && m < 210:
							mid += v
						case m >= 360:
							cl += v
						}
					}
				}
			}
			if open < 2*mid || cl < 2*mid {
				t.Errorf("volume of the first, middle and last half hours: %.0f, %.0f, %.0f; want a U", open, mid, cl)
			}
		})
	}
}
