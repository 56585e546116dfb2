package bench

import (
	"fmt"
	"math"
)

// fmtNs writes a duration in nanoseconds with a readable unit: "850 ns",
// "12.3 µs", "4.56 ms", "2.10 s".
func fmtNs(ns float64) string {
	switch a := math.Abs(ns); {
	case a >= 1e9:
		return fmt.Sprintf("%.2f s", ns/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	}
	return fmt.Sprintf("%.1f ns", ns)
}

// fmtNsShort writes a duration in nanoseconds with three significant
// digits and a unit: "119 ns", "2.55 µs", "10 ms".
func fmtNsShort(ns float64) string {
	switch a := math.Abs(ns); {
	case a >= 1e9:
		return fmt.Sprintf("%.3g s", ns/1e9)
	case a >= 1e6:
		return fmt.Sprintf("%.3g ms", ns/1e6)
	case a >= 1e3:
		return fmt.Sprintf("%.3g µs", ns/1e3)
	}
	return fmt.Sprintf("%.3g ns", ns)
}

// fmtShort writes a number with three significant digits and a k or M
// suffix.
func fmtShort(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e6:
		return fmt.Sprintf("%.3gM", v/1e6)
	case a >= 1e4:
		return fmt.Sprintf("%.3gk", v/1e3)
	case a >= 1e3:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

// fmtBytes writes a byte count in MB (10^6 bytes) or kB.
func fmtBytes(b float64) string {
	if b >= 1e6 {
		return fmt.Sprintf("%.1f MB", b/1e6)
	}
	return fmt.Sprintf("%.1f kB", b/1e3)
}

// fmtRate writes a rate per second in millions.
func fmtRate(v float64) string {
	if v >= 1e6 {
		return fmt.Sprintf("%.2fM/s", v/1e6)
	}
	return fmt.Sprintf("%.1fk/s", v/1e3)
}

// fmtPct writes a percentage with a sign.
func fmtPct(v float64) string { return fmt.Sprintf("%+.1f%%", v) }
