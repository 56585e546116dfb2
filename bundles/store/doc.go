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
// There is one Parquet file per asset. One file per asset lets Load
// verify and decode the files in parallel, and lets a reader take only
// the symbols it wants. Its cost is one file open per asset.
//
// Columns, in this order: time, open, high, low, close, volume, symbol.
// time is the bar as a reader of the data names it (Penny's datasets
// stamp bars at the end of their interval, see package market; the files
// do not):
//
//   - daily bars: the session's date, Parquet DATE (INT32 days since
//     1970-01-01). A bar of the NYSE session of 2024-01-02 is 2024-01-02,
//     whatever hour it closed; on a data calendar the date the source
//     file wrote.
//   - hourly and minute bars: the start of the bar, TIMESTAMP(NANOS, UTC)
//     on INT64, as data vendors label bars: the NYSE minute 09:30-09:31 is
//     14:30Z in January; the last hourly bar of a session, 15:30-16:00,
//     is 15:30 New York.
//
// Writing turns a dataset's end-of-interval stamps into these labels with
// the sessions of the bundle's calendar, refusing a bar off its sessions
// or off the frequency's grid (a *ValueError naming the symbol, row and
// stamp); loading turns them back (a date to its session's close, a start
// to the start plus the bar's length, cut at the session's close). A data
// calendar's zone (market.Dataset.TimeZone) is kept in the manifest.
// open, high, low, close and volume are DECIMAL(18, s) on INT64: the
// value times 10^s, exactly. s is chosen per column for the whole bundle
// as the most decimals any value of the column has in any file, so a
// bundle of prices in cents has s = 2, and one that adds a stock quoted
// to 4 decimals has s = 4 in every file: every file has the same schema,
// which readers that union files need (DuckDB casts each file of a glob
// to the first one's types, which would round a finer file). symbol is a
// STRING, the asset's symbol on every row (dictionary
// encoded: one value), so that the files of a bundle read as one table.
// Because these are the standard Parquet logical types, pandas (pyarrow),
// polars and DuckDB read the files as exact decimals, dates and instants
// with no help: for instance, in DuckDB,
//
//	SELECT * FROM '~/.penny/bundles/NAME/INGEST/bars/*.parquet' ORDER BY symbol, time
//
// (or NAME/*/bars/*.parquet when the bundle keeps one ingest: the pattern
// takes every ingest's files). Every column but
// symbol is DELTA_BINARY_PACKED encoded, and no column compressed: bar
// series change little from row to row, so the deltas pack into a few
// bits each, and unpacking them is faster than any decompression. Row
// groups hold 2^20 rows. The key-value metadata records penny.symbol,
// penny.format and penny.frequency. The manifest's Start and End, and
// each file's, are labels too: session dates (at 00:00 UTC) for daily
// bundles, bar starts for intraday ones.
//
// # Formats
//
// This package writes format 2 (FormatVersion). Format 1, written before,
// held end-of-interval stamps in every file's time column
// (TIMESTAMP(NANOS, UTC) for every frequency: a data calendar's daily bar
// showed as the next day's midnight), columns in name order and no symbol
// column. Load still reads it, exactly as before, and ReadManifest gives
// its ranges as labels; ingesting again writes format 2. A manifest of any
// other version is refused with an error that says to re-ingest.
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
// dataset with more digits must be rescaled by the user first. Since the
// scale is the bundle's, a large value can exceed the limit at the scale
// another asset needs (a volume of 10^11 shares beside a crypto volume
// with 8 decimals): store such assets in bundles of their own.
//
// # Conversions
//
// The conversions are numeric's, so that the store has no code per
// backend. Writing, each value's exact decimal is its
// numeric.Number.Unscaled: Fixed's raw integer without trailing zeros;
// Decimal's coefficient and exponent; Float's shortest round-trip text,
// strconv.FormatFloat(f, 'f', -1, 64), which is the value a Float parsed
// from text was parsed from. Loading is numeric.FromUnscaled, by backend:
//
//   - Fixed: raw = unscaled * 10^(8-s); no rounding. A column with more
//     than 8 decimals (s > 8 and a digit beyond the 8th), or a value
//     beyond Fixed's range, is a *ValueError naming the file, column and
//     row (errors.Is numeric.ErrPrecision or numeric.ErrOverflow): load
//     such a bundle with the decimal backend.
//   - Float: the float64 nearest to unscaled / 10^s. When |unscaled| <=
//     2^53, both float64(unscaled) and 10^s are exact, so one IEEE
//     division gives the correctly rounded result; otherwise the decimal
//     text goes through strconv.ParseFloat, also correctly rounded.
//     Either way a loaded Float equals numeric.Parse[Float] of the stored
//     decimal.
//   - Decimal: the decimal with that coefficient and scale, exactly
//     (inline, without allocation, for coefficients below 2^55).
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
// The manifest has a checksum of its own (Manifest.Checksum): the SHA-256
// of its JSON without the checksum, compact, as encoding/json writes a
// Manifest, so that it covers every field (an asset's lot size, the
// frequency, the start, the symbols) and not the indentation. ReadManifest,
// Load and List refuse a manifest whose checksum does not match (a
// *CorruptError naming manifest.json). Every field is also validated on
// reading, with or without a checksum: it must decode strictly (no
// unknown or missing key, values of the right types), name the bundle and
// ingest it is in, have possible values (tick and lot sizes positive
// decimals, a known calendar and zone, scales of 0 to 18, 64-digit
// checksums, paths inside the ingest) and agree with itself (the
// symbols, rows, start and end with the assets', the assets in symbol
// order); an error names the file, the field and the value. Each data
// file's own record of its symbol and frequency (its key-value metadata)
// and its scales must match the manifest's.
//
// Manifests written before the checksum (format 1, and format 2 until
// then) have none. They still load, with every field validated and the
// files' own records checked, but an edit that keeps them consistent (a
// lot size of 1 changed to 100) cannot be detected: Manifest.Sealed
// reports it, and penny run prints a warning (refused under --strict)
// saying to ingest the bundle again, which writes a checksum. Removing
// the checksum from a manifest makes it such a manifest: the checksum
// guards against accidents, not against a hand that means it.
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
