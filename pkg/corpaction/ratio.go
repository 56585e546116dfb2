package corpaction

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Ratio is an exact ratio of whole numbers: New shares for Old shares. A
// 2:1 split is {2, 1}, 3:2 is {3, 2}, a 1:10 reverse split {1, 10}. The
// zero Ratio is unset.
type Ratio struct {
	New, Old int64
}

// maxRatioTerm bounds New and Old, so that products with share counts
// stay far from int64's limits in every backend.
const maxRatioTerm = 1_000_000_000

// ParseRatio reads "new:old" or "new/old" (whole numbers), or a decimal
// such as "2", "1.5" or "0.1" (read exactly: 1.5 is 3/2, reduced). It
// refuses zero, negative, malformed values and terms beyond 1e9.
func ParseRatio(s string) (Ratio, error) {
	if i := strings.IndexAny(s, ":/"); i >= 0 {
		n, err1 := strconv.ParseInt(s[:i], 10, 64)
		o, err2 := strconv.ParseInt(s[i+1:], 10, 64)
		if err1 != nil || err2 != nil || !digits(s[:i]) || !digits(s[i+1:]) {
			return Ratio{}, fmt.Errorf("ratio %q: want new:old with whole numbers, or a decimal", s)
		}
		return checkRatio(Ratio{New: n, Old: o}, s)
	}
	if s == "" || strings.ContainsAny(s, "eE_ ") || !strings.ContainsAny(s, "0123456789") {
		return Ratio{}, fmt.Errorf("ratio %q: not a number", s)
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c == '.' || c == '-' || c == '+') {
			return Ratio{}, fmt.Errorf("ratio %q: not a number", s)
		}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		return Ratio{}, fmt.Errorf("ratio %q: not a number", s)
	}
	if r.Sign() <= 0 {
		return Ratio{}, fmt.Errorf("ratio %q: must be positive", s)
	}
	if !r.Num().IsInt64() || !r.Denom().IsInt64() {
		return Ratio{}, fmt.Errorf("ratio %q: too large or too precise", s)
	}
	return checkRatio(Ratio{New: r.Num().Int64(), Old: r.Denom().Int64()}, s)
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func checkRatio(r Ratio, text string) (Ratio, error) {
	if r.New <= 0 || r.Old <= 0 {
		return Ratio{}, fmt.Errorf("ratio %q: must be positive", text)
	}
	if r.New > maxRatioTerm || r.Old > maxRatioTerm {
		return Ratio{}, fmt.Errorf("ratio %q: terms beyond %d", text, maxRatioTerm)
	}
	return r, nil
}

// RatioFromRates builds a ratio from a source's float64 rates (Alpaca's
// new_rate and old_rate): each is written as its shortest round-trip
// decimal and the pair is scaled to whole numbers, exactly, without
// reducing when both are already whole (a 4:2 stays 4:2).
func RatioFromRates(newRate, oldRate float64) (Ratio, error) {
	if math.IsNaN(newRate) || math.IsNaN(oldRate) || math.IsInf(newRate, 0) || math.IsInf(oldRate, 0) {
		return Ratio{}, errors.New("rate is not a finite number")
	}
	n, ok1 := new(big.Rat).SetString(strconv.FormatFloat(newRate, 'f', -1, 64))
	o, ok2 := new(big.Rat).SetString(strconv.FormatFloat(oldRate, 'f', -1, 64))
	if !ok1 || !ok2 || n.Sign() <= 0 || o.Sign() <= 0 {
		return Ratio{}, fmt.Errorf("rates %v:%v: must be positive", newRate, oldRate)
	}
	q := new(big.Rat).Quo(n, o)
	if n.IsInt() && o.IsInt() && n.Num().IsInt64() && o.Num().IsInt64() {
		return checkRatio(Ratio{New: n.Num().Int64(), Old: o.Num().Int64()}, fmt.Sprintf("%v:%v", newRate, oldRate))
	}
	if !q.Num().IsInt64() || !q.Denom().IsInt64() {
		return Ratio{}, fmt.Errorf("rates %v:%v: too large or too precise", newRate, oldRate)
	}
	return checkRatio(Ratio{New: q.Num().Int64(), Old: q.Denom().Int64()}, fmt.Sprintf("%v:%v", newRate, oldRate))
}

// IsZero reports an unset ratio.
func (r Ratio) IsZero() bool { return r.New == 0 && r.Old == 0 }

// IsUnit reports a ratio of one (a unit split).
func (r Ratio) IsUnit() bool { return r.New == r.Old && r.New != 0 }

// Rat returns the ratio as an exact rational.
func (r Ratio) Rat() *big.Rat { return big.NewRat(r.New, r.Old) }

// String writes "2" for a whole ratio over one, else "new:old" ("3:2").
func (r Ratio) String() string {
	if r.Old == 1 {
		return strconv.FormatInt(r.New, 10)
	}
	return strconv.FormatInt(r.New, 10) + ":" + strconv.FormatInt(r.Old, 10)
}

// Float64 returns New/Old in float64, for display.
func (r Ratio) Float64() float64 { return float64(r.New) / float64(r.Old) }
