package execution_test

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

// same reports whether got is want: exactly in Fixed and Decimal, within
// 1e-9 relative in Float.
func same[N numeric.Number[N]](t testing.TB, got N, want string) bool {
	w := num[N](t, want)
	if numeric.Backend[N]() != "float" {
		return got.Cmp(w) == 0
	}
	g, f := got.Float64(), w.Float64()
	return math.Abs(g-f) <= 1e-9*math.Max(1, math.Abs(f))
}

var slippageCases = []struct {
	name               string
	model              string // fixed_bps:B or volume_share:L:K
	asset              market.Asset
	amount             string
	typ                order.Type
	limit              string
	open, volume, used string
	price, qty         string // "" qty: no fill
}{
	{name: "none fills all", model: "none", asset: orcl, amount: "100", open: "37.45", volume: "0", price: "37.45", qty: "100"},
	{name: "bps buy", model: "fixed_bps:5", asset: orcl, amount: "100", open: "37.45", volume: "0", price: "37.468725", qty: "100"},
	{name: "bps sell", model: "fixed_bps:5", asset: orcl, amount: "-100", open: "37.45", volume: "0", price: "37.431275", qty: "100"},
	// 0.12345678*0.0005 = 0.00006172839 -> 0.00006173
	{name: "bps rounds", model: "fixed_bps:5", asset: btc, amount: "1", open: "0.12345678", volume: "0", price: "0.12351851", qty: "1"},
	{name: "bps fraction", model: "fixed_bps:2.5", asset: orcl, amount: "1", open: "100", volume: "0", price: "100.025", qty: "1"},
	{name: "bps capped at the buy limit", model: "fixed_bps:50", asset: orcl, amount: "10", typ: order.Limit, limit: "100",
		open: "100", volume: "0", price: "100", qty: "10"},
	{name: "bps capped at the sell limit", model: "fixed_bps:50", asset: orcl, amount: "-10", typ: order.Limit, limit: "100",
		open: "100", volume: "0", price: "100", qty: "10"},
	{name: "bps below the limit", model: "fixed_bps:50", asset: orcl, amount: "10", typ: order.Limit, limit: "101",
		open: "100", volume: "0", price: "100.5", qty: "10"},
	// 25 of 100 fill; share 0.025; impact 0.1*0.025^2*100 = 0.00625.
	{name: "volume limit binds", model: "volume_share:0.025:0.1", asset: orcl, amount: "100", open: "100", volume: "1000", price: "100.00625", qty: "25"},
	{name: "volume share sell", model: "volume_share:0.025:0.1", asset: orcl, amount: "-100", open: "100", volume: "1000", price: "99.99375", qty: "25"},
	{name: "volume used by earlier orders", model: "volume_share:0.025:0.1", asset: orcl, amount: "100", open: "100", volume: "1000", used: "20", price: "100.00625", qty: "5"},
	{name: "volume used up", model: "volume_share:0.025:0.1", asset: orcl, amount: "100", open: "100", volume: "1000", used: "25"},
	{name: "zero volume", model: "volume_share:0.025:0.1", asset: orcl, amount: "100", open: "100", volume: "0"},
	// share 0.01; impact 0.1*0.0001*100 = 0.001.
	{name: "small order fills whole", model: "volume_share:0.025:0.1", asset: orcl, amount: "10", open: "100", volume: "1000", price: "100.001", qty: "10"},
	// cap 25.25: whole shares only; share 25/1010, impact
	// 0.1*(25/1010)^2*100 = 0.006126850... -> 100.00612685.
	{name: "whole lots", model: "volume_share:0.025:0.1", asset: orcl, amount: "100", open: "100", volume: "1010", price: "100.00612685", qty: "25"},
	{name: "less than a lot left", model: "volume_share:0.025:0.1", asset: orcl, amount: "100", open: "100", volume: "1010", used: "24.5"},
	// cap 0.025*3.3333 = 0.0833325 BTC; share 0.025; impact 1.875.
	{name: "crypto lots", model: "volume_share:0.025:0.1", asset: btc, amount: "1", open: "30000", volume: "3.3333", price: "30001.875", qty: "0.0833325"},
	// 0.1*0.007^2*37.45 = 0.000183505: 37.450183505, a tie, to even.
	{name: "impact rounds half even", model: "volume_share:0.025:0.1", asset: orcl, amount: "7", open: "37.45", volume: "1000", price: "37.4501835", qty: "7"},
	{name: "impact capped at the limit", model: "volume_share:0.025:0.1", asset: orcl, amount: "10", typ: order.Limit, limit: "100",
		open: "100", volume: "1000", price: "100", qty: "10"},
}

