// Package jsonfloat is the float64 that Penny's JSON files write: a JSON
// number when finite, and the strings "NaN", "Infinity" and "-Infinity"
// for the values a JSON number cannot hold. metrics.Summary, the report's
// summary.json and the bench's results.json all write their statistics
// with it, so a value reads the same wherever it was written.
package jsonfloat
