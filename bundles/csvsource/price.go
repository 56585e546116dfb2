package csvsource

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/pennybt/penny/numeric"
)

// Price says which prices a bar takes from a row.
//
// Yahoo's files (Date,Open,High,Low,Close,Adj Close,Volume) hold two
// closes: Close is split-adjusted (every price before a split divided by
// its ratio), and Adj Close is also dividend-adjusted (scaled down for
// each later dividend), as of the day the file was made. Neither is what
// traded. PriceClose reads Open..Close as written: split-adjusted prices
// for a Yahoo file, with no dividends (and give no split actions: they
// are in the prices already). PriceAdjClose makes the bar's prices the
// total-return series a user with only such files wants: the close is
// Adj Close, and open, high and low are scaled by the same factor.
type Price uint8

const (
	// PriceClose: open, high, low and close as written (the default).
	PriceClose Price = iota
	// PriceAdjClose: close = the "Adj Close" column; open, high and low
	// multiplied by Adj Close / Close, exactly, then rounded once,
	// half-even, to the most decimals of the row's open, high, low,
	// close and adj close (so low <= open, close <= high still holds).
	// The volume is kept. A file without the column is an error
	// (ErrMissingColumn), as is an adj close of zero or below
	// (ErrNotPositive).
	PriceAdjClose
)

// String returns "close" or "adj_close".
func (p Price) String() string {
	switch p {
	case PriceClose:
		return "close"
	case PriceAdjClose:
		return "adj_close"
	}
	return fmt.Sprintf("Price(%d)", uint8(p))
}

// MarshalText implements encoding.TextMarshaler.
func (p Price) MarshalText() ([]byte, error) { return []byte(p.String()), nil }

// UnmarshalText reads "close" (or "") or "adj_close".
func (p *Price) UnmarshalText(b []byte) error {
	switch string(b) {
	case "close", "":
		*p = PriceClose
	case "adj_close":
		*p = PriceAdjClose
	default:
		return fmt.Errorf("csvsource: unknown price %q (want close or adj_close)", b)
	}
	return nil
}

// adjNames are the header names of the adjusted close column.
var adjNames = []string{"adj close", "adj_close", "adjclose", "adjusted close", "adjusted_close"}

// decimals returns the number of decimals of a number's canonical text.
func decimals(s string) int {
	if _, frac, ok := strings.Cut(s, "."); ok {
		return len(strings.TrimRight(frac, "0"))
	}
	return 0
}

// adjusted returns x * adj / cl rounded half-even to d decimals, in N.
func adjusted[N numeric.Number[N]](x, adj, cl N, d int) (N, error) {
	r := func(v N) *big.Rat {
		q, ok := new(big.Rat).SetString(v.String())
		if !ok {
			panic(fmt.Sprintf("csvsource: %q is not a decimal", v.String()))
		}
		return q
	}
	q := new(big.Rat).Mul(r(x), r(adj))
	q.Quo(q, r(cl))
	// Half-even at d decimals: scale, round to an integer, format.
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
	q.Mul(q, new(big.Rat).SetInt(scale))
	n, rem := new(big.Int).QuoRem(q.Num(), q.Denom(), new(big.Int))
	twice := new(big.Int).Mul(rem, big.NewInt(2))
	if c := twice.Cmp(q.Denom()); c > 0 || c == 0 && n.Bit(0) == 1 {
		n.Add(n, big.NewInt(1))
	}
	var z N
	return z.Parse(new(big.Rat).SetFrac(n, scale).FloatString(d))
}
