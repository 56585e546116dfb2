// Package market holds the value types every other package speaks: the
// Asset traded, the Bar observed, the Frequency of bars, the Field of a bar,
// and Series, one asset's bars in columns.
//
// Prices and volumes are of the numeric type N (see package numeric), so a
// bar read from text keeps the exact digits it was written with.
//
// Timestamps: a bar is stamped at the END of the interval it covers, in UTC
// (a minute bar stamped 14:31 New York covers 14:30-14:31; a daily bar is
// stamped at its session's close). Sources that stamp bars at the start of
// the interval convert on reading. Series columns hold the stamps as Unix
// nanoseconds.
package market
