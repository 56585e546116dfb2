package bench

import (
	"github.com/pennybt/penny/numeric"

	"gopkg.in/yaml.v3"

	"fmt"
	"strings"
	"time"

	"github.com/pennybt/penny/pkg/config"
)

// Scenario is one backtest the bench measures: the same config, and so
// the same bars and strategy, for every backend.
type Scenario struct {
	// Name identifies the scenario on the command line, in results.json
	// and in the baselines ("daily", "minute-assets-4x").
	Name string
	// Group is "base" (the three scenarios the target is judged on),
	// "large", "growth" or "actions".
	Group string
	// Series, Factor and Base place the scenario in a growth series:
	// Series is "assets" or "months" (the minute scenario with more assets
	// or months), "user-daily" or "user-minute" (the daily and the minute
	// scenario at the scale of a real user), Base the name of the
	// series' factor 1 ("minute" or "daily", which have no Series), and
	// Factor the multiple of the base's size: assets times length. The
	// minute scenario has Factor 1 for the results of bench versions that
	// knew no Base (see growth).
	Series string
	Factor int
	Base   string
	// Config is the run; its Backend is ignored (the bench runs each).
	Config *config.Config
}

// The base scenarios are the shipped configs (configs/*.yaml; a test
// checks they stay the same): strategy, params, execution models and
// data. The larger scenarios change only data.assets, data.start and
// data.end.
const (
	dailyYAML = `# Moving-average crossover on 50 synthetic stocks, two years of daily bars.
name: sma-daily
backend: fixed
capital: 100000
data:
  source: synthetic
  frequency: daily
  calendar: XNYS
  start: 2023-01-03
  end: 2024-12-31
  assets: 50
  seed: 42
strategy:
  name: sma_crossover
  params: {fast: 10, slow: 30, target_percent: 0.02}
execution:
  fill: next_open
  slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
  commission: {model: per_share, cost: 0.005, min: 1}
  shorting: false
`
	hourlyYAML = `# Cross-sectional momentum on 20 synthetic stocks, six months of hourly bars:
# every day (7 hourly bars), hold the 5 best of the last week (35 bars).
name: momentum-hourly
backend: fixed
capital: 100000
data:
  source: synthetic
  frequency: hourly
  calendar: XNYS
  start: 2024-01-02
  end: 2024-06-28
  assets: 20
  seed: 7
strategy:
  name: momentum
  params: {lookback: 35, top: 5, rebalance: 7}
execution:
  fill: next_open
  slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
  commission: {model: per_share, cost: 0.005, min: 1}
`
	minuteYAML = `# Mean reversion on 10 synthetic stocks, one month of minute bars: enter at
# two standard deviations from the hour's mean, exit at half of one.
name: meanrev-minute
backend: fixed
capital: 100000
data:
  source: synthetic
  frequency: minute
  calendar: XNYS
  start: 2024-03-01
  end: 2024-03-28
  assets: 10
  seed: 3
strategy:
  name: mean_reversion
  params: {window: 60, entry: 2, exit: 0.5, target_percent: 0.1}
execution:
  fill: next_open
  slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
  commission: {model: per_share, cost: 0.005, min: 1}
  shorting: true
  max_leverage: 2
`
)

// baseYAML maps the base scenarios to their configs' text.
var baseYAML = map[string]string{"daily": dailyYAML, "hourly": hourlyYAML, "minute": minuteYAML}

// Groups returns the scenario groups --scenario accepts besides names.
func Groups() []string { return []string{"base", "large", "growth", "actions", "all"} }

// Scenarios returns every scenario, in report order: base, large, growth,
// actions.
func Scenarios() []Scenario {
	daily, hourly, minute := mustParse(dailyYAML), mustParse(hourlyYAML), mustParse(minuteYAML)
	out := []Scenario{
		{Name: "daily", Group: "base", Config: daily},
		{Name: "hourly", Group: "base", Config: hourly},
		{Name: "minute", Group: "base", Factor: 1, Config: minute},
		// The large scenarios are the last points of the real-user series:
		// 500 assets over 20 years of daily bars (10x the assets, 10x the
		// years of daily), 100 assets over a year of minute bars (10x the
		// assets, 12x the months of minute).
		{Name: "daily-large", Group: "large", Series: UserDaily, Base: "daily", Factor: 100, Config: resize(dailyYAML, "daily-large", 500, "2005-01-03", "2024-12-31")},
		{Name: "minute-large", Group: "large", Series: UserMinute, Base: "minute", Factor: 120, Config: resize(minuteYAML, "minute-large", 100, "2024-03-01", "2025-02-28")},
		// A real user's daily universe: 500 assets over 5 years (10x the
		// assets, 2.5x the years).
		{Name: "daily-user", Group: "growth", Series: UserDaily, Base: "daily", Factor: 25, Config: resize(dailyYAML, "daily-user", 500, "2020-01-02", "2024-12-31")},
	}
	for _, f := range []int{2, 4, 8} {
		out = append(out, Scenario{Name: fmt.Sprintf("minute-assets-%dx", f), Group: "growth", Series: "assets", Base: "minute", Factor: f,
			Config: resize(minuteYAML, fmt.Sprintf("minute-assets-%dx", f), 10*f, "2024-03-01", "2024-03-28")})
	}
	// One month is March 2024 (its last session is the 28th: the 29th is
	// Good Friday); 2 and 4 months end with April and June.
	for _, m := range []struct {
		f   int
		end string
	}{{2, "2024-04-30"}, {4, "2024-06-28"}} {
		out = append(out, Scenario{Name: fmt.Sprintf("minute-months-%dx", m.f), Group: "growth", Series: "months", Base: "minute", Factor: m.f,
			Config: resize(minuteYAML, fmt.Sprintf("minute-months-%dx", m.f), 10, "2024-03-01", m.end)})
	}
	// The cost of corporate actions: the daily scenario with splits and
	// dividends at seeded dates (ActionsCost compares the two).
	out = append(out, Scenario{Name: ActionsScenario, Group: "actions", Config: withActions(dailyYAML, ActionsScenario, ActionsSplits, ActionsDividendYield)})
	return out
}

