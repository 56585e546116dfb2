package execution

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/pennybt/penny/numeric"
)

// TestImpactPriceExact checks the volume-share price of Fixed, which is
// rounded from a float64 estimate whenever numeric.RoundEstimate finds
// the rounding certain, against the exact computation on random
// operands, extreme ones included (impact coefficients up to 1, shares up
// to the whole volume, so that a sell's 1 - f comes near zero): the two
// must be equal, Decimal must print the same digits, and the estimate
// must answer most of the money-sized cases (else the fast path is lost).
func TestImpactPriceExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	answered, typical := 0, 0
	for i := range 200000 {
		price := numeric.FixedFromRaw(rng.Int64N(1e13) + 1)         // up to 100000
		k := numeric.FixedFromRaw(rng.Int64N(1e8) + 1)              // up to 1
		volume := numeric.FixedFromRaw((rng.Int64N(1e7) + 1) * 1e8) // whole shares
		total := numeric.FixedFromRaw(rng.Int64N(volume.Raw()/40 + 1))
		switch i % 7 {
		case 0:
			total = numeric.FixedFromRaw(rng.Int64N(volume.Raw() + 1)) // large shares
		case 1:
			k, total = numeric.Int[numeric.Fixed](1), volume.Sub(numeric.FixedFromRaw(rng.Int64N(1e3))) // 1 - f near 0
		default:
			typical++
		}
		buy := rng.IntN(2) == 0
		want := impactExact(price, k, total, volume, buy)
		if got := impactPrice(price, k, total, volume, buy); got != want {
			t.Fatalf("price %v k %v total %v volume %v buy %v: %v, exact %v", price, k, total, volume, buy, got, want)
		}
		est, tol := impactEstimate(price, k, total, volume, buy)
		if _, ok := numeric.RoundEstimate[numeric.Fixed](est, tol, 8, numeric.HalfEven); ok && i%7 > 1 {
			answered++
		}
		if got, want := impactRat(price, k, total, volume, buy), refImpact(price, k, total, volume, buy); got.Cmp(want) != 0 {
			t.Fatalf("price %v k %v total %v volume %v buy %v: exact value %s, want %s", price, k, total, volume, buy, got, want)
		}
		if i%50 == 0 {
			d := func(x numeric.Fixed) numeric.Decimal { return numeric.MustParse[numeric.Decimal](x.String()) }
			if got := impactPrice(d(price), d(k), d(total), d(volume), buy); got.String() != want.String() {
				t.Fatalf("price %v k %v total %v volume %v buy %v: decimal %v, fixed %v", price, k, total, volume, buy, got, want)
			}
		}
	}
	if answered < typical*3/4 {
		t.Fatalf("the estimate answered only %d of %d money-sized cases", answered, typical)
	}
}

// refImpact is price*(1 ± k*(total/volume)^2) in big.Rat, from the exact
// values of the operands.
func refImpact[N numeric.Number[N]](price, k, total, volume N, buy bool) *big.Rat {
	share := new(big.Rat).Quo(total.Rat(), volume.Rat())
	f := new(big.Rat).Mul(share, share)
	f.Mul(f, k.Rat())
	if !buy {
		f.Neg(f)
	}
	f.Add(f, big.NewRat(1, 1))
	return f.Mul(f, price.Rat())
}

// TestImpactRatLongCoefficients checks the exact value on Decimal
// operands whose coefficients do not fit an int64, and on mixed ones.
func TestImpactRatLongCoefficients(t *testing.T) {
	d := numeric.MustParse[numeric.Decimal]
	tests := []struct{ price, k, total, volume string }{
		{"37.45", "0.1", "25", "1000"},
		{"123456789.123456789123", "0.1", "25", "1000"},
		{"37.45", "0.123456789012345678901", "25.5", "1000"},
		{"37.45", "0.1", "12345678901234567890.5", "98765432109876543210"},
		{"0.000000000000000000001", "1", "1", "3"},
	}
	for _, tt := range tests {
		for _, buy := range []bool{true, false} {
			p, k, tot, v := d(tt.price), d(tt.k), d(tt.total), d(tt.volume)
			if got, want := impactRat(p, k, tot, v, buy), refImpact(p, k, tot, v, buy); got.Cmp(want) != 0 {
				t.Errorf("%v buy %v: %s, want %s", tt, buy, got, want)
			}
			want, _ := numeric.FromRat[numeric.Decimal](refImpact(p, k, tot, v, buy), 8, numeric.HalfEven)
			if got := impactPrice(p, k, tot, v, buy); got.Cmp(want) != 0 {
				t.Errorf("%v buy %v: price %v, want %v", tt, buy, got, want)
			}
		}
	}
}

