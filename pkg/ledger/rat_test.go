package ledger_test

// The ledger recomputed from its transaction log with math/big.Rat.
//
// A long random sequence of fills (opening, adding, partial and full
// closes, flips through zero, commissions) and price marks is applied to
// a Ledger of every backend. Independently, the ledger is recomputed from
// the ledger's own transaction log with exact rationals, applying the
// documented rules (round to 8 decimals half-even the notional, the
// position value, the cost share of a partial close and the closing part
// of a flip; everything else exact). Fixed and Decimal must match it
// digit for digit after every step; Float is compared with a tolerance
// and its largest drift is logged.

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// op is one step of the random sequence, as text: a fill when mark is
// false, else a new price for the asset.
type op struct {
	asset                     int
	mark                      bool
	amount, price, commission string
}

var ratAssets = func() []market.Asset {
	as := make([]market.Asset, 8)
	for i := range as {
		as[i] = market.Asset{ID: i, Symbol: fmt.Sprintf("A%d", i)}
		if i >= 5 {
			as[i].Class = market.Crypto
		}
	}
	return as
}()

// randomOps returns n steps. It tracks the amounts held (exactly, as
// rationals) to choose closes and flips.
func randomOps(seed uint64, n int) []op {
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	held := make([]*big.Rat, len(ratAssets))
	price := make([]float64, len(ratAssets))
	for i := range held {
		held[i] = new(big.Rat)
		price[i] = 5 + rng.Float64()*300
	}
	crypto := func(i int) bool { return ratAssets[i].Class == market.Crypto }
	priceText := func(i int) string {
		price[i] *= math.Exp(rng.NormFloat64() * 0.02)
		price[i] = math.Min(math.Max(price[i], 0.5), 2000)
		switch d := rng.IntN(10); {
		case d < 6:
			return fmt.Sprintf("%.2f", price[i])
		case d < 9:
			return fmt.Sprintf("%.4f", price[i])
		}
		return fmt.Sprintf("%.8f", price[i])
	}
	qtyText := func(i int, max float64) string {
		if crypto(i) {
			return new(big.Rat).SetFrac64(1+rng.Int64N(int64(max*1e8)), 1e8).FloatString(8)
		}
		return fmt.Sprint(1 + rng.Int64N(int64(max)))
	}
	commission := func() string {
		switch rng.IntN(4) {
		case 0:
			return "0"
		case 1:
			return fmt.Sprintf("%.2f", rng.Float64()*10)
		case 2:
			return fmt.Sprintf("%.8f", rng.Float64())
		}
		return "1"
	}
	ops := make([]op, 0, n)
	for len(ops) < n {
		i := rng.IntN(len(ratAssets))
		h := held[i]
		o := op{asset: i}
		max := 2000.0
		if crypto(i) {
			max = 20
		}
		switch k := rng.IntN(10); {
		case k < 3: // mark
			o.mark, o.price = true, priceText(i)
			ops = append(ops, o)
			continue
		case k < 6 || h.Sign() == 0: // open or add, either side
			q := qtyText(i, max)
			if h.Sign() < 0 || (h.Sign() == 0 && rng.IntN(3) == 0) {
				q = "-" + q
			}
			o.amount = q
		case k < 8: // partial or full close
			f := new(big.Rat).Neg(h)
			if rng.IntN(3) > 0 {
				f.Mul(f, big.NewRat(1+rng.Int64N(99), 100))
			}
			// to whole lots, toward zero
			lot := big.NewRat(1, 1)
			if crypto(i) {
				lot = big.NewRat(1, 1e8)
			}
			k := new(big.Int).Quo(new(big.Rat).Quo(f, lot).Num(), new(big.Rat).Quo(f, lot).Denom())
			f.Mul(new(big.Rat).SetInt(k), lot)
			if f.Sign() == 0 {
				continue
			}
			o.amount = ratText(f)
		default: // flip through zero
			q := new(big.Rat).Neg(h)
			extra, _ := new(big.Rat).SetString(qtyText(i, max))
			if h.Sign() > 0 {
				extra.Neg(extra)
			}
			o.amount = ratText(q.Add(q, extra))
		}
		o.price, o.commission = priceText(i), commission()
		a, _ := new(big.Rat).SetString(o.amount)
		h.Add(h, a)
		ops = append(ops, o)
	}
	return ops
}

