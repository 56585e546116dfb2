package order_test

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/order"
)

//penny:backends
func testLot[N numeric.Number[N]](t *testing.T) {
	tests := []struct {
		asset market.Asset
		want  string
	}{
		{market.Asset{Symbol: "ORCL"}, "1"},
		{market.Asset{Symbol: "BTC/USD", Class: market.Crypto}, "0.00000001"},
		{market.Asset{Symbol: "ETH/USD", Class: market.Crypto, LotSize: "0.001"}, "0.001"},
		{market.Asset{Symbol: "ES", LotSize: "0.5"}, "0.5"},
		{market.Asset{Symbol: "X", LotSize: "0"}, "error: order: asset X: lot size 0 is not positive"},
		{market.Asset{Symbol: "Y", LotSize: "one"}, "error: order: asset Y: lot size: numeric: parsing \"one\""},
	}
	for _, tt := range tests {
		t.Run(tt.asset.Symbol, func(t *testing.T) {
			lot, err := order.Lot[N](tt.asset)
			got := lot.String()
			if err != nil {
				got = "error: " + err.Error()
			}
			if !strings.HasPrefix(got, tt.want) {
				t.Errorf("Lot = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestLot(t *testing.T) {
	backendtest.Run(t, testLotByName)
}

//penny:backends
func testQuantity[N numeric.Number[N]](t *testing.T) {
	tests := []struct{ value, price, lot, want string }{
		{"1000", "12.5", "1", "80"},
		{"1000", "12.51", "1", "79"},   // 79.936...
		{"-1000", "12.51", "1", "-79"}, // toward zero
		{"1000", "0", "1", "0"},
		{"1000", "-3", "1", "0"},
		{"10", "30000", "0.00000001", "0.00033333"},
		{"10", "30000", "0.0001", "0.0003"},
		{"100", "3", "0.5", "33"}, // 33.33 -> 33
		{"101", "3", "0.5", "33.5"},
		{"5", "10", "1", "0"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("value=%s/price=%s/lot=%s", tt.value, tt.price, tt.lot), func(t *testing.T) {
			got := order.Quantity(num[N](t, tt.value), num[N](t, tt.price), num[N](t, tt.lot))
			if got.String() != tt.want {
				t.Errorf("Quantity = %s, want %s", got, tt.want)
			}
		})
	}
	truncs := []struct{ q, lot, want string }{
		{"12.7", "0.5", "12.5"},
		{"-12.7", "0.5", "-12.5"},
		{"12.5", "0.5", "12.5"},
		{"0.4", "0.5", "0"},
		{"1000.12345678", "0.00000001", "1000.12345678"}, // q/lot is 1e11: no overflow
		{"90000000000", "0.00000001", "90000000000"},
		{"1000.12345678", "0.001", "1000.123"},
		{"7", "3", "6"},
	}
	for _, tt := range truncs {
		t.Run(fmt.Sprintf("trunc=%s/lot=%s", tt.q, tt.lot), func(t *testing.T) {
			got := order.TruncLot(num[N](t, tt.q), num[N](t, tt.lot))
			if got.String() != tt.want {
				t.Errorf("TruncLot = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestQuantity(t *testing.T) {
	backendtest.Run(t, testQuantityByName)
}

// testTruncLotRat compares TruncLot with math/big.Rat on random values.
//
//penny:backends
func testTruncLotRat[N numeric.Number[N]](t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	lots := []string{"1", "0.5", "0.25", "3", "0.00000001", "0.003", "100"}
	for range 2000 {
		q := fmt.Sprintf("%d.%08d", rng.Int64N(1e9)-5e8, rng.Int64N(1e8))
		lot := lots[rng.IntN(len(lots))]
		got := order.TruncLot(num[N](t, q), num[N](t, lot))
		rq, _ := new(big.Rat).SetString(q)
		rl, _ := new(big.Rat).SetString(lot)
		k := new(big.Int).Quo(new(big.Rat).Quo(rq, rl).Num(), new(big.Rat).Quo(rq, rl).Denom())
		want := new(big.Rat).Mul(new(big.Rat).SetInt(k), rl)
		if g, _ := new(big.Rat).SetString(got.String()); g.Cmp(want) != 0 {
			t.Fatalf("TruncLot(%s, %s) = %s, want %s", q, lot, got, want.FloatString(8))
		}
	}
}

func TestTruncLotRat(t *testing.T) {
	backendtest.RunExact(t, testTruncLotRatByName)
}

func TestTruncLotPanics(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "lot 0") {
			t.Errorf("panic %v", r)
		}
	}()
	order.TruncLot(numeric.Int[numeric.Fixed](1), 0)
}
