// Package store keeps data bundles on disk, exactly, and loads them back
// fast into any numeric backend.
//
// # Layout
//
// A bundle is a named set of bars under Penny's home directory ($PENNY_HOME,
// or $HOME/.penny: see HomeDir; the environment is always passed in, never
// read by this package). Each ingest of a bundle is a directory of its own,
// named by its ingest time, as zipline does:
//
//	$PENNY_HOME/bundles/<name>/<ingest time>/manifest.json
//	$PENNY_HOME/bundles/<name>/<ingest time>/bars/<SYMBOL>.parquet
//	$PENNY_HOME/bundles/<name>/<ingest time>/actions.parquet   corporate actions, if any
//	$PENNY_HOME/bundles/<name>/.partial/          an ingest in progress
//	$PENNY_HOME/bundles/<name>/.lock              held while ingesting or cleaning
//
// Ingest names are UTC times with a fixed width and no colons
// ("2024-05-01T12-30-00.000000000Z"), so that name order is time order.
// Load, ReadManifest and the commands accept the name, the same time in
// RFC 3339, or "latest".
//
// # Files
//
// There is one Parquet file per asset. One file per asset lets every
// column of every asset have its own scale (a penny stock quoted to 4
// decimals, BTC/USD to 2, its volume to 8), lets Load verify and decode
// the files in parallel, and lets a reader take only the symbols it wants.
// Its cost is one file open per asset.
//
// Columns: time is TIMESTAMP(NANOS, UTC) on INT64, the bar's end stamp
// (see package market). open, high, low, close and volume are
// DECIMAL(18, s) on INT64: the value times 10^s, exactly. s is chosen per
// column per file as the most decimals any value of the column has, so a
// column of cents has s = 2. Because the scale is the standard Parquet
// DECIMAL logical type, pandas (pyarrow), polars and DuckDB read the
// files as exact decimals with no help: for instance
// SELECT * FROM read_parquet('bars/*.parquet', filename = true) in DuckDB.
// Every column is required and DELTA_BINARY_PACKED encoded without
// compression: bar series change little from row to row, so the deltas
// pack into a few bits each, and unpacking them is faster than any
// decompression. Row groups hold 2^20 rows. The key-value metadata
// records penny.symbol, penny.format and penny.frequency.
//
// # Corporate actions
//
// An ingest may hold the corporate actions of its symbols (package
// corpaction: splits, dividends, mergers, ...) in one more Parquet file,
// actions.parquet, given to the ingest with SetActions and read back with
// LoadActions. It is written in the same atomic step as the bars, and the
// manifest records its size and checksum (Manifest.Actions), which Load
// verifies too: bars are never loaded without their actions intact. One
// row per action, sorted by date, then symbol: date, pay_date and
// record_date are DATE (the last two null when unset), symbol, type and
// target (null when none) STRING, special BOOLEAN, ratio_new and
// ratio_old INT64 (the exact ratio, 0 when unused), amount DECIMAL(18, s)
// like the prices (0 when unused), and origin and line say where the
// action was read (a file and its line, or a source such as "alpaca"), so
// that a run's warnings still point there. Every action is validated when
// stored and again when loaded (corpaction.Action.Validate), and one
// whose symbol or target has no bars in the ingest is refused. A table
// that fails verification or decoding is a *CorruptError naming it.
//
// # Limits
//
// A column holds at most 18 significant digits at its scale (MaxDigits,
// the Parquet limit for DECIMAL on INT64): 18 decimals for values below 1,
// 8 decimals up to 9,999,999,999.99999999, integers up to 10^18 - 1. Write
// refuses a value beyond that with a *ValueError naming the symbol,
// column, row and value; it never rounds. Exact data from a Decimal
// dataset with more digits must be rescaled by the user first.
//
// # Conversions
//
// Writing, each value's exact decimal is taken from its backend: Fixed
// from its raw integer (divided by 10^(8-s)); Decimal from its coefficient
// and exponent; Float from its shortest round-trip text,
// strconv.FormatFloat(f, 'f', -1, 64), which is the value a Float parsed
// from text was parsed from. Loading, by backend:
//
//   - Fixed: raw = unscaled * 10^(8-s), with FixedFromRaw; no rounding. A
//     column with more than 8 decimals (s > 8 and a digit beyond the 8th),
//     or a value beyond Fixed's range, is a *ValueError naming the file,
//     column and row: load such a bundle with the decimal backend.
//   - Float: the float64 nearest to unscaled / 10^s. When |unscaled| <=
//     2^53 and s <= 22, both float64(unscaled) and 10^s are exact, so one
//     IEEE division gives the correctly rounded result; otherwise the
//     decimal text goes through strconv.ParseFloat, also correctly
//     rounded. Either way a loaded Float equals numeric.Parse[Float] of
//     the stored decimal.
//   - Decimal: the decimal with that coefficient and scale, exactly.
//
// # Durability
//
// An ingest (Begin, Commit, Close; or Write for all three) writes into
// .partial, syncs every file and directory, and renames .partial to its
// ingest name only when everything is written. Until that rename the
// bundle's earlier ingests are untouched, so a failed, interrupted or
// killed ingest leaves the previous bundle loadable. The lock is an
// advisory flock, which the kernel drops when the process dies. A source
// that fetches in steps (the Alpaca source) keeps its progress in
// Ingest.Staging, which survives failed attempts and is removed by the
// commit; everything else a failed attempt left is removed by the next
// Begin.
//
// # Verification
//
// The manifest records each file's size and SHA-256 checksum. Load checks
// both before decoding and reports a missing, truncated or altered file
// by path (*CorruptError, matching ErrCorrupt). It does not re-validate
// the bars: Commit validated them (market.Dataset.Validate) before
// writing, and the checksums show they are unchanged.
//
// # Speed
//
// Load decodes straight from the Parquet pages into the backend's
// columns, one file per CPU at a time. On the 2-core reference machine
// (BenchmarkLoad, -store.assets and -store.bars) it loads 10 million
// asset-bars of minute data in about 0.14 s as Fixed and 0.16 s as Float
// from 100 files of 100,000 bars, 0.22 s and 0.38 s from 1,000 files of
// 10,000 bars, and in 6 to 9 s as Decimal, whose every value is a heap
// allocation. Writing runs at about 5 million bars/s from Fixed, 1.7
// million from Float (each value goes through its shortest text) and 0.3
// million from Decimal (BenchmarkWrite; Commit's validation included).
//
// Nothing in this package panics on bad data or bad files.
package store
