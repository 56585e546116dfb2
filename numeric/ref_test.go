package numeric

import (
	"math/big"
	"math/rand/v2"
)

// This file holds the reference arithmetic the property tests compare the
// backends with: exact rationals (math/big.Rat) and rounding rules written
// independently of the code under test.

func ratOf(s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		panic("ratOf: bad literal " + s)
	}
	return r
}

var bigTen = big.NewInt(10)

func pow10Int(n int) *big.Int { return new(big.Int).Exp(bigTen, big.NewInt(int64(n)), nil) }

// refRound rounds r to d decimals with mode: q = r*10^d, round q to an
// integer by mode, divide back.
func refRound(r *big.Rat, d int, mode RoundingMode) *big.Rat {
	scaled := new(big.Rat).Mul(r, new(big.Rat).SetInt(pow10Int(d)))
	n, den := scaled.Num(), scaled.Denom()
	q, m := new(big.Int).QuoRem(n, den, new(big.Int)) // truncated toward zero
	neg := n.Sign() < 0
	if m.Sign() != 0 {
		twice := new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2))
		c := twice.Cmp(den) // vs half
		odd := q.Bit(0) == 1
		var up bool // away from zero
		switch mode {
		case HalfEven:
			up = c > 0 || (c == 0 && odd)
		case HalfUp:
			up = c >= 0
		case Down:
			up = false
		case Up:
			up = true
		case Floor:
			up = neg
		case Ceiling:
			up = !neg
		}
		if up {
			if neg {
				q.Sub(q, big.NewInt(1))
			} else {
				q.Add(q, big.NewInt(1))
			}
		}
	}
	return new(big.Rat).SetFrac(q, pow10Int(d))
}

// refRoundSig rounds r half-even to p significant digits.
func refRoundSig(r *big.Rat, p int) *big.Rat {
	if r.Sign() == 0 {
		return new(big.Rat)
	}
	a := new(big.Rat).Abs(r)
	// Find e with 10^(e-1) <= a < 10^e.
	e := len(new(big.Int).Quo(a.Num(), a.Denom()).String())
	if new(big.Int).Quo(a.Num(), a.Denom()).Sign() == 0 {
		// a < 1: count leading zeros after the point.
		e = 0
		t := new(big.Rat).Set(a)
		for t.Cmp(new(big.Rat).SetFrac64(1, 10)) < 0 {
			t.Mul(t, new(big.Rat).SetInt64(10))
			e--
		}
	}
	d := p - e // decimals to keep
	if d >= 0 {
		return refRound(r, d, HalfEven)
	}
	// Round to a multiple of 10^-d.
	f := new(big.Rat).SetInt(pow10Int(-d))
	q := refRound(new(big.Rat).Quo(r, f), 0, HalfEven)
	return q.Mul(q, f)
}

var (
	ratMaxFixed = new(big.Rat).SetFrac(big.NewInt(int64(MaxFixed)), big.NewInt(FixedScale))
	ratMinFixed = new(big.Rat).SetFrac(big.NewInt(int64(MinFixed)), big.NewInt(FixedScale))
)

func fixedRat(x Fixed) *big.Rat {
	return new(big.Rat).SetFrac(big.NewInt(int64(x)), big.NewInt(FixedScale))
}

func inFixedRange(r *big.Rat) bool { return r.Cmp(ratMinFixed) >= 0 && r.Cmp(ratMaxFixed) <= 0 }

// randFixed draws raw values across the whole range, with a bias toward
// magnitudes near the limits, tiny values and the money-sized middle.
func randFixed(rng *rand.Rand) Fixed {
	switch rng.IntN(6) {
	case 0:
		return Fixed(rng.Int64()) // anywhere (mostly huge)
	case 1:
		return Fixed(rng.Int64N(1<<20)) - 1<<19 // tiny
	case 2:
		v := Fixed(rng.Int64N(int64(MaxFixed)/2) + int64(MaxFixed)/2) // near the top
		if rng.IntN(2) == 0 {
			v = -v
		}
		return v
	case 3:
		// a price: up to 5 integer digits and 2-4 decimals
		v := Fixed(rng.Int64N(1e9) * 1e4)
		if rng.IntN(4) == 0 {
			v = -v
		}
		return v
	case 4:
		return Fixed(rng.Int64N(1<<40)) - 1<<39 // up to ~1e4 in value
	}
	// integer amounts of shares
	return Fixed(rng.Int64N(1e6)-5e5) * FixedScale
}
