// Package csvsource reads OHLCV bars from CSV files, one file per asset,
// into a market.Dataset, exactly. It is named csvsource (not csv) so that
// it does not shadow encoding/csv.
//
// # Files
//
// [Load] reads the files a [Config] names: a map symbol -> path, and/or a
// folder of <SYMBOL>.csv or <SYMBOL>.txt files (gzipped as .csv.gz or
// .txt.gz is fine). [ReadSeries] reads one stream.
//
// The first non-blank line is the header. Columns are found by name,
// ignoring case and surrounding spaces or quotes: the time from a
// "datetime", "date_time", "timestamp" column, else from "date" (joined with
// "time" when the file splits them), else from "time"; then "open", "high",
// "low", "close" and "volume". Other columns ("Adj Close", "OpenInterest")
// are ignored, unless Config.Price is adj_close: the prices then follow
// the "Adj Close" column (see [Price]: Yahoo's Close is split-adjusted and
// its Adj Close also dividend-adjusted). Fields are separated by commas (or Config.Delimiter), may be
// quoted, and cannot hold line breaks. Blank lines are skipped; CRLF line
// ends are fine. The backtrader and Yahoo layouts read as they are.
//
// # Times
//
// A time field is a date (2006-01-02), a wall time (2006-01-02 15:04:05 or
// 2006-01-02T15:04:05, seconds and fraction optional) in Config.TimeZone,
// or an RFC 3339 instant (with Z or an offset). Penny stamps a bar at the
// END of its interval, in UTC (see package market):
//
//   - a daily bar is stamped at the close of the calendar's session on its
//     date; a date that is no session of the calendar is an error. The
//     "data" calendar (the default) makes every date present a session from
//     00:00 to 24:00 in the time zone (calendar.FromDates), so its daily bars
//     are stamped at the midnight that ends their date. A daily bar written
//     with a time (2024-01-02T05:00:00Z) belongs to the date that instant
//     shows in the calendar's zone (for bars stamped at their end, the
//     instant just before).
//   - an intraday bar stamped at its start (Stamp "start", the default, as
//     most vendors do) is restamped at start + the bar's length, cut at the
//     close of its session (the last hourly bar of an NYSE day, 15:30-16:00,
//     is stamped 16:00); a bar stamped at its end keeps its stamp. A bar in
//     no session (pre-market on XNYS) is an error.
//
// # Numbers
//
// Prices and volumes are parsed from the text straight into the backend N
// with the numeric package's parser, never through float64: Fixed and
// Decimal hold the digits written (Fixed refuses a ninth decimal with an
// error that says so), Float the nearest float64.
//
// # Bad input
//
// Reading is strict. The first bad row stops it with a *[ParseError] that
// names the file, the line, the field (as the header writes it) and the
// value, and wraps the reason: a sentinel of this package ([ErrMissingColumn],
// [ErrTime], [ErrUnsorted], [ErrDuplicate], [ErrHighBelowLow],
// [ErrOutsideRange], [ErrNotPositive], [ErrNegative], [ErrOffCalendar], [ErrOffGrid], [ErrFrequency], [ErrEmpty],
// [ErrNoData], ...) or a *numeric.ParseError (numeric.ErrSyntax for text
// that is no number, NaN included; numeric.ErrPrecision; numeric.ErrOverflow).
// The [Repair] options, all off by default, drop rows of a given kind
// instead; the [Report] counts every row dropped and names the first few.
// Numbers too precise or too large for the backend are never dropped.
//
// Nothing in this package panics on any input. The dataset Load returns is
// normalized (series in symbol order, Asset.ID set) and passes
// market.Dataset.Validate.
//
// # Speed
//
// The reader splits lines out of 256 KiB chunks turned into one string
// each, so that fields are substrings and no string is allocated per row
// or field; with Fixed and Float a row allocates nothing. Load reads files
// in parallel, one per core. See BenchmarkRead for the figures.
package csvsource
