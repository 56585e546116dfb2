package synthetic

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Config describes a synthetic universe. Start from [Default] (or decode
// YAML with [DecodeConfig], which does) and change what you need; a zero
// Config is invalid, and [Config.Validate] says why.
type Config struct {
	// Symbols names the assets. When empty, Assets assets are named
	// SYN000, SYN001, ... (SYN0000 and up beyond 1000 assets).
	Symbols []string `yaml:"symbols"`
	// Assets is the number of assets when Symbols is empty (Symbols,
	// when set, override it).
	Assets int `yaml:"assets"`
	// Seed selects the data: the same seed and config give the same bars.
	Seed uint64 `yaml:"seed"`

	// Calendar names the trading calendar: "XNYS" (when empty) or "24/7"
	// (see calendar.ByName).
	Calendar string `yaml:"calendar"`
	// Frequency of the bars (daily when zero).
	Frequency market.Frequency `yaml:"frequency"`
	// Start and End are the first and last calendar dates of the data
	// (both included; their year, month and day are read, see
	// calendar.Calendar).
	Start time.Time `yaml:"start"`
	End   time.Time `yaml:"end"`

	// Price is the range the starting prices are drawn from, uniformly.
	Price Range `yaml:"price"`
	// Drift is the range of the assets' annual drift (0.05: +5% a year
	// expected log-return plus half the variance), drawn uniformly.
	Drift Range `yaml:"drift"`
	// Volatility is the range of the assets' annual volatility (0.3: 30%),
	// drawn uniformly.
	Volatility Range `yaml:"volatility"`
	// TickSize is the price increment, as decimal text with at most 8
	// decimals ("0.01" when empty). Every price is a whole number of ticks.
	TickSize string `yaml:"tick_size"`
	// LotSize is the quantity increment as decimal text ("1" when empty),
	// copied to the assets.
	LotSize string `yaml:"lot_size"`
	// Volume is the mean volume of an asset over a whole session; each
	// asset draws its own mean uniformly from [Volume/2, 3*Volume/2].
	// Volumes are whole numbers. Zero gives zero volumes.
	Volume float64 `yaml:"volume"`
	// Class of the assets: "equity" (when empty) or "crypto".
	Class string `yaml:"class"`
	// Actions, when set, generates splits and cash dividends with the
	// bars (see Actions and GenerateWithActions).
	Actions Actions `yaml:"actions"`
}

// Range is a closed interval [Min, Max]; Min == Max is a single value.
type Range struct {
	Min float64 `yaml:"min"`
	Max float64 `yaml:"max"`
}

func (r Range) String() string { return fmt.Sprintf("[%g, %g]", r.Min, r.Max) }

// Default returns a valid config: 10 assets, seed 1, daily bars on XNYS
// for 2020, starting prices in [20, 200], annual drifts in [-0.05, 0.15]
// and volatilities in [0.15, 0.45], tick 0.01, lot 1, a mean of 1 000 000
// shares a session.
func Default() Config {
	return Config{
		Assets:     10,
		Seed:       1,
		Calendar:   "XNYS",
		Frequency:  market.Daily,
		Start:      time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC),
		End:        time.Date(2020, 12, 31, 0, 0, 0, 0, time.UTC),
		Price:      Range{20, 200},
		Drift:      Range{-0.05, 0.15},
		Volatility: Range{0.15, 0.45},
		TickSize:   "0.01",
		LotSize:    "1",
		Volume:     1_000_000,
	}
}

// DecodeConfig reads a YAML config over [Default], strictly (an unknown
// key is an error), and validates it. Dates are written unquoted
// (start: 2020-01-02).
func DecodeConfig(r io.Reader) (Config, error) {
	c := Default()
	b, err := limit.Read(r, "config", limit.Config)
	if err != nil {
		return c, fmt.Errorf("synthetic: config: %w", err)
	}
	if err := strictyaml.Decode(b, &c, ""); err != nil && !errors.Is(err, io.EOF) {
		return c, fmt.Errorf("synthetic: config: %w", err)
	}
	return c, c.Validate()
}

// Limits of the generator, chosen so that every price and volume is exact
// in every backend (Fixed holds up to 92233720368; float64 integers up to
// 2^53 are exact).
const (
	// MaxPrice bounds the prices: the walk is reflected below it.
	MaxPrice = 1e9
	// MaxVolume bounds the mean session volume of an asset.
	MaxVolume = 1e9
	// MaxAssets bounds the number of assets.
	MaxAssets = 100_000
)

// Validate checks the config and says what is wrong: assets or symbols,
// dates in order, a known calendar and frequency, a starting price range
// within (0, MaxPrice], ranges in order, volatilities >= 0 and below 10
// (1000% a year), drift within [-10, 10], a tick size that is a positive
// decimal with at most 8 decimals, a positive lot size, a volume in
// [0, MaxVolume].
func (c Config) Validate() error {
	_, err := c.resolve()
	return err
}

