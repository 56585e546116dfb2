// Package config is the schema of a YAML-configured backtest: what data
// to replay, with which strategy, numeric backend, execution models and
// capital. Load reads a file strictly (an unknown key is an error naming
// it and its line) and validates it (an impossible value is an error
// naming the key and the reason); relative paths resolve against the
// config file's folder.
//
//	name: sma-daily
//	backend: fixed          # float | fixed | decimal (or penny run --backend, sweep.backends)
//	capital: 100000
//	data:
//	  source: synthetic     # synthetic | csv | bundle
//	  frequency: daily      # daily | hourly | minute (default daily; a bundle: its own)
//	  calendar: XNYS        # XNYS | 24/7 | data (default: data for csv, XNYS otherwise)
//	  start: 2023-01-03     # optional for csv and bundle: default the whole range
//	  end: 2024-12-29
//	  assets: 50            # synthetic
//	  seed: 42              # synthetic
//	  splits: 0.25          # synthetic: splits per asset per year (seeded dates)
//	  dividend_yield: 0.02  # synthetic: mean annual dividend yield, paid quarterly
//	  files: {ORCL: data/orcl.csv}   # csv: symbol -> file, or
//	  dir: data/            # csv: a folder of <SYMBOL>.csv
//	  price: close          # csv: close (as written) | adj_close (Yahoo's Adj Close; no actions)
//	  bundle: my-bundle     # bundle: an ingested bundle's name
//	  actions: actions.csv  # corporate actions of raw prices (package corpaction)
//	  adjust: split         # History windows: raw | split (default) | all
//	strategy:
//	  name: sma_crossover
//	  params: {fast: 10, slow: 30, shares: 100}
//	execution:
//	  fill: next_open       # next_open | next_close
//	  slippage: {model: none}
//	  commission: {model: none}
//	  shorting: false
//	  max_leverage: 1
//	benchmark: SPY          # optional: an asset of the data
//	sweep:                  # optional: a parameter sweep (penny sweep; see Sweep)
//	  params: {fast: {from: 5, to: 30, step: 5}, slow: [40, 60, 90]}
//	  search: grid          # grid | {random: {samples: N, seed: S}}
//	  metric: sharpe_ratio
//	  constraints: {max_drawdown: -0.25}
//	walk_forward: {train: 2y, test: 6m, step: 6m}   # optional, with sweep
//
// The strategy's params are kept as YAML and decoded, as strictly, by the
// strategy chosen (see package strategies). Numbers that are money (capital,
// model costs) are read as exact decimals, never through float64.
package config
