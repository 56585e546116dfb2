// Package drift measures how far a backend's results are from the
// reference backend's (decimal, the exact one): the difference of two
// exact values, and the session-by-session comparison of two equity
// curves. `penny run --backend all` prints it and `penny bench` reports
// it; both compute it here.
//
// Values are exact rationals (numeric.Number's Rat: a Float's binary
// value, a Fixed's or Decimal's decimal), so the drift of float is its
// true distance from the exact result, not the distance of its printed
// text. A nil value is missing (a NaN or an infinite Float).
package drift
