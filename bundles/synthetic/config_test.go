package synthetic

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/pkg/market"
)

func TestDecodeConfig(t *testing.T) {
	c, err := DecodeConfig(strings.NewReader(`
symbols: [BTC/USD, ETH/USD]
seed: 42
calendar: 24/7
frequency: hourly
start: 2024-01-01
end: 2024-03-31
price: {min: 100, max: 60000}
volatility: {min: 0.5, max: 0.9}
tick_size: "0.01"
lot_size: "0.0001"
volume: 5000
class: crypto
`))
	if err != nil {
		t.Fatal(err)
	}
	want := Default()
	want.Symbols, want.Seed, want.Calendar, want.Frequency = []string{"BTC/USD", "ETH/USD"}, 42, "24/7", market.Hourly
	want.Start, want.End = date(2024, 1, 1), date(2024, 3, 31)
	want.Price, want.Volatility, want.LotSize, want.Volume, want.Class = Range{100, 60000}, Range{0.5, 0.9}, "0.0001", 5000, "crypto"
	// Drift keeps its default; assets too, which symbols then override.
	if c.Assets != want.Assets || c.Seed != want.Seed || c.Calendar != want.Calendar || c.Frequency != want.Frequency ||
		!c.Start.Equal(want.Start) || !c.End.Equal(want.End) || c.Price != want.Price || c.Drift != want.Drift ||
		c.Volatility != want.Volatility || c.LotSize != want.LotSize || c.Volume != want.Volume || c.Class != want.Class ||
		strings.Join(c.Symbols, ",") != "BTC/USD,ETH/USD" {
		t.Fatalf("decoded %+v\nwant    %+v", c, want)
	}
}

func TestConfigRejects(t *testing.T) {
	mod := func(f func(*Config)) Config {
		c := Default()
		f(&c)
		return c
	}
	cases := []struct {
		name string
		cfg  Config
		want string
	}{
		{"zero config", Config{}, "no assets"},
		{"no dates", mod(func(c *Config) { c.Start = time.Time{} }), "start and end"},
		{"end before start", mod(func(c *Config) { c.Start, c.End = c.End, c.Start }), "before start"},
		{"repeated symbol", mod(func(c *Config) { c.Symbols = []string{"A", "A"}; c.Assets = 0 }), `"A" appears twice`},
		{"empty symbol", mod(func(c *Config) { c.Symbols = []string{" "}; c.Assets = 0 }), "empty symbol"},
		{"too many assets", mod(func(c *Config) { c.Assets = MaxAssets + 1 }), "more than"},
		{"data calendar", mod(func(c *Config) { c.Calendar = "data" }), "data"},
		{"unknown calendar", mod(func(c *Config) { c.Calendar = "XLON" }), "XLON"},
		{"bad frequency", mod(func(c *Config) { c.Frequency = 9 }), "frequency"},
		{"zero price", mod(func(c *Config) { c.Price = Range{} }), "price"},
		{"price beyond the maximum", mod(func(c *Config) { c.Price = Range{1, 2 * MaxPrice} }), "price"},
		{"price range reversed", mod(func(c *Config) { c.Price = Range{20, 10} }), "max below min"},
		{"NaN drift", mod(func(c *Config) { c.Drift = Range{math.NaN(), 0} }), "not a number"},
		{"negative volatility", mod(func(c *Config) { c.Volatility = Range{-0.1, 0.2} }), "volatility"},
		{"negative volume", mod(func(c *Config) { c.Volume = -1 }), "volume"},
		{"tick with 9 decimals", mod(func(c *Config) { c.TickSize = "0.000000001" }), "8 decimals"},
		{"negative tick", mod(func(c *Config) { c.TickSize = "-0.01" }), "tick_size"},
		{"zero tick", mod(func(c *Config) { c.TickSize = "0.00" }), "tick_size"},
		{"tick above the prices", mod(func(c *Config) { c.TickSize = "500" }), "below the tick"},
		{"bad lot", mod(func(c *Config) { c.LotSize = "1e2" }), "lot_size"},
		{"bad class", mod(func(c *Config) { c.Class = "bond" }), "bond"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Validate: %v, want an error mentioning %q", err, tc.want)
			}
		})
	}
	for _, y := range []string{"asets: 3\n", "price: {min: 1, max: 2, mean: 1}\n", "start: 01/02/2020\n", "assets: 0\n", "assets: 3.5\n", "seed: 1\n---\nseed: 2\n"} {
		if _, err := DecodeConfig(strings.NewReader(y)); err == nil {
			t.Errorf("DecodeConfig(%q): no error", y)
		}
	}
}

func TestSymbols(t *testing.T) {
	for _, tc := range []struct {
		n           int
		first, last string
	}{{1, "SYN000", "SYN000"}, {100, "SYN000", "SYN099"}, {1000, "SYN000", "SYN999"}, {1001, "SYN0000", "SYN1000"}} {
		s := Symbols(tc.n)
		if len(s) != tc.n || s[0] != tc.first || s[len(s)-1] != tc.last {
			t.Errorf("Symbols(%d) = %s .. %s, want %s .. %s", tc.n, s[0], s[len(s)-1], tc.first, tc.last)
		}
		for i := 1; i < len(s); i++ {
			if s[i-1] >= s[i] {
				t.Fatalf("Symbols(%d): %s before %s", tc.n, s[i-1], s[i])
			}
		}
	}
}

func TestParseTick(t *testing.T) {
	for _, tc := range []struct {
		in, canon string
	}{{"0.01", "0.01"}, {"0.010", "0.01"}, {"1", "1"}, {"5", "5"}, {"0.05", "0.05"}, {"0.00000001", "0.00000001"}, {"12.5", "12.5"}} {
		tk, err := parseTick(tc.in)
		if err != nil || tk.String() != tc.canon {
			t.Errorf("parseTick(%q) = %v, %v; want %s", tc.in, tk, err, tc.canon)
		}
	}
	for _, in := range []string{"", ".", "0", "-1", "+1", "1e-2", "0.000000001", "abc", "1.2.3", "2000000000"} {
		if tk, err := parseTick(in); err == nil {
			t.Errorf("parseTick(%q) = %v, want an error", in, tk)
		}
	}
}
