package csvsource

import (
	"math/big"
	"os"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
)

// TestAdjClose reads the repository's NVDA file (Yahoo's layout) with
// price adj_close on every backend: each close is the file's Adj Close,
// each open, high and low the file's times Adj Close / Close, exactly,
// rounded once, half-even, to the row's most decimals (checked against
// math/big.Rat: within half a unit of the last place, and the nearest
// such decimal), the volumes as written, the bars valid.
func TestAdjClose(t *testing.T) { backendtest.Run(t, testAdjCloseByName) }

//penny:backends
func testAdjClose[N numeric.Number[N]](t *testing.T) {
	const path = "../../testdata/nvda-1999-2014.txt"
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	adj, _, err := ReadSeries[N](strings.NewReader(string(raw)), path, Options{Price: PriceAdjClose})
	if err != nil {
		t.Fatal(err)
	}
	plain, _, err := ReadSeries[N](strings.NewReader(string(raw)), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := adj.Validate(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")[1:]
	if adj.Len() != len(lines) || plain.Len() != len(lines) {
		t.Fatalf("%d and %d bars for %d rows", adj.Len(), plain.Len(), len(lines))
	}
	exact := numeric.Backend[N]() != "float"
	rat := func(s string) *big.Rat {
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("%q", s)
		}
		return r
	}
	scaled := 0
	for i, line := range lines {
		f := strings.Split(strings.TrimSpace(line), ",") // Date,Open,High,Low,Close,Adj Close,Volume
		if got, want := adj.Close[i], numeric.MustParse[N](f[5]); got.Cmp(want) != 0 {
			t.Fatalf("row %d: close %s, want the Adj Close %s", i+2, got, f[5])
		}
		if adj.Volume[i].Cmp(plain.Volume[i]) != 0 {
			t.Fatalf("row %d: volume %s, want %s", i+2, adj.Volume[i], plain.Volume[i])
		}
		d := 0
		for _, x := range f[1:6] {
			d = max(d, decimals(numeric.MustParse[numeric.Decimal](x).String()))
		}
		unit := new(big.Rat).SetFrac64(1, 1)
		for range d {
			unit.Quo(unit, big.NewRat(10, 1))
		}
		factor := new(big.Rat).Quo(rat(f[5]), rat(f[4]))
		for k, got := range []N{adj.Open[i], adj.High[i], adj.Low[i]} {
			want := new(big.Rat).Mul(rat(f[k+1]), factor)
			diff := new(big.Rat).Sub(rat(got.String()), want)
			half := new(big.Rat).Quo(unit, big.NewRat(2, 1))
			if exact && (diff.Abs(diff).Cmp(half) > 0 || decimals(got.String()) > d) {
				t.Fatalf("row %d field %d: %s, exactly %s (%d decimals)", i+2, k+1, got, want.FloatString(d+4), d)
			}
			if !exact {
				w, _ := want.Float64()
				h, _ := half.Float64()
				if g := got.Float64(); g < w-h-1e-9*w || g > w+h+1e-9*w {
					t.Fatalf("row %d field %d: %v, exactly %v", i+2, k+1, g, w)
				}
			}
			if f[4] != f[5] {
				scaled++
			}
		}
	}
	if scaled == 0 {
		t.Error("no row was scaled")
	}
}

// TestAdjustedRounding: half-even at the row's decimals, exactly.
func TestAdjustedRounding(t *testing.T) {
	d := func(s string) numeric.Decimal { return numeric.MustParse[numeric.Decimal](s) }
	for _, tc := range []struct {
		x, adj, cl string
		dec        int
		want       string
	}{
		{"10", "1", "4", 2, "2.5"},  // exact
		{"1", "1", "8", 2, "0.12"},  // 0.125: half to even
		{"3", "1", "8", 2, "0.38"},  // 0.375: half to even
		{"1", "2", "3", 3, "0.667"}, // 0.6666...
	} {
		got, err := adjusted(d(tc.x), d(tc.adj), d(tc.cl), tc.dec)
		if err != nil || got.String() != tc.want {
			t.Errorf("%s x %s / %s at %d: %s, %v; want %s", tc.x, tc.adj, tc.cl, tc.dec, got, err, tc.want)
		}
	}
}
