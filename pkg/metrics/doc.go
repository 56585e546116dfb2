// Package metrics computes the performance statistics of a returns series,
// with the definitions and conventions of Quantopian's empyrical (the
// library behind pyfolio and zipline), so that a number here can be checked
// against a number there; and trade statistics over the ledger's round
// trips.
//
// # Returns
//
// A returns series is a []float64 of simple, non-cumulative returns as
// fractions (0.01 is +1%), one per period, oldest first. A Period (Daily,
// Weekly, Monthly; the zero value is Daily) sets the annualization factor:
// 252, 52 or 12 periods a year.
//
// Statistics of returns are float64: they describe money, they are not
// money. The ledger's exact values are converted once, when returns are
// computed.
//
// # Conventions (empyrical's)
//
//   - NaN is a missing return. Means and deviations skip it (numpy's
//     nanmean and nanstd); compounding treats it as 0; the length checks
//     ("fewer than two returns give NaN") and the number of years in
//     AnnualReturn count it. ValueAtRisk is NaN when any return is NaN, as
//     numpy's percentile is.
//   - Standard deviations are sample deviations (ddof=1).
//   - A statistic that is undefined for the input (an empty series, too few
//     returns, no drawdown for Calmar) is NaN. A ratio over a deviation that
//     is exactly zero is +Inf or -Inf by the sign of its numerator, or NaN
//     when that is zero too, never a huge finite number: means and
//     deviations are accumulated so that a constant series has a deviation
//     of exactly 0.
//   - Alpha and beta pair the returns with a benchmark aligned to them,
//     period by period; a period where either side is NaN is dropped. Alpha
//     is compounded: (1 + mean daily alpha)^252 - 1.
//
// Summarize computes all of them in one pass; a Summary marshals to JSON
// with empyrical's function names as keys and NaN and the infinities as
// the strings "NaN", "Infinity", "-Infinity". RollingSharpe,
// RollingVolatility and RollingBeta give the Sharpe ratio, the annual
// volatility and the beta over a trailing window, aligned with the input.
//
// ReadReturnsCSV reads a returns series from a CSV file of dates and
// returns (what `penny stats` takes), and DatedReturns.AlignTo pairs a
// benchmark with it by date.
//
// # Trades
//
// Trades summarizes the round trips of package ledger
// (ledger.RoundTrips: one trip per position, from the fill that leaves
// zero to the one that returns to zero or crosses it, with the P&L the
// ledger realized at average cost, net of commissions) into TradeStats:
// count, wins and losses, win rate, profit factor, gross profit and loss,
// average win and loss, over the closed trips, and the trips still open
// apart. Its money is in the backend N, exact in Fixed and Decimal (the
// two averages rounded once to 8 decimals, half-even), so that the trade
// statistics and the ledger have one P&L model: the closed and open
// trips' P&L add up to the ledger's realized P&L. This is backtrader's
// notion of a trade, not pyfolio's: pyfolio's extract_round_trips
// matches shares first in, first out and makes a trip of every closing
// transaction, so its counts and P&Ls differ from these wherever a
// position is added to or partly closed. Turnover and Exposure
// take per-period slices of traded value, portfolio value and position.
//
// # Panics
//
// Functions taking two aligned series (Alpha, Beta, AlphaBeta,
// ExcessSharpe, SummarizeWithBenchmark, Turnover) panic when their lengths
// differ, and Period.AnnualizationFactor (so every function taking a
// Period) panics on a Period that is not one of the constants: both are
// programmer errors. ParsePeriod and Config.Validate check values that come
// from users. No function panics on the values in a series: bad values
// give NaN.
package metrics
