// Package synthetic generates realistic OHLCV bars from a seed: the
// on-the-fly data source of "penny run" and of the benchmarks, and an
// ingestable bundle. No files are read.
//
// # Use
//
// Start from [Default] (or decode YAML with [DecodeConfig]), set what you
// need, and call [Generate] with the numeric backend:
//
//	cfg := synthetic.Default()
//	cfg.Assets, cfg.Frequency = 100, market.Minute
//	ds, err := synthetic.Generate[numeric.Fixed](cfg)
//
// The zero [Config] is invalid ([Config.Validate] says which field is
// missing); empty Calendar, TickSize, LotSize and Class mean XNYS, 0.01, 1
// and equity.
//
// # The model
//
// The bars follow the calendar's sessions and the clock's stamps (package
// clock: a bar is stamped at the end of its interval). Each asset draws a
// starting price, an annual drift and an annual volatility uniformly from
// the config's ranges, and a mean session volume from [Volume/2,
// 3*Volume/2]. Its log price then follows a random walk whose step over a
// bar is (drift - vol^2/2) dt + vol sqrt(dt) Z, dt the bar's share of a
// session divided by the calendar's sessions per year (counted in the
// start year: 252 for XNYS, 366 for 24/7 in 2024). On calendars with a
// closed market between sessions (XNYS), a fifth of a session's variance
// falls in the overnight gap at the open of the session's first bar;
// within a session each bar opens at the previous close. High and low
// reach past the larger and the smaller of open and close by a factor
// 1 + vol sqrt(dt) |Z| / 2. Intraday volume follows a U-shaped pattern
// (three times the midday rate at the open and the close) with a
// log-normal noise of mean 1.
//
// # Corporate actions
//
// With Config.Actions set, [GenerateWithActions] also draws splits and
// cash dividends at seeded dates and makes the bars raw around them, as
// real traded prices are: at the open of a split's ex-date the price is
// divided by the ratio (and the volume multiplied by it), at a
// dividend's the amount comes off the previous close. It returns the
// actions (package corpaction) with the bars, so that a run applies them
// (a split then doubles the shares instead of looking like a crash).
// [Generate] refuses such a config. The actions are drawn from a stream
// of their own, so the bars draw the same random numbers with and
// without them; see [Actions].
//
// # Exactness
//
// Every price is a whole number of ticks, at least one tick, at most
// [MaxPrice]; every volume a whole number. The walk runs in float64, but a
// value handed to the dataset is built from its integer count of ticks,
// exactly: Fixed from the raw integer, Decimal from the decimal text,
// Float as the float64 nearest to the decimal. Datasets of the three
// backends hold the same decimals, digit for digit in their canonical
// strings. low <= open, close <= high always holds: the high and low are
// taken in ticks as the max and min with open and close.
//
// # Determinism
//
// Generate uses no global random state. Each asset has its own PCG stream
// (math/rand/v2) seeded from Config.Seed and its symbol, so an asset's bars
// depend only on the seed, its symbol and the schedule and ranges: not on
// the number or order of the other assets, not on the backend, not on the
// number of goroutines. They may differ across CPU architectures or Go
// versions where math.Exp or math.Log round differently.
//
// # Speed
//
// Assets are generated in parallel, one goroutine per core, into
// preallocated columns; nothing is allocated per bar for Fixed and Float
// (Decimal parses each distinct value once per asset column). On the
// 2-core reference machine 100 assets x one NYSE year of minute bars
// (9.8M asset-bars) take about half a second with Fixed; see
// BenchmarkGenerate.
//
// Nothing in this package panics on a config that Validate accepts.
package synthetic
