package report

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// Formatting for people (the HTML report and Summary.Rows). Files for
// programs (JSON, CSV) keep exact strings and shortest floats instead.

// formatPercent writes a fraction as a percentage with two decimals
// ("12.34%"), or NaN, Infinity, -Infinity.
func formatPercent(v float64) string {
	if s, ok := nonFinite(v); ok {
		return s
	}
	return strconv.FormatFloat(v*100, 'f', 2, 64) + "%"
}

// formatRatio writes a ratio with four decimals.
func formatRatio(v float64) string {
	if s, ok := nonFinite(v); ok {
		return s
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

func nonFinite(v float64) (string, bool) {
	switch {
	case math.IsNaN(v):
		return "NaN", true
	case math.IsInf(v, 1):
		return "Infinity", true
	case math.IsInf(v, -1):
		return "-Infinity", true
	}
	return "", false
}

// groupThousands inserts a comma every three digits of the integer part
// of a plain decimal string ("-1234567.125" -> "-1,234,567.125"), keeping
// every digit: exact money stays exact.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, hasFrac := strings.Cut(s, ".")
	if len(intPart) <= 3 {
		return sign + s
	}
	var b strings.Builder
	b.WriteString(sign)
	head := len(intPart) % 3
	if head > 0 {
		b.WriteString(intPart[:head])
	}
	for i := head; i < len(intPart); i += 3 {
		if b.Len() > len(sign) {
			b.WriteByte(',')
		}
		b.WriteString(intPart[i : i+3])
	}
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}

// formatElapsed writes a duration rounded to the millisecond ("1.234s").
func formatElapsed(d time.Duration) string {
	if d >= time.Millisecond {
		d = d.Round(time.Millisecond)
	}
	return d.String()
}