// resolved is a validated config, ready to generate.
type resolved struct {
	symbols   []string
	cal       calendar.Calendar
	tick      tick
	lot       string
	class     market.Class
	tickText  string
	frequency market.Frequency
}

func (c Config) resolve() (resolved, error) {
	var r resolved
	switch {
	case len(c.Symbols) > 0:
		if len(c.Symbols) > MaxAssets {
			return r, fmt.Errorf("synthetic: %d symbols, more than %d", len(c.Symbols), MaxAssets)
		}
		seen := make(map[string]bool, len(c.Symbols))
		for _, s := range c.Symbols {
			if strings.TrimSpace(s) == "" {
				return r, errors.New("synthetic: symbols: empty symbol")
			}
			if seen[s] {
				return r, fmt.Errorf("synthetic: symbols: %q appears twice", s)
			}
			seen[s] = true
		}
		r.symbols = c.Symbols
	case c.Assets <= 0:
		return r, fmt.Errorf("synthetic: no assets: set assets (a count, got %d) or symbols", c.Assets)
	case c.Assets > MaxAssets:
		return r, fmt.Errorf("synthetic: assets %d is more than %d", c.Assets, MaxAssets)
	default:
		r.symbols = Symbols(c.Assets)
	}
	if c.Start.IsZero() || c.End.IsZero() {
		return r, errors.New("synthetic: start and end dates are required")
	}
	if calendar.Date(c.End).Before(calendar.Date(c.Start)) {
		return r, fmt.Errorf("synthetic: end %s is before start %s", c.End.Format(time.DateOnly), c.Start.Format(time.DateOnly))
	}
	name := c.Calendar
	if name == "" {
		name = "XNYS"
	}
	cal, err := calendar.ByName(name)
	if err != nil {
		return r, fmt.Errorf("synthetic: %w", err)
	}
	r.cal = cal
	// Dates the calendar does not cover (XNYS: 1990-2035), or with no
	// session, are the config's error, told before generating.
	if _, err := cal.Sessions(calendar.Date(c.Start), calendar.Date(c.End)); err != nil {
		return r, fmt.Errorf("synthetic: %w", err)
	}
	if c.Frequency > market.Minute {
		return r, fmt.Errorf("synthetic: unknown frequency %v", c.Frequency)
	}
	r.frequency = c.Frequency
	if err := checkRange("price", c.Price, math.SmallestNonzeroFloat64, MaxPrice); err != nil {
		return r, err
	}
	if err := checkRange("drift", c.Drift, -10, 10); err != nil {
		return r, err
	}
	if err := checkRange("volatility", c.Volatility, 0, 10); err != nil {
		return r, err
	}
	if !(c.Volume >= 0 && c.Volume <= MaxVolume) {
		return r, fmt.Errorf("synthetic: volume %g outside [0, %g]", c.Volume, float64(MaxVolume))
	}
	r.tickText = c.TickSize
	if r.tickText == "" {
		r.tickText = "0.01"
	}
	if r.tick, err = parseTick(r.tickText); err != nil {
		return r, fmt.Errorf("synthetic: tick_size: %w", err)
	}
	if c.Price.Max < r.tick.float() {
		return r, fmt.Errorf("synthetic: price range %v is below the tick size %s", c.Price, r.tickText)
	}
	r.lot = c.LotSize
	if r.lot == "" {
		r.lot = "1"
	}
	if _, err := parseTick(r.lot); err != nil {
		return r, fmt.Errorf("synthetic: lot_size: %w", err)
	}
	if r.class, err = market.ParseClass(c.Class); err != nil {
		return r, fmt.Errorf("synthetic: class: %w", err)
	}
	if err := c.Actions.validate(); err != nil {
		return r, err
	}
	return r, nil
}

func checkRange(name string, r Range, lo, hi float64) error {
	switch {
	case math.IsNaN(r.Min) || math.IsNaN(r.Max):
		return fmt.Errorf("synthetic: %s range %v: not a number", name, r)
	case r.Max < r.Min:
		return fmt.Errorf("synthetic: %s range %v: max below min", name, r)
	case r.Min < lo || r.Max > hi:
		return fmt.Errorf("synthetic: %s range %v outside [%g, %g]", name, r, lo, hi)
	}
	return nil
}

// Symbols returns the names Generate gives n assets when no symbols are
// set: SYN000, SYN001, ..., with more digits when n needs them, so that
// the names sort in index order.
func Symbols(n int) []string {
	width := max(3, len(fmt.Sprint(n-1)))
	s := make([]string, n)
	for i := range s {
		s[i] = fmt.Sprintf("SYN%0*d", width, i)
	}
	return s
}
