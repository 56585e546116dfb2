package smacross_test

import (
	"context"
	"encoding/csv"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
	"github.com/pennybt/penny/strategies/builtin"
)

// refData is the repository's folder of real data, testdata/ at its root
// (see the README.md there).
const refData = "../../testdata"

// trade is one fill of the reference computation.
type trade struct {
	date   string
	amount int64
	price  *big.Rat
}

// reference replays the crossover rules on the rows of a Yahoo-layout file
// as written (its Open..Close are split-adjusted; see testdata/README.md),
// independently of the engine and the indicator package: SMAs as
// big.Rat window sums recomputed at every row, a signal at row i filling
// at the open of row i+1, 100 shares long only.
func reference(t *testing.T, path string, fast, slow int, shares int64) ([]trade, *big.Rat, map[string]bool) {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	head := rows[0]
	col := func(name string) int {
		for i, h := range head {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	iDate, iOpen, iClose := col("Date"), col("Open"), col("Close")
	rows = rows[1:]
	closes := make([]*big.Rat, len(rows))
	for i, r := range rows {
		closes[i], _ = new(big.Rat).SetString(r[iClose])
	}
	mean := func(end, n int) *big.Rat {
		s := new(big.Rat)
		for _, c := range closes[end-n+1 : end+1] {
			s.Add(s, c)
		}
		return s.Quo(s, big.NewRat(int64(n), 1))
	}
	cash := big.NewRat(100000, 1)
	var trades []trade
	// nearTie holds the dates of the rows after which |fast - slow| is
	// below 1e-9: where float64's rounding may decide the sign.
	nearTie := map[string]bool{}
	eps := big.NewRat(1, 1e9)
	var held int64
	prev := 0
	for i := slow - 1; i < len(rows); i++ {
		gap := new(big.Rat).Sub(mean(i, fast), mean(i, slow))
		if new(big.Rat).Abs(gap).Cmp(eps) < 0 && i+1 < len(rows) {
			nearTie[rows[i+1][iDate]] = true
		}
		d := gap.Sign()
		if d == 0 {
			continue
		}
		signal := prev != 0 && d != prev
		prev = d
		if !signal || i+1 >= len(rows) {
			continue
		}
		open, _ := new(big.Rat).SetString(rows[i+1][iOpen])
		amount := int64(0)
		switch {
		case d > 0 && held == 0:
			amount = shares
		case d < 0 && held > 0:
			amount = -held
		}
		if amount == 0 {
			continue
		}
		held += amount
		cash.Sub(cash, new(big.Rat).Mul(big.NewRat(amount, 1), open))
		trades = append(trades, trade{rows[i+1][iDate], amount, open})
	}
	return trades, cash, nearTie
}

func TestORCLAgainstReference(t *testing.T) {
	backendtest.Run(t, testORCLByName)
}

//penny:backends
func testORCL[N numeric.Number[N]](t *testing.T) {
	path := filepath.Join(refData, "orcl-1995-2014.txt")
	want, wantCash, nearTie := reference(t, path, 10, 30, 100)
	if len(want) < 50 {
		t.Fatalf("reference has only %d trades: the test would prove little", len(want))
	}

	cfg, err := config.Parse([]byte(`
name: orcl-sma
backend: fixed
capital: 100000
data:
  source: csv
  files: {ORCL: ` + path + `}
strategy:
  name: sma_crossover
  params: {fast: 10, slow: 30, shares: 100}
execution:
  fill: next_open
`))
	if err != nil {
		t.Fatal(err)
	}
	env := runner.Env{Getenv: func(string) string { return "" }, Strategies: builtin.Table()}
	data, err := runner.LoadData[N](cfg, env)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runner.Run(context.Background(), cfg, data, env, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Transactions
	float := numeric.Backend[N]() == "float"
	for i, w := range want {
		if i >= len(got) {
			t.Fatalf("%d transactions, reference %d", len(got), len(want))
		}
		g := got[i]
		if date := g.Time.Format("2006-01-02"); date != w.date {
			// Float's rounding may flip the sign of a near tie; the exact
			// backends must never differ.
			if float && (nearTie[date] || nearTie[w.date]) {
				t.Logf("float drift: trade %d on %s, reference %s, after a near tie of the SMAs (|fast-slow| < 1e-9); %d trades agreed before", i, date, w.date, i)
				return
			}
			t.Fatalf("trade %d: %v, reference %s", i, g, w.date)
		}
		if g.Amount.Cmp(numeric.Int[N](w.amount)) != 0 {
			t.Fatalf("trade %d: amount %v, reference %d", i, g.Amount, w.amount)
		}
		if wp, _ := numeric.Parse[N](w.price.FloatString(8)); g.Price.Cmp(wp) != 0 {
			t.Fatalf("trade %d: price %v, reference %s", i, g.Price, w.price.FloatString(8))
		}
	}
	cash, _ := new(big.Rat).SetString(res.Cash.String())
	if len(got) != len(want) {
		t.Fatalf("%d transactions, reference %d", len(got), len(want))
	}
	if float {
		wf, _ := wantCash.Float64()
		if diff := res.Cash.Float64() - wf; diff > 1e-6 || diff < -1e-6 {
			t.Fatalf("float cash %v, reference %s", res.Cash, wantCash.FloatString(8))
		}
		return
	}
	if cash.Cmp(wantCash) != 0 {
		t.Fatalf("cash %v, reference %s", res.Cash, wantCash.FloatString(8))
	}
}