func slippageModel[N numeric.Number[N]](t testing.TB, spec string) execution.Slippage[N] {
	parts := strings.Split(spec, ":")
	switch parts[0] {
	case "fixed_bps":
		return execution.FixedBps[N]{Bps: num[N](t, parts[1])}
	case "volume_share":
		return execution.VolumeShare[N]{VolumeLimit: num[N](t, parts[1]), PriceImpact: num[N](t, parts[2])}
	}
	return execution.NoSlippage[N]{}
}

//penny:backends
func testSlippage[N numeric.Number[N]](t *testing.T) {
	for _, tc := range slippageCases {
		t.Run(tc.name, func(t *testing.T) {
			o := newOrder[N](t, tc.asset, tc.amount, tc.typ, tc.limit, "")
			sim := execution.Simulator[N]{Slippage: slippageModel[N](t, tc.model)}
			used := maybe[N](t, tc.used)
			f, ok := sim.Match(o, bar[N](t, tc.open, tc.open, tc.open, tc.open, tc.volume), 1, used)
			if tc.qty == "" {
				if ok {
					t.Errorf("filled %s at %s, want no fill", f.Amount, f.Price)
				}
				return
			}
			if !ok {
				t.Fatalf("no fill, want %s at %s", tc.qty, tc.price)
			}
			if !same(t, f.Price, tc.price) || f.Amount.Abs().Cmp(num[N](t, tc.qty)) != 0 || f.Amount.Sign() != o.Amount.Sign() {
				t.Errorf("filled %s at %s, want %s at %s", f.Amount, f.Price, tc.qty, tc.price)
			}
		})
	}
}

func TestSlippage(t *testing.T) {
	backendtest.Run(t, testSlippageByName)
}

// testVolumeShareRat compares the volume share price with math/big.Rat
// on random bars and orders; Fixed and Decimal must give its digits.
//
//penny:backends
func testVolumeShareRat[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	m := execution.VolumeShare[N]{VolumeLimit: num[N](t, "0.025"), PriceImpact: num[N](t, "0.1")}
	for range 2000 {
		price := fmt.Sprintf("%d.%04d", 1+rng.IntN(2000), rng.IntN(10000))
		volume := fmt.Sprint(1 + rng.IntN(1e6))
		amount := fmt.Sprint(1 + rng.IntN(50000))
		o := newOrder[N](t, orcl, amount, order.Market, "", "")
		if rng.IntN(2) == 0 {
			o = newOrder[N](t, orcl, "-"+amount, order.Market, "", "")
		}
		var used N
		got, qty := m.Fill(o, bar[N](t, price, price, price, price, volume), num[N](t, price), used)
		if qty.IsZero() {
			continue
		}
		rp, _ := new(big.Rat).SetString(price)
		rv, _ := new(big.Rat).SetString(volume)
		rq, _ := new(big.Rat).SetString(qty.String())
		share := new(big.Rat).Quo(rq, rv)
		if lim := big.NewRat(25, 1000); share.Cmp(lim) > 0 {
			share = lim
		}
		impact := new(big.Rat).Mul(share, share)
		impact.Mul(impact, big.NewRat(1, 10))
		if o.Amount.Sign() < 0 {
			impact.Neg(impact)
		}
		want := new(big.Rat).Mul(rp, impact.Add(impact, big.NewRat(1, 1)))
		w := roundHalfEven8(want)
		if got.Cmp(num[N](t, w)) != 0 {
			t.Fatalf("price %s volume %s amount %s: %s, big.Rat says %s", price, volume, o.Amount, got, w)
		}
	}
}

func TestVolumeShareRat(t *testing.T) {
	backendtest.RunExact(t, testVolumeShareRatByName)
}

// roundHalfEven8 rounds r to 8 decimals half-even, as text.
func roundHalfEven8(r *big.Rat) string {
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
	return new(big.Rat).SetFrac(q, big.NewInt(1e8)).FloatString(8)
}

