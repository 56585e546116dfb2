package ledger_test

import (
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// step is one transaction and the state of its asset's position and of
// the ledger after it, derived by hand (see the comments).
type step struct {
	asset                       market.Asset
	amount, price, commission   string
	cash, pos, cost, realized   string // after the step; realized is the asset's
	value                       string // the position's value
	totalRealized, portfolioVal string
}

var applyCases = []struct {
	name  string
	cash  string
	steps []step
}{
	{"long round trip", "10000", []step{
		// 10000 - 10*100 - 1; cost 1000 + 1.
		{orcl, "10", "100", "1", "8999", "10", "1001", "0", "1000", "0", "9999"},
		// 8999 - 550 - 1; cost 1001 + 550 + 1.
		{orcl, "5", "110", "1", "8448", "15", "1552", "0", "1650", "0", "10098"},
		// sell 6 at 120: removed 1552*6/15 = 620.8; realized 720 - 1 - 620.8.
		{orcl, "-6", "120", "1", "9167", "9", "931.2", "98.2", "1080", "98.2", "10247"},
		// close 9 at 90: realized 810 - 931.2 = -121.2, total -23.
		{orcl, "-9", "90", "0", "9977", "0", "0", "-23", "0", "-23", "9977"},
	}},
	{"cost share rounds half even", "10", []step{
		{orcl, "3", "1", "0.00000001", "6.99999999", "3", "3.00000001", "0", "3", "0", "9.99999999"},
		// 3.00000001/3 = 1.00000000333 -> 1; cost left 2.00000001.
		{orcl, "-1", "1", "0", "7.99999999", "2", "2.00000001", "0", "2", "0", "9.99999999"},
		// 2.00000001/2 = 1.000000005, a tie -> 1.00000000 (even).
		{orcl, "-1", "1", "0", "8.99999999", "1", "1.00000001", "0", "1", "0", "9.99999999"},
		// the close removes what is left: realized -0.00000001, the commission.
		{orcl, "-1", "1", "0", "9.99999999", "0", "0", "-0.00000001", "0", "-0.00000001", "9.99999999"},
	}},
	{"short cover and flip", "10000", []step{
		// short 10 at 50: cash + 500 - 2; cost -500 + 2.
		{orcl, "-10", "50", "2", "10498", "-10", "-498", "0", "-500", "0", "9998"},
		// cover 4 at 40: removed -498*4/10 = -199.2; realized -160 - 1 + 199.2.
		{orcl, "4", "40", "1", "10337", "-6", "-298.8", "38.2", "-240", "38.2", "10097"},
		// buy 10 at 45: closes 6 (270), realized -270 - 1 + 298.8; opens 4 at 45.
		{orcl, "10", "45", "1", "9886", "4", "180", "66", "180", "66", "10066"},
	}},
	{"two assets and crypto rounding", "100000", []step{
		{nvda, "100", "15.37", "1", "98462", "100", "1538", "0", "1537", "0", "99999"},
		// 0.12345678*30000.12 = 3703.7182148136 -> 3703.71821481.
		{btc, "0.12345678", "30000.12", "0", "94758.28178519", "0.12345678", "3703.71821481", "0", "3703.71821481", "0", "99999"},
		// sell a third: removed 3703.71821481*0.04115226/0.12345678 =
		// 1234.572738270... -> 1234.57273827; proceeds 1275.72006;
		// realized 1275.72006 - 0.5 - 1234.57273827.
		{btc, "-0.04115226", "31000", "0.5", "96033.50184519", "0.08230452", "2469.14547654", "40.64732173",
			"2551.44012", "40.64732173", "100121.94196519"},
	}},
}

//penny:backends
func testApply[N numeric.Number[N]](t *testing.T) {
	for _, tc := range applyCases {
		t.Run(tc.name, func(t *testing.T) {
			l := ledger.New(num[N](t, tc.cash), ledger.Account[N]{Shorting: true})
			for i, s := range tc.steps {
				l.Apply(tx[N](t, s.asset, s.amount, s.price, s.commission))
				p := l.Position(s.asset.ID)
				checks := []struct {
					what string
					got  N
					want string
				}{
					{"cash", l.Cash(), s.cash},
					{"amount", p.Amount, s.pos},
					{"cost", p.Cost, s.cost},
					{"asset realized", p.Realized, s.realized},
					{"value", p.Value, s.value},
					{"realized", l.Realized(), s.totalRealized},
					{"portfolio value", l.PortfolioValue(), s.portfolioVal},
				}
				for _, c := range checks {
					if !same(t, c.got, c.want) {
						t.Errorf("step %d: %s = %s, want %s", i+1, c.what, c.got, c.want)
					}
				}
				// The accounting identity: value = start + realized + unrealized.
				v := l.Valuation()
				id := l.StartingCash().Add(l.Realized()).Add(v.Unrealized)
				if !same(t, v.PortfolioValue, id.String()) {
					t.Errorf("step %d: value %s != start + realized + unrealized = %s", i+1, v.PortfolioValue, id)
				}
			}
			if n := len(l.Transactions()); n != len(tc.steps) {
				t.Errorf("%d transactions logged, want %d", n, len(tc.steps))
			}
		})
	}
}

func TestApply(t *testing.T) {
	backendtest.Run(t, testApplyByName)
}

//penny:backends
func testHeld[N numeric.Number[N]](t *testing.T) {
	l := ledger.New(num[N](t, "1000000"), ledger.Account[N]{Shorting: true})
	for _, id := range []int{7, 2, 9, 4} {
		l.Apply(tx[N](t, market.Asset{ID: id, Symbol: "A"}, "1", "10", "0"))
	}
	if got := l.Held(); !equalInts(got, 2, 4, 7, 9) {
		t.Fatalf("Held = %v", got)
	}
	l.Apply(tx[N](t, market.Asset{ID: 4, Symbol: "A"}, "-1", "10", "0"))
	l.Apply(tx[N](t, market.Asset{ID: 9, Symbol: "A"}, "-3", "10", "0")) // flips: still held
	if got := l.Held(); !equalInts(got, 2, 7, 9) {
		t.Fatalf("Held after a close and a flip = %v", got)
	}
	if p := l.Position(4); !p.Amount.IsZero() || !p.Cost.IsZero() || !p.Value.IsZero() {
		t.Errorf("closed position %+v", p)
	}
	if p := l.Position(100); !p.Amount.IsZero() {
		t.Errorf("never traded position %+v", p)
	}
	// UpdatePrice on an asset not traded is ignored; on a held one it revalues.
	l.UpdatePrice(100, num[N](t, "5"))
	l.UpdatePrice(-1, num[N](t, "5"))
	l.MarkToMarket(func(id int) (N, bool) { return num[N](t, "12.5"), id != 7 })
	v := l.Valuation()
	// 2: 1*12.5; 7: 1*10 (no price); 9: -2*12.5.
	if !same(t, v.Long, "22.5") || !same(t, v.Short, "-25") || !same(t, v.Gross, "47.5") ||
		!same(t, v.PositionsValue, "-2.5") || v.Positions != 3 {
		t.Errorf("valuation %+v", v)
	}
}

func TestHeld(t *testing.T) {
	backendtest.Run(t, testHeldByName)
}

func equalInts(got []int, want ...int) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func TestApplyPanics(t *testing.T) {
	l := ledger.New(numeric.Int[numeric.Fixed](100), ledger.Account[numeric.Fixed]{})
	for _, tt := range []struct {
		name string
		tx   ledger.Transaction[numeric.Fixed]
	}{
		{"zero amount", ledger.Transaction[numeric.Fixed]{Asset: orcl, Price: 1}},
		{"negative asset", ledger.Transaction[numeric.Fixed]{Asset: market.Asset{ID: -1}, Amount: numeric.Int[numeric.Fixed](1)}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if r, _ := recover().(string); !strings.HasPrefix(r, "ledger: Apply of a transaction") {
					t.Errorf("panic %q", r)
				}
			}()
			l.Apply(tt.tx)
		})
	}
}

// TestFixedOverflow checks that a Fixed overflow is a
// *numeric.ArithmeticError, for the engine to report.
func TestFixedOverflow(t *testing.T) {
	l := ledger.New(numeric.Int[numeric.Fixed](100), ledger.Account[numeric.Fixed]{})
	defer func() {
		e, ok := numeric.Recover(recover())
		if !ok || e.Backend != "fixed" {
			t.Errorf("recovered %v", e)
		}
	}()
	l.Apply(tx[numeric.Fixed](t, orcl, "90000000000", "2", "0"))
}
