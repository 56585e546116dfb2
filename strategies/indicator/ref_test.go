package indicator

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// refData is the repository's folder of real data, testdata/ at its root
// (see the README.md there).
const refData = "../../testdata"

// This file holds the independent reference the indicators are checked
// against: a model of arithmetic on math/big.Rat, either exact or rounding
// every result the way a backend documents it, and the bars of backtrader's
// sample file 2006-day-001.txt read with a small CSV loop.

// refBars is a bar series as exact rationals, with the text it came from.
type refBars struct {
	high, low, close []*big.Rat
	text             [][3]string // high, low, close as written in the file
}

// loadBars reads the High, Low and Close columns of 2006-day-001.txt.
func loadBars(tb testing.TB) refBars {
	tb.Helper()
	path := filepath.Join(refData, "2006-day-001.txt")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for _, h := range []string{"High", "Low", "Close"} {
		if _, ok := col[h]; !ok {
			tb.Fatalf("%s: no %s column in %q", path, h, header)
		}
	}
	var bs refBars
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		txt := [3]string{rec[col["High"]], rec[col["Low"]], rec[col["Close"]]}
		var v [3]*big.Rat
		for i, s := range txt {
			var ok bool
			if v[i], ok = new(big.Rat).SetString(s); !ok {
				tb.Fatalf("%s:%d: bad number %q", path, line, s)
			}
		}
		bs.high, bs.low, bs.close = append(bs.high, v[0]), append(bs.low, v[1]), append(bs.close, v[2])
		bs.text = append(bs.text, txt)
	}
	if len(bs.close) < 200 {
		tb.Fatalf("%s: only %d bars", path, len(bs.close))
	}
	return bs
}

// model is arithmetic on rationals. The exact model never rounds (its
// square root keeps 60 decimals); the fixed and decimal models round every
// result as those backends document: half-even to 8 decimals, half-even to
// 34 significant digits. A result that needs no rounding is unchanged, so
// the models also cover the backends' exact additions.
type model struct {
	name  string
	exact bool
	round func(*big.Rat) *big.Rat
}

var (
	exactModel   = model{name: "exact", exact: true, round: func(x *big.Rat) *big.Rat { return x }}
	fixedModel   = model{name: "fixed", round: func(x *big.Rat) *big.Rat { return roundDecimals(x, 8) }}
	decimalModel = model{name: "decimal", round: roundSignificant34}
)

func (m model) add(a, b *big.Rat) *big.Rat { return m.round(new(big.Rat).Add(a, b)) }
func (m model) sub(a, b *big.Rat) *big.Rat { return m.round(new(big.Rat).Sub(a, b)) }
func (m model) mul(a, b *big.Rat) *big.Rat { return m.round(new(big.Rat).Mul(a, b)) }
func (m model) div(a, b *big.Rat) *big.Rat { return m.round(new(big.Rat).Quo(a, b)) }
func (m model) sqrt(a *big.Rat) *big.Rat   { return m.round(sqrtRat(a, 60)) }

func rat(i int64) *big.Rat { return new(big.Rat).SetInt64(i) }

func ratOf(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("bad rational " + s)
	}
	return r
}

// pow10s caches the powers of ten the models use; read-only after init.
var pow10s = func() []*big.Int {
	ps := make([]*big.Int, 200)
	ps[0] = big.NewInt(1)
	for i := 1; i < len(ps); i++ {
		ps[i] = new(big.Int).Mul(ps[i-1], big.NewInt(10))
	}
	return ps
}()

func pow10(k int) *big.Int {
	if k < len(pow10s) {
		return pow10s[k]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil)
}