// commissionCase is one order filled in steps; want is the commission of
// each fill.
var commissionCases = []struct {
	name   string
	model  string // per_share:C:M, per_trade:C, bps:B
	amount string
	fills  []string // fill amounts (signed)
	price  string
	want   []string
}{
	{"none", "none", "100", []string{"100"}, "37.45", []string{"0"}},
	{"per share minimum", "per_share:0.005:1", "100", []string{"100"}, "37.45", []string{"1"}},
	{"per share above minimum", "per_share:0.005:1", "1000", []string{"1000"}, "37.45", []string{"5"}},
	// 100 -> min 1; 400 in all -> 2, so 1 more; 1000 -> 5, so 3 more.
	{"per share tops up", "per_share:0.005:1", "1000", []string{"100", "300", "600"}, "37.45", []string{"1", "1", "3"}},
	{"per share sells", "per_share:0.005:1", "-1000", []string{"-100", "-300", "-600"}, "37.45", []string{"1", "1", "3"}},
	// 50 -> min 1; 100 in all -> 0.5 < 1: nothing more.
	{"per share under the minimum", "per_share:0.005:1", "100", []string{"50", "50"}, "37.45", []string{"1", "0"}},
	{"per share no minimum", "per_share:0.0035:0", "7", []string{"7"}, "37.45", []string{"0.0245"}},
	// 0.00000003*0.5 = 0.000000015: a tie, to even (not in Float, where
	// the product is not exactly the tie).
	{"per share rounds half even", "per_share:0.00000003:0", "0.5", []string{"0.5"}, "30000", []string{"0.00000002"}},
	{"per trade once", "per_trade:1", "1000", []string{"100", "900"}, "37.45", []string{"1", "0"}},
	// 374.5 * 0.00025 = 0.093625.
	{"bps", "bps:2.5", "10", []string{"10"}, "37.45", []string{"0.093625"}},
	{"bps sell", "bps:2.5", "-10", []string{"-10"}, "37.45", []string{"0.093625"}},
	// notional 3*0.12345678 = 0.37037034; *0.00025 = 0.000092592585.
	{"bps rounds", "bps:2.5", "3", []string{"3"}, "0.12345678", []string{"0.00009259"}},
	{"bps each fill", "bps:10", "300", []string{"100", "200"}, "10", []string{"1", "2"}},
}

func commissionModel[N numeric.Number[N]](t testing.TB, spec string) execution.Commission[N] {
	parts := strings.Split(spec, ":")
	switch parts[0] {
	case "per_share":
		return execution.PerShare[N]{Cost: num[N](t, parts[1]), Min: num[N](t, parts[2])}
	case "per_trade":
		return execution.PerTrade[N]{Cost: num[N](t, parts[1])}
	case "bps":
		return execution.Bps[N]{Bps: num[N](t, parts[1])}
	}
	return execution.NoCommission[N]{}
}

//penny:backends
func testCommission[N numeric.Number[N]](t *testing.T) {
	for _, tc := range commissionCases {
		t.Run(tc.name, func(t *testing.T) {
			if strings.Contains(tc.name, "half even") && numeric.Backend[N]() == "float" {
				t.Skip("a decimal tie is not a tie in binary floating point")
			}
			a := orcl
			if strings.Contains(tc.amount, ".") {
				a = btc
			}
			o := newOrder[N](t, a, tc.amount, order.Market, "", "")
			m := commissionModel[N](t, tc.model)
			price := num[N](t, tc.price)
			var total N
			for i, amount := range tc.fills {
				q := num[N](t, amount)
				c := m.Charge(o, q, price)
				if !same(t, c, tc.want[i]) {
					t.Errorf("fill %d: commission %s, want %s", i+1, c, tc.want[i])
				}
				total = total.Add(c)
				o.Fill(q, price, c, t0)
			}
			if o.Commission.Cmp(total) != 0 {
				t.Errorf("order commission %s, charged %s", o.Commission, total)
			}
		})
	}
}

func TestCommission(t *testing.T) {
	backendtest.Run(t, testCommissionByName)
}

