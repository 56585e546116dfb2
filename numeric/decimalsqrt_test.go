package numeric

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

func limbsInt(n [4]uint64) *big.Int {
	v := new(big.Int)
	for i := len(n) - 1; i >= 0; i-- {
		v.Lsh(v, 64)
		v.Or(v, new(big.Int).SetUint64(n[i]))
	}
	return v
}

func intLimbs(v *big.Int) (n [4]uint64) {
	mask := new(big.Int).SetUint64(^uint64(0))
	t := new(big.Int).Set(v)
	for i := range n {
		n[i] = new(big.Int).And(t, mask).Uint64()
		t.Rsh(t, 64)
	}
	return n
}

// TestSqrtRem256 checks the 256-bit integer square root against math/big
// on normalized numbers: random ones, perfect squares, one below and one
// above them.
func TestSqrtRem256(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	check := func(n [4]uint64) {
		t.Helper()
		hi, lo, ok := sqrtRem256(n)
		v := limbsInt(n)
		want := new(big.Int).Sqrt(v)
		if !ok {
			// Only when the top half's remainder is maximal: n3*B+n2 = (s'+1)^2-1.
			top := new(big.Int).Rsh(v, 128)
			s := new(big.Int).Sqrt(top)
			s.Add(s, big.NewInt(1))
			if s.Mul(s, s).Sub(s, big.NewInt(1)).Cmp(top) != 0 {
				t.Fatalf("sqrtRem256(%v) not ok", v)
			}
			return
		}
		got := limbsInt([4]uint64{lo, hi})
		if got.Cmp(want) != 0 {
			t.Fatalf("sqrtRem256(%v) = %v, want %v", v, got, want)
		}
	}
	for range 100000 {
		var n [4]uint64
		for i := range n {
			n[i] = rng.Uint64()
		}
		n[3] |= 1 << (62 + rng.IntN(2))
		check(n)
		// A perfect square near n, and its neighbours.
		r := new(big.Int).Sqrt(limbsInt(n))
		sq := new(big.Int).Mul(r, r)
		for _, d := range []int64{-1, 0, 1} {
			v := new(big.Int).Add(sq, big.NewInt(d))
			if v.BitLen() >= 255 && v.BitLen() <= 256 {
				check(intLimbs(v))
			}
		}
		// (s+1)^2-1 in the top half: the case that falls back.
		s := new(big.Int).Sqrt(new(big.Int).Rsh(limbsInt(n), 128))
		s.Add(s, big.NewInt(1))
		top := s.Mul(s, s).Sub(s, big.NewInt(1))
		v := new(big.Int).Lsh(top, 128)
		v.Add(v, new(big.Int).SetUint64(rng.Uint64()))
		if v.BitLen() <= 256 {
			check(intLimbs(v))
		}
	}
	check([4]uint64{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)})
	check([4]uint64{0, 0, 0, 1 << 62})
}

// TestDecimalSqrtAgainstOracle checks Sqrt of inline values (exact roots
// and 34-digit ones from the 256-bit root) against the oracle.
func TestDecimalSqrtAgainstOracle(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	n := 20000
	if testing.Short() {
		n = 2000
	}
	for i := range n {
		c := randInlineCoef(rng)
		if c < 0 {
			c = -c
		}
		if i%5 == 0 { // perfect squares and their neighbours
			r := 1 + rng.Int64N(1<<27)
			c = r*r + rng.Int64N(3) - 1
		}
		x := inline(c, rng.IntN(256)-128)
		xo, _ := oracleDecimal{}.Parse(x.String())
		got, want := x.Sqrt(), xo.Sqrt()
		if got.String() != want.String() {
			t.Fatalf("Sqrt(%v) = %v, oracle %v", x, got, want)
		}
		checkForm(t, "sqrt", got)
	}
}