// The actions scenario: daily with ActionsSplits splits per asset per
// year and a mean dividend yield of ActionsDividendYield paid quarterly
// (package synthetic's Actions), about 200 splits and dividends over its
// 50 assets and two years, each dividend paid too; History windows
// split-adjusted (the default).
const (
	ActionsScenario      = "daily-actions"
	ActionsSplits        = 0.5
	ActionsDividendYield = 0.03
)

// withActions returns the config of base with another name and
// corporate actions generated at seeded dates.
func withActions(base, name string, splits, yield float64) *config.Config {
	c := mustParse(base)
	c.Name, c.Data.Splits, c.Data.DividendYield = name, splits, yield
	if err := c.Validate(); err != nil {
		panic("bench: a built-in scenario is invalid: " + err.Error())
	}
	return c
}

// The real-user growth series (Scenario.Series).
const (
	UserDaily  = "user-daily"
	UserMinute = "user-minute"
)

// Select returns the scenarios that spec names: a comma-separated list of
// scenario names and groups ("base", "large", "growth", "all"), in report
// order without repeats. The growth group is every point of every growth
// series and their bases: daily and minute, and the large scenarios
// (the last points of the real-user series).
func Select(spec string) ([]Scenario, error) {
	all := Scenarios()
	bases := map[string]bool{}
	for _, s := range all {
		if s.Base != "" {
			bases[s.Base] = true
		}
	}
	want := map[string]bool{}
	for _, name := range strings.Split(spec, ",") {
		name = strings.TrimSpace(name)
		found := false
		for _, s := range all {
			if name == s.Name || name == "all" || name == s.Group || (name == "growth" && (s.Series != "" || bases[s.Name])) {
				want[s.Name], found = true, true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown scenario %q (want %s, or a group: %s)", name, strings.Join(Names(), ", "), strings.Join(Groups(), ", "))
		}
	}
	var out []Scenario
	for _, s := range all {
		if want[s.Name] {
			out = append(out, s)
		}
	}
	return out, nil
}

// Names returns the names of every scenario, in report order.
func Names() []string {
	var names []string
	for _, s := range Scenarios() {
		names = append(names, s.Name)
	}
	return names
}

// ParseBackends reads a comma-separated list of backends of numeric's
// registry. The result is in the registry's order (float first), and holds
// float: every overhead is measured against it.
func ParseBackends(spec string) ([]string, error) {
	want := map[string]bool{}
	for _, b := range strings.Split(spec, ",") {
		b = strings.TrimSpace(b)
		if _, err := numeric.LookupBackend(b); err != nil {
			return nil, err
		}
		want[b] = true
	}
	if !want["float"] {
		return nil, fmt.Errorf("backends %q: float is required, the baseline every overhead is measured against", spec)
	}
	var out []string
	for _, b := range numeric.BackendNames() {
		if want[b] {
			out = append(out, b)
		}
	}
	return out, nil
}

func mustParse(y string) *config.Config {
	c, err := config.Parse([]byte(y))
	if err != nil {
		panic("bench: a built-in scenario does not parse: " + err.Error())
	}
	return c
}

// resize returns the config of base with another name, number of assets
// and date range.
//
// The strategy's target_percent (the share of the portfolio each position
// may take) is scaled by the base's assets over the new count, so that the
// portfolio's total target stays the base's: a scenario with ten times the
// assets does ten times the work per bar, instead of asking for ten times
// the exposure and spending its time on orders the account must refuse.
func resize(base, name string, assets int, start, end string) *config.Config {
	c := mustParse(base)
	scaleTarget(&c.Strategy.Params, c.Data.Assets, assets)
	c.Name, c.Data.Assets = name, assets
	c.Data.Start.Time = mustDate(start)
	c.Data.End.Time = mustDate(end)
	if err := c.Validate(); err != nil {
		panic("bench: a built-in scenario is invalid: " + err.Error())
	}
	return c
}

func mustDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// scaleTarget multiplies the target_percent of a strategy's params by
// from/to, exactly (decimal arithmetic).
func scaleTarget(params *yaml.Node, from, to int) {
	if params.Kind != yaml.MappingNode || from == to {
		return
	}
	for i := 0; i+1 < len(params.Content); i += 2 {
		if params.Content[i].Value != "target_percent" {
			continue
		}
		v := numeric.MustParse[numeric.Decimal](params.Content[i+1].Value)
		params.Content[i+1].Value = v.MulInt(int64(from)).DivRound(numeric.Int[numeric.Decimal](int64(to)), numeric.FixedDecimals, numeric.Down).String()
	}
}
