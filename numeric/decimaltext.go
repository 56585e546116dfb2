package numeric

// decimalText is decimal text split into its parts without allocating:
// value = (-1 if neg) * digits(intPart ++ fracPart) * 10^(exp - len(fracPart)).
type decimalText struct {
	neg      bool
	intPart  string // digits before the point, possibly empty
	fracPart string // digits after the point, possibly empty
	exp      int    // the exponent written after e/E, clamped to +-maxTextExp
}

// maxTextExp bounds exponents: anything beyond is out of every backend's
// range or rounds to zero, and the bound keeps index arithmetic from
// overflowing.
const maxTextExp = 1 << 20

// scanDecimal splits s by the grammar [+-]? (d+ (. d*)? | . d+) ([eE] [+-]? d+)?
// and reports whether s matches it. NaN, Inf, hexadecimal, underscores,
// spaces and empty text do not.
func scanDecimal(s string) (t decimalText, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		t.neg = s[i] == '-'
		i++
	}
	start := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	t.intPart = s[start:i]
	if i < len(s) && s[i] == '.' {
		i++
		fs := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		t.fracPart = s[fs:i]
	}
	if len(t.intPart) == 0 && len(t.fracPart) == 0 {
		return t, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		es := i
		e := 0
		for i < len(s) && isDigit(s[i]) {
			if e < maxTextExp {
				e = e*10 + int(s[i]-'0')
			}
			i++
		}
		if i == es {
			return t, false
		}
		e = min(e, maxTextExp)
		if eneg {
			e = -e
		}
		t.exp = e
	}
	return t, i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// isDecimalSyntax reports whether s is finite decimal text.
func isDecimalSyntax(s string) bool {
	_, ok := scanDecimal(s)
	return ok
}

// digit returns the i-th significant digit of the concatenation
// intPart ++ fracPart.
func (t *decimalText) digit(i int) byte {
	if i < len(t.intPart) {
		return t.intPart[i] - '0'
	}
	return t.fracPart[i-len(t.intPart)] - '0'
}

// trimmed returns the index range [lo, hi) of the digits of
// intPart ++ fracPart without leading and trailing zeros, and the power of
// ten of the last kept digit: value = digits[lo:hi] * 10^pow.
// For zero, lo == hi.
func (t *decimalText) trimmed() (lo, hi, pow int) {
	n := len(t.intPart) + len(t.fracPart)
	for lo < n && t.digit(lo) == 0 {
		lo++
	}
	hi = n
	for hi > lo && t.digit(hi-1) == 0 {
		hi--
	}
	pow = t.exp - len(t.fracPart) + (n - hi)
	return lo, hi, pow
}
