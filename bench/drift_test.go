package bench

import (
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

// fakeRun builds a Result by hand: the session values and trades given
// as decimal text, parsed into backend N.
func fakeRun[N numeric.Number[N]](values []string, trades [][3]string) *engine.Result[N] {
	res := &engine.Result[N]{Backend: numeric.Backend[N]()}
	day := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	for i, v := range values {
		res.Snapshots = append(res.Snapshots, ledger.Snapshot[N]{Session: day.AddDate(0, 0, i), PortfolioValue: numeric.MustParse[N](v)})
	}
	res.Value = res.Snapshots[len(res.Snapshots)-1].PortfolioValue
	for i, t := range trades {
		res.Transactions = append(res.Transactions, ledger.Transaction[N]{
			Time: day.Add(time.Duration(i) * time.Hour), Asset: market.Asset{ID: i % 2, Symbol: []string{"AAA", "BBB"}[i%2]},
			Amount: numeric.MustParse[N](t[0]), Price: numeric.MustParse[N](t[1]), Commission: numeric.MustParse[N](t[2]), OrderID: 1,
		})
	}
	return res
}

func TestExactDrift(t *testing.T) {
	values := []string{"100000", "100012.34", "99990.5"}
	trades := [][3]string{{"10", "37.5", "1"}, {"-10", "38.01", "1"}}
	ref := newOutcome(fakeRun[numeric.Decimal](values, trades))

	same := exactDrift(newOutcome(fakeRun[numeric.Fixed](values, trades)), ref)
	if !same.Identical || same.SessionsDiffering != 0 || !same.Trades.Same || same.Trades.FirstDifference != -1 || same.FinalDiff != "0" {
		t.Errorf("identical runs: %+v", same)
	}

	values2 := []string{"100000", "100012.35", "99990.50000001"}
	trades2 := [][3]string{{"10", "37.5", "1"}, {"-10", "38.01", "1.00000001"}}
	d := exactDrift(newOutcome(fakeRun[numeric.Fixed](values2, trades2)), ref)
	if d.Identical || d.SessionsDiffering != 2 || d.FirstSession != "2024-01-03" || d.FirstValue != "100012.35" || d.FirstDecimal != "100012.34" {
		t.Errorf("differing sessions: %+v", d)
	}
	if d.FinalDiff != "0.00000001" {
		t.Errorf("final difference %q, want 0.00000001", d.FinalDiff)
	}
	if d.Trades.Same || d.Trades.FirstDifference != 1 || d.Trades.Field != "commission" {
		t.Errorf("trades: %+v, want the first difference at 1 in the commission", d.Trades)
	}

	// One list extends the other.
	short := exactDrift(newOutcome(fakeRun[numeric.Fixed](values, trades[:1])), ref)
	if short.Trades.Same || short.Trades.FirstDifference != 1 || short.Trades.Field != "count" || short.Trades.This != "" || short.Trades.Reference == "" {
		t.Errorf("a shorter list: %+v", short.Trades)
	}
}

func TestFloatDrift(t *testing.T) {
	values := []string{"100000", "100000.1", "0.3"}
	trades := [][3]string{{"10", "0.1", "1"}, {"-10", "38.01", "1"}}
	ref := newOutcome(fakeRun[numeric.Decimal](values, trades))
	f := floatDrift(newOutcome(fakeRun[numeric.Float](values, trades)), ref)
	// Float holds the doubles nearest 100000.1 and 0.3: the exact
	// differences, computed independently with big.Float.
	diff := func(s string) (abs, rel float64) {
		x, _ := new(big.Rat).SetString(s)
		fl, _ := x.Float64()
		d := new(big.Rat).Sub(new(big.Rat).SetFloat64(fl), x)
		abs, _ = new(big.Rat).Abs(d).Float64()
		rel, _ = new(big.Rat).Quo(new(big.Rat).Abs(d), x).Float64()
		return abs, rel
	}
	a1, r1 := diff("100000.1")
	a2, r2 := diff("0.3")
	if float64(f.FinalAbs) != a2 || float64(f.FinalRel) != r2 || f.Final != "0.3" || f.Decimal != "0.3" {
		t.Errorf("final: %+v, want abs %g rel %g", f, a2, r2)
	}
	wantAbs, wantAbsAt := a1, "2024-01-03"
	if a2 > a1 {
		wantAbs, wantAbsAt = a2, "2024-01-04"
	}
	wantRel, wantRelAt := r1, "2024-01-03"
	if r2 > r1 {
		wantRel, wantRelAt = r2, "2024-01-04"
	}
	if float64(f.CurveMaxAbs) != wantAbs || f.CurveMaxAbsSession != wantAbsAt || float64(f.CurveMaxRel) != wantRel || f.CurveMaxRelSession != wantRelAt || f.Sessions != 3 {
		t.Errorf("curve: %+v, want abs %g (%s) rel %g (%s)", f, wantAbs, wantAbsAt, wantRel, wantRelAt)
	}
	// The trades match; 0.1 is inexact in float but its float64 is the
	// double nearest the exact value, so no price counts as inexact.
	if !f.Trades.Same || f.Trades.InexactPrices != 0 || f.Trades.MaxPriceDiff != 0 {
		t.Errorf("trades: %+v", f.Trades)
	}
	// A float price that is not the nearest double counts.
	fr := fakeRun[numeric.Float](values, trades)
	fr.Transactions[1].Price = fr.Transactions[1].Price.Add(numeric.Float(1e-9))
	f = floatDrift(newOutcome(fr), ref)
	if !f.Trades.Same || f.Trades.InexactPrices != 1 || math.Abs(float64(f.Trades.MaxPriceDiff)-1e-9) > 1e-14 {
		t.Errorf("an inexact price: %+v", f.Trades)
	}
	// A different amount is a different trade.
	fr.Transactions[0].Amount = numeric.Float(11)
	f = floatDrift(newOutcome(fr), ref)
	if f.Trades.Same || f.Trades.FirstDifference != 0 || f.Trades.Field != "amount" {
		t.Errorf("a different amount: %+v", f.Trades)
	}

	// A NaN portfolio value: the curve's drift is NaN from its session.
	fr = fakeRun[numeric.Float](values, trades)
	fr.Snapshots[1].PortfolioValue = numeric.Float(math.NaN())
	f = floatDrift(newOutcome(fr), ref)
	if !math.IsNaN(float64(f.CurveMaxAbs)) || !math.IsNaN(float64(f.CurveMaxRel)) || f.CurveMaxAbsSession != "2024-01-03" || f.CurveMaxRelSession != "2024-01-03" {
		t.Errorf("a NaN session: %+v", f)
	}
	// No drift: no session named.
	same := floatDrift(newOutcome(fakeRun[numeric.Float]([]string{"1", "2.5"}, nil)), newOutcome(fakeRun[numeric.Decimal]([]string{"1", "2.5"}, nil)))
	if same.CurveMaxAbs != 0 || same.CurveMaxRel != 0 || same.CurveMaxAbsSession != "" || same.CurveMaxRelSession != "" || same.FinalAbs != 0 {
		t.Errorf("no drift: %+v", same)
	}
}

func TestComputeDrift(t *testing.T) {
	values := []string{"1", "2"}
	o := map[string]*outcome{"float": newOutcome(fakeRun[numeric.Float](values, nil)), "fixed": newOutcome(fakeRun[numeric.Fixed](values, nil))}
	if d := computeDrift(o); d != nil {
		t.Errorf("without decimal: %+v, want nil", d)
	}
	o["decimal"] = newOutcome(fakeRun[numeric.Decimal](values, nil))
	d := computeDrift(o)
	if d == nil || d.Float == nil || d.Fixed == nil || !d.Fixed.Identical || d.Float.FinalAbs != 0 {
		t.Errorf("drift %+v", d)
	}
}

func TestOutcomeSame(t *testing.T) {
	values := []string{"100", "101"}
	a := newOutcome(fakeRun[numeric.Fixed](values, nil))
	if err := a.same(newOutcome(fakeRun[numeric.Fixed](values, nil))); err != nil {
		t.Errorf("same runs: %v", err)
	}
	if err := a.same(newOutcome(fakeRun[numeric.Fixed]([]string{"100.01", "101"}, nil))); err == nil {
		t.Error("a differing session passed")
	}
	if err := a.same(newOutcome(fakeRun[numeric.Fixed](values, [][3]string{{"1", "1", "0"}}))); err == nil {
		t.Error("a differing trade count passed")
	}
}

func TestRatText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0", "0"},
		{"1/100000000", "0.00000001"},
		{"-5/2", "-2.5"},
		{"1/3", "0.333333333333333333333333333333"},
	}
	for _, tt := range tests {
		r, _ := new(big.Rat).SetString(tt.in)
		if got := ratText(r); got != tt.want {
			t.Errorf("ratText(%s) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