// ratText is the canonical decimal text of r (at most 8 decimals).
func ratText(r *big.Rat) string {
	s := strings.TrimSuffix(strings.TrimRight(r.FloatString(8), "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// r8 rounds r to 8 decimals, half-even, independently of the ledger.
func r8(r *big.Rat) *big.Rat {
	s := new(big.Rat).Mul(r, big.NewRat(1e8, 1))
	n, d := new(big.Int).Abs(s.Num()), s.Denom()
	q, m := new(big.Int).QuoRem(n, d, new(big.Int))
	m.Mul(m, big.NewInt(2))
	if c := m.Cmp(d); c > 0 || c == 0 && q.Bit(0) == 1 {
		q.Add(q, big.NewInt(1))
	}
	if s.Sign() < 0 {
		q.Neg(q)
	}
	return new(big.Rat).SetFrac(q, big.NewInt(1e8))
}

func parseRat(t testing.TB, s string) *big.Rat {
	r, ok := new(big.Rat).SetString(s)
	if !ok {
		t.Fatalf("not a decimal: %q", s)
	}
	return r
}

// refPosition and refLedger are the ledger recomputed with big.Rat.
type refPosition struct{ amount, cost, realized, last *big.Rat }

type refLedger struct {
	cash, realized *big.Rat
	pos            []refPosition
}

func newRef(cash *big.Rat, n int) *refLedger {
	r := &refLedger{cash: cash, realized: new(big.Rat), pos: make([]refPosition, n)}
	for i := range r.pos {
		r.pos[i] = refPosition{new(big.Rat), new(big.Rat), new(big.Rat), new(big.Rat)}
	}
	return r
}

func (r *refLedger) apply(asset int, q, p, c *big.Rat) {
	ps := &r.pos[asset]
	notional := r8(new(big.Rat).Mul(q, p))
	r.cash.Sub(r.cash, new(big.Rat).Add(notional, c))
	a := ps.amount
	after := new(big.Rat).Add(a, q)
	realize := func(x *big.Rat) { ps.realized.Add(ps.realized, x); r.realized.Add(r.realized, x) }
	switch {
	case a.Sign() == 0 || a.Sign() == q.Sign():
		ps.cost.Add(ps.cost, new(big.Rat).Add(notional, c))
	case after.Sign() == 0 || after.Sign() == a.Sign():
		removed := new(big.Rat).Set(ps.cost)
		if after.Sign() != 0 {
			removed = r8(new(big.Rat).Quo(new(big.Rat).Mul(ps.cost, new(big.Rat).Abs(q)), new(big.Rat).Abs(a)))
		}
		x := new(big.Rat).Neg(notional)
		x.Sub(x, c).Sub(x, removed)
		realize(x)
		ps.cost.Sub(ps.cost, removed)
	default:
		closing := r8(new(big.Rat).Mul(new(big.Rat).Neg(a), p))
		x := new(big.Rat).Neg(closing)
		x.Sub(x, c).Sub(x, ps.cost)
		realize(x)
		ps.cost = new(big.Rat).Sub(notional, closing)
	}
	ps.amount = after
	ps.last = new(big.Rat).Set(p)
}

func (r *refLedger) value(i int) *big.Rat {
	return r8(new(big.Rat).Mul(r.pos[i].amount, r.pos[i].last))
}

func (r *refLedger) portfolioValue() *big.Rat {
	v := new(big.Rat).Set(r.cash)
	for i := range r.pos {
		v.Add(v, r.value(i))
	}
	return v
}

// runOps applies ops to a Ledger[N], marks included, and returns it.
func runOps[N numeric.Number[N]](t testing.TB, cash string, ops []op, each func(l *ledger.Ledger[N], step int)) *ledger.Ledger[N] {
	l := ledger.New(num[N](t, cash), ledger.Account[N]{Shorting: true})
	for i, o := range ops {
		if o.mark {
			l.UpdatePrice(o.asset, num[N](t, o.price))
		} else {
			l.Apply(ledger.Transaction[N]{Time: day0, Asset: ratAssets[o.asset], Amount: num[N](t, o.amount),
				Price: num[N](t, o.price), Commission: num[N](t, o.commission)})
		}
		if each != nil {
			each(l, i)
		}
	}
	return l
}

const (
	ratCash  = "10000000"
	ratSteps = 12000
)

// testRat runs the exact comparison for Fixed or Decimal. The reference
// is rebuilt from the ledger's transaction log (and the marks), not from
// the generated text.
//
//penny:backends
func testRat[N numeric.Number[N]](t *testing.T) {
	ops := randomOps(42, ratSteps)
	ref := newRef(parseRat(t, ratCash), len(ratAssets))
	fills := 0
	check := func(l *ledger.Ledger[N], step int) {
		o := ops[step]
		if o.mark {
			ref.pos[o.asset].last = parseRat(t, o.price)
		} else {
			tx := l.Transactions()[fills]
			fills++
			ref.apply(tx.Asset.ID, parseRat(t, tx.Amount.String()), parseRat(t, tx.Price.String()), parseRat(t, tx.Commission.String()))
		}
		eq := func(what string, got N, want *big.Rat) {
			if got.String() != ratText(want) {
				t.Fatalf("step %d (%+v): %s = %s, big.Rat says %s", step, o, what, got, ratText(want))
			}
		}
		eq("cash", l.Cash(), ref.cash)
		eq("realized", l.Realized(), ref.realized)
		// The asset traded or marked at every step; all of them, and the
		// portfolio value, every 50 steps and at the end.
		first, last := o.asset, o.asset+1
		if step%50 == 0 || step == len(ops)-1 {
			first, last = 0, len(ref.pos)
			eq("portfolio value", l.PortfolioValue(), ref.portfolioValue())
		}
		for i := first; i < last; i++ {
			p, rp := l.Position(i), ref.pos[i]
			eq(fmt.Sprintf("asset %d amount", i), p.Amount, rp.amount)
			eq(fmt.Sprintf("asset %d cost", i), p.Cost, rp.cost)
			eq(fmt.Sprintf("asset %d realized", i), p.Realized, rp.realized)
			eq(fmt.Sprintf("asset %d value", i), p.Value, ref.value(i))
		}
	}
	l := runOps[N](t, ratCash, ops, check)
	v := l.Valuation()
	if got := l.StartingCash().Add(l.Realized()).Add(v.Unrealized); got.Cmp(v.PortfolioValue) != 0 {
		t.Errorf("start + realized + unrealized = %s, portfolio value %s", got, v.PortfolioValue)
	}
	t.Logf("%d steps, %d fills: cash %s, realized %s, value %s: identical to big.Rat", len(ops), fills, l.Cash(), l.Realized(), v.PortfolioValue)
}

func TestLedgerAgainstBigRat(t *testing.T) {
	backendtest.RunExact(t, testRatByName)
	t.Run("backend=float", testRatFloat)
}

// testRatFloat runs the same steps in Float and in Fixed (itself checked
// against big.Rat above), and reports the drift of Float: over every
// step for the portfolio value, at the end for everything.
func testRatFloat(t *testing.T) {
	ops := randomOps(42, ratSteps)
	values := make([]float64, len(ops))
	exact := runOps(t, ratCash, ops, func(l *ledger.Ledger[numeric.Fixed], step int) {
		values[step] = l.PortfolioValue().Float64()
	})
	var maxDrift, maxRel float64
	var where string
	note := func(what string, d, scale float64) {
		if d > maxDrift {
			maxDrift, where = d, what
		}
		maxRel = math.Max(maxRel, d/scale)
	}
	fl := runOps(t, ratCash, ops, func(l *ledger.Ledger[numeric.Float], step int) {
		note(fmt.Sprintf("portfolio value at step %d", step), math.Abs(float64(l.PortfolioValue())-values[step]), values[step])
	})
	scale := exact.PortfolioValue().Float64()
	cmp := func(what string, got numeric.Float, want numeric.Fixed) {
		note(what, math.Abs(float64(got)-want.Float64()), scale)
	}
	cmp("cash", fl.Cash(), exact.Cash())
	cmp("realized", fl.Realized(), exact.Realized())
	for i := range ratAssets {
		p, q := fl.Position(i), exact.Position(i)
		cmp(fmt.Sprintf("asset %d amount", i), p.Amount, q.Amount)
		cmp(fmt.Sprintf("asset %d cost", i), p.Cost, q.Cost)
		cmp(fmt.Sprintf("asset %d realized", i), p.Realized, q.Realized)
	}
	t.Logf("float drift over %d steps: max %.3g (%s); max relative to the portfolio value %.3g",
		len(ops), maxDrift, where, maxRel)
	if maxRel > 1e-9 {
		t.Errorf("float drift %g relative to the portfolio value, more than 1e-9", maxRel)
	}
}