// TestSimulatorModels runs an order through Match with both models and
// checks that the commission sees the slipped price and the order's
// state, and that func adapters work.
func TestSimulatorModels(t *testing.T) {
	type N = numeric.Fixed
	var seen []string
	sim := execution.Simulator[N]{
		Slippage: execution.SlippageFunc[N](func(o *order.Order[N], b *market.Bar[N], price, used N) (N, N) {
			return price.Add(num[N](t, "0.01")), o.Remaining().Abs().Min(num[N](t, "40"))
		}),
		Commission: execution.CommissionFunc[N](func(o *order.Order[N], amount, price N) N {
			seen = append(seen, fmt.Sprintf("%s@%s after %s", amount, price, o.Filled))
			return num[N](t, "1")
		}),
	}
	o := newOrder[N](t, orcl, "-100", order.Market, "", "")
	b := bar[N](t, "10", "10", "10", "10", "1000")
	var usage execution.Usage[N]
	for i := 1; o.IsOpen(); i++ {
		f, ok := sim.Match(o, b, i, usage.Used(orcl.ID, i))
		if !ok {
			t.Fatalf("no fill at bar %d", i)
		}
		o.Fill(f.Amount, f.Price, f.Commission, f.Time)
		usage.Add(orcl.ID, i, f.Amount)
	}
	want := "-40@10.01 after 0|-40@10.01 after -40|-20@10.01 after -80"
	if got := strings.Join(seen, "|"); got != want {
		t.Errorf("commission calls %s, want %s", got, want)
	}
	if o.Commission.String() != "3" || o.Fills != 3 {
		t.Errorf("order %s commission %s", o.String(), o.Commission)
	}
}

func TestSlippageTooMuchPanics(t *testing.T) {
	type N = numeric.Fixed
	sim := execution.Simulator[N]{Slippage: execution.SlippageFunc[N](func(o *order.Order[N], _ *market.Bar[N], p, _ N) (N, N) {
		return p, o.Remaining().Abs().Add(1)
	})}
	defer func() {
		if r, _ := recover().(string); !strings.Contains(r, "which has 10 remaining") {
			t.Errorf("panic %q", r)
		}
	}()
	sim.Match(newOrder[N](t, orcl, "10", order.Market, "", ""), bar[N](t, "1", "1", "1", "1", "1"), 1, 0)
}

//penny:backends
func testUsage[N numeric.Number[N]](t *testing.T) {
	var u execution.Usage[N]
	u.Add(3, 7, num[N](t, "-10"))
	u.Add(3, 7, num[N](t, "5"))
	u.Add(1, 7, num[N](t, "2"))
	if got := u.Used(3, 7); got.String() != "15" {
		t.Errorf("Used(3) = %s", got)
	}
	if got := u.Used(1, 7); got.String() != "2" {
		t.Errorf("Used(1) = %s", got)
	}
	if got := u.Used(99, 7); !got.IsZero() {
		t.Errorf("Used(99) = %s", got)
	}
	if got := u.Used(3, 8); !got.IsZero() {
		t.Errorf("a new bar kept %s", got)
	}
	u.Add(1, 8, num[N](t, "1"))
	if got := u.Used(1, 8); got.String() != "1" {
		t.Errorf("Used(1) at bar 8 = %s", got)
	}
}

func TestUsage(t *testing.T) {
	backendtest.Run(t, testUsageByName)
}

// TestMatchReference checks the reference price of a fill: the price the
// matching rules chose, before slippage moved it and before a limit
// brought it back; the price itself when there is no slippage.
func TestMatchReference(t *testing.T) {
	backendtest.Run(t, testMatchReferenceByName)
}

//penny:backends
func testMatchReference[N numeric.Number[N]](t *testing.T) {
	bps := execution.FixedBps[N]{Bps: num[N](t, "50")} // 0.5%
	tests := []struct {
		name             string
		sim              execution.Simulator[N]
		amount           string
		typ              order.Type
		limit            string
		price, reference string
	}{
		{"buy at the open", execution.Simulator[N]{Slippage: bps}, "100", order.Market, "", "20.1", "20"},
		{"sell at the open", execution.Simulator[N]{Slippage: bps}, "-100", order.Market, "", "19.9", "20"},
		{"buy at the close", execution.Simulator[N]{Mode: execution.NextClose, Slippage: bps}, "100", order.Market, "", "21.105", "21"},
		{"limit brings the price back", execution.Simulator[N]{Slippage: bps}, "100", order.Limit, "20.05", "20.05", "20"},
		{"no slippage", execution.Simulator[N]{}, "100", order.Market, "", "20", "20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := newOrder[N](t, orcl, tt.amount, tt.typ, tt.limit, "")
			f, ok := tt.sim.Match(o, bar[N](t, "20", "22", "19", "21", "100000"), 1, numeric.Zero[N]())
			if !ok {
				t.Fatal("no fill")
			}
			if f.Price.Cmp(num[N](t, tt.price)) != 0 || f.Reference.Cmp(num[N](t, tt.reference)) != 0 {
				t.Errorf("price %s, reference %s; want %s, %s", f.Price, f.Reference, tt.price, tt.reference)
			}
		})
	}
}