// roundDecimals rounds x half-even to k decimals (k >= 0).
func roundDecimals(x *big.Rat, k int) *big.Rat {
	scale := pow10(k)
	n := new(big.Int).Mul(x.Num(), scale)
	q, r := new(big.Int).QuoRem(n, x.Denom(), new(big.Int))
	if r.Sign() == 0 {
		return x // already on the grid
	}
	r.Abs(r).Lsh(r, 1)
	if c := r.Cmp(x.Denom()); c > 0 || (c == 0 && q.Bit(0) == 1) {
		if x.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return new(big.Rat).SetFrac(q, scale)
}

// roundSignificant34 rounds x half-even to 34 significant digits.
func roundSignificant34(x *big.Rat) *big.Rat {
	if x.Sign() == 0 {
		return x
	}
	a := new(big.Rat).Abs(x)
	// e = floor(log10(a)), from an estimate by bit lengths.
	e := int(float64(a.Num().BitLen()-a.Denom().BitLen()) * math.Log10(2))
	p := func(e int) *big.Rat {
		if e >= 0 {
			return new(big.Rat).SetInt(pow10(e))
		}
		return new(big.Rat).SetFrac(big.NewInt(1), pow10(-e))
	}
	for a.Cmp(p(e)) < 0 {
		e--
	}
	for a.Cmp(p(e+1)) >= 0 {
		e++
	}
	k := 33 - e
	if k < 0 {
		panic(fmt.Sprintf("roundSignificant34: %s too large for the test", x.FloatString(0)))
	}
	return roundDecimals(x, k)
}

// sqrtRat returns sqrt(x) when it has at most k decimals, and otherwise
// (2s+1)/(2*10^k) with s = floor(sqrt(x)*10^k): a value strictly between
// the two k-decimal neighbours of the root, which rounds like the root to
// any grid coarser than 10^-k (the half-way points of such a grid are
// multiples of 10^-k, never strictly inside).
func sqrtRat(x *big.Rat, k int) *big.Rat {
	if x.Sign() < 0 {
		panic("sqrt of negative " + x.String())
	}
	n, rem := new(big.Int).QuoRem(new(big.Int).Mul(x.Num(), pow10(2*k)), x.Denom(), new(big.Int))
	s := new(big.Int).Sqrt(n)
	if rem.Sign() == 0 && new(big.Int).Mul(s, s).Cmp(n) == 0 {
		return new(big.Rat).SetFrac(s, pow10(k))
	}
	s.Lsh(s, 1).Add(s, big.NewInt(1))
	return new(big.Rat).SetFrac(s, new(big.Int).Lsh(pow10(k), 1))
}

// modelOf returns the model of backend N's documented rounding.
func modelOf[N numeric.Number[N]]() model {
	switch numeric.Backend[N]() {
	case "fixed":
		return fixedModel
	case "decimal":
		return decimalModel
	}
	return exactModel
}

func TestModelRounding(t *testing.T) {
	tests := []struct {
		name string
		got  *big.Rat
		want string
	}{
		{"fixed half-even down", roundDecimals(ratOf("0.000000005"), 8), "0"},
		{"fixed half-even up", roundDecimals(ratOf("0.000000015"), 8), "0.00000002"},
		{"fixed negative", roundDecimals(ratOf("-0.000000015"), 8), "-0.00000002"},
		{"fixed third", fixedModel.div(rat(1), rat(3)), "0.33333333"},
		{"decimal third", decimalModel.div(rat(1), rat(3)), "0." + repeat("3", 34)},
		{"decimal large", decimalModel.div(rat(20000), rat(3)), "6666." + repeat("6", 29) + "7"},
		{"decimal tie", roundSignificant34(ratOf("1" + repeat("0", 33) + ".5")), "1" + repeat("0", 33)},
		{"sqrt exact", sqrtRat(ratOf("2.25"), 60), "1.5"},
		{"fixed sqrt 2", fixedModel.sqrt(rat(2)), "1.41421356"},
		{"decimal sqrt 2", decimalModel.sqrt(rat(2)), "1.414213562373095048801688724209698"},
	}
	for _, tt := range tests {
		if tt.got.Cmp(ratOf(tt.want)) != 0 {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got.FloatString(40), tt.want)
		}
	}
	// The models agree with the backends on a few operations.
	x, y := "3614.34", "7"
	if got, want := numeric.MustParse[numeric.Fixed](x).Div(numeric.MustParse[numeric.Fixed](y)).String(), fixedModel.div(ratOf(x), ratOf(y)); ratOf(got).Cmp(want) != 0 {
		t.Errorf("fixed div %s, model %s", got, want.FloatString(10))
	}
	if got, want := numeric.MustParse[numeric.Decimal](x).Div(numeric.MustParse[numeric.Decimal](y)).String(), decimalModel.div(ratOf(x), ratOf(y)); ratOf(got).Cmp(want) != 0 {
		t.Errorf("decimal div %s, model %s", got, want.FloatString(40))
	}
	if got, want := numeric.MustParse[numeric.Decimal](x).Sqrt().String(), decimalModel.sqrt(ratOf(x)); ratOf(got).Cmp(want) != 0 {
		t.Errorf("decimal sqrt %s, model %s", got, want.FloatString(40))
	}
}

func repeat(s string, n int) string {
	out := ""
	for range n {
		out += s
	}
	return out
}