// TestImpactWide checks the 128-bit computation against the exact value
// (big.Rat, rounded once half-even to 8 decimals) on Decimal operands of
// every size, from money-sized to coefficients near 2^63, long scales
// and negative coefficients: whenever it answers, it must give that
// value; it must answer every money-sized case; and a money-sized
// Decimal impact price must allocate nothing.
func TestImpactWide(t *testing.T) {
	rng := rand.New(rand.NewPCG(10, 10))
	d := numeric.MustParse[numeric.Decimal]
	draw := func() numeric.Decimal {
		var c int64
		switch rng.IntN(5) {
		case 0:
			c = rng.Int64()
		case 1:
			c = 1 + rng.Int64N(1e6)
		default:
			c = 1 + rng.Int64N(int64(1)<<(1+rng.IntN(62)))
		}
		if rng.IntN(8) == 0 {
			c = -c
		}
		s := rng.IntN(30)
		if rng.IntN(4) == 0 {
			s = rng.IntN(9)
		}
		var dst [1]numeric.Decimal
		if _, err := numeric.FromUnscaled(dst[:], []int64{c}, min(s, 18)); err != nil {
			t.Fatal(err)
		}
		return dst[0]
	}
	answered := 0
	for i := range 100000 {
		price, k, total, volume := draw(), draw(), draw(), draw()
		money := i%2 == 0
		if money { // prices with 2-4 decimals, k up to 1, whole volumes
			price = d(numeric.FixedFromRaw((rng.Int64N(1e9) + 1) * 1e4).String())
			k = d(numeric.FixedFromRaw(rng.Int64N(1e8) + 1).String())
			v := rng.Int64N(1e8) + 1
			volume, total = numeric.Int[numeric.Decimal](v), numeric.Int[numeric.Decimal](rng.Int64N(v+1))
		}
		buy := rng.IntN(2) == 0
		u, ok := impactWide(price, k, total, volume, buy)
		if !ok {
			if money {
				t.Fatalf("price %v k %v total %v volume %v: no 128-bit answer", price, k, total, volume)
			}
			continue
		}
		answered++
		want, err := numeric.FromRat[numeric.Decimal](refImpact(price, k, total, volume, buy), 8, numeric.HalfEven)
		if err != nil {
			t.Fatal(err)
		}
		if got := new(big.Rat).SetFrac(big.NewInt(u), big.NewInt(1e8)); got.Cmp(want.Rat()) != 0 {
			t.Fatalf("price %v k %v total %v volume %v buy %v: %s, exact %v", price, k, total, volume, buy, got.FloatString(8), want)
		}
		if got := impactExact(price, k, total, volume, buy); got.Cmp(want) != 0 {
			t.Fatalf("price %v k %v total %v volume %v buy %v: impactExact %v, exact %v", price, k, total, volume, buy, got, want)
		}
	}
	if answered < 50000 {
		t.Fatalf("answered %d cases", answered)
	}
	price, k, total, volume := d("37.45"), d("0.1"), d("25"), d("1000")
	var sink numeric.Decimal
	if a := testing.AllocsPerRun(100, func() { sink = impactPrice(price, k, total, volume, true) }); a != 0 {
		t.Errorf("Decimal impact price allocates %v times", a)
	}
	if want, _ := numeric.FromRat[numeric.Decimal](refImpact(price, k, total, volume, true), 8, numeric.HalfEven); sink.Cmp(want) != 0 {
		t.Errorf("impact price %v, want %v", sink, want)
	}
}
