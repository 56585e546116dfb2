package bench

import "github.com/pennybt/penny/internal/jsonfloat"

// Real is a float64 that survives JSON when it is not finite: NaN and the
// infinities are written as the strings "NaN", "Infinity" and
// "-Infinity", as pkg/metrics and the report's summary.json write them
// (it is the same type).
type Real = jsonfloat.Float
