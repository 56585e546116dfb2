package ledger_test

import (
	"strings"
	"testing"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/ledger"
	"github.com/pennybt/penny/pkg/market"
)

type fill struct {
	asset                     market.Asset
	amount, price, commission string
}

var checkCases = []struct {
	name     string
	cash     string
	shorting bool
	maxLev   string // "" for a cash account
	setup    []fill
	mark     string // price ORCL is marked at after the setup ("" for none)
	check    fill
	want     string // "" if accepted, else a text of the reason
}{
	{name: "cash buy within cash", cash: "1000", check: fill{orcl, "9", "100", "1"}},
	{name: "cash buy of exactly the cash", cash: "1000", check: fill{orcl, "10", "99.9", "1"}},
	{name: "cash buy short by the commission", cash: "1000", check: fill{orcl, "10", "100", "1"},
		want: "insufficient cash: buying 10 ORCL at 100 costs 1000 plus commission 1 = 1001, cash is 1000"},
	{name: "sell beyond the position", cash: "1000", setup: []fill{{orcl, "5", "100", "0"}}, check: fill{orcl, "-6", "100", "0"},
		want: "selling 6 ORCL exceeds the position of 5 and shorting is disabled"},
	{name: "sell with no position", cash: "1000", check: fill{nvda, "-1", "10", "0"},
		want: "selling 1 NVDA exceeds the position of 0 and shorting is disabled"},
	{name: "sell the whole position", cash: "1000", setup: []fill{{orcl, "5", "100", "0"}}, check: fill{orcl, "-5", "90", "1"}},
	{name: "cash short up to the equity", cash: "1000", shorting: true, check: fill{orcl, "-10", "100", "0"}},
	{name: "cash short beyond the equity", cash: "1000", shorting: true, check: fill{orcl, "-11", "100", "0"},
		want: "selling 11 ORCL at 100 would raise the gross leverage to 1.1000 (gross exposure 1100, portfolio value 1000), above the maximum of 1"},
	{name: "cash short proceeds do not buy more", cash: "1000", shorting: true, setup: []fill{{orcl, "-10", "100", "0"}},
		check: fill{nvda, "10", "100", "0"}, want: "would raise the gross leverage to 2.0000"},
	{name: "cash cover is never refused", cash: "1000", shorting: true, setup: []fill{{orcl, "-10", "100", "0"}},
		mark: "250", check: fill{orcl, "10", "250", "5"}},
	{name: "cash flip within the equity", cash: "1000", shorting: true, setup: []fill{{orcl, "5", "100", "0"}},
		check: fill{orcl, "-15", "100", "0"}},
	{name: "cash flip beyond the equity", cash: "1000", shorting: true, setup: []fill{{orcl, "5", "100", "0"}},
		check: fill{orcl, "-20", "100", "0"}, want: "gross leverage to 1.5000 (gross exposure 1500, portfolio value 1000)"},
	{name: "margin buy on credit", cash: "1000", maxLev: "2", check: fill{orcl, "15", "100", "0"}},
	{name: "margin buy at the limit", cash: "1000", maxLev: "2", check: fill{orcl, "20", "100", "0"}},
	{name: "margin buy beyond the limit", cash: "1000", maxLev: "2", check: fill{orcl, "25", "100", "0"},
		want: "buying 25 ORCL at 100 would raise the gross leverage to 2.5000 (gross exposure 2500, portfolio value 1000), above the maximum of 2"},
	{name: "margin commission counts", cash: "1000", maxLev: "2", check: fill{orcl, "20", "100", "0.01"},
		want: "portfolio value 999.99"},
	{name: "margin without shorting", cash: "1000", maxLev: "2", check: fill{orcl, "-1", "100", "0"},
		want: "selling 1 ORCL exceeds the position of 0 and shorting is disabled"},
	{name: "margin short at the limit", cash: "1000", maxLev: "2", shorting: true, check: fill{orcl, "-20", "100", "0"}},
	{name: "margin reduce when over the limit", cash: "1000", maxLev: "2", setup: []fill{{orcl, "20", "100", "0"}},
		mark: "60", check: fill{orcl, "-5", "60", "1"}},
	{name: "margin add when over the limit", cash: "1000", maxLev: "2", setup: []fill{{orcl, "20", "100", "0"}},
		mark: "60", check: fill{orcl, "1", "60", "0"}, want: "gross leverage to 6.3000 (gross exposure 1260, portfolio value 200)"},
	{name: "margin with no equity left", cash: "1000", maxLev: "2", setup: []fill{{orcl, "20", "100", "0"}},
		mark: "40", check: fill{orcl, "1", "40", "0"}, want: "buying 1 ORCL at 40 would leave a portfolio value of -200"},
	{name: "margin fractional leverage", cash: "1000", maxLev: "0.5", check: fill{orcl, "6", "100", "0"},
		want: "gross leverage to 0.6000"},
}

//penny:backends
func testCheck[N numeric.Number[N]](t *testing.T) {
	for _, tc := range checkCases {
		t.Run(tc.name, func(t *testing.T) {
			acct := ledger.Account[N]{Shorting: tc.shorting}
			if tc.maxLev != "" {
				acct.MaxLeverage = num[N](t, tc.maxLev)
			}
			if err := acct.Validate(); err != nil {
				t.Fatal(err)
			}
			l := ledger.New(num[N](t, tc.cash), acct)
			for _, f := range tc.setup {
				x := tx[N](t, f.asset, f.amount, f.price, f.commission)
				if ok, reason := l.Check(x); !ok {
					t.Fatalf("setup fill refused: %s", reason)
				}
				l.Apply(x)
			}
			if tc.mark != "" {
				l.UpdatePrice(orcl.ID, num[N](t, tc.mark))
			}
			before := l.Valuation()
			ok, reason := l.Check(tx[N](t, tc.check.asset, tc.check.amount, tc.check.price, tc.check.commission))
			switch {
			case tc.want == "" && !ok:
				t.Errorf("refused: %s", reason)
			case tc.want != "" && ok:
				t.Errorf("accepted, want refused with %q", tc.want)
			case tc.want != "" && !strings.Contains(reason, tc.want):
				t.Errorf("reason %q, want one containing %q", reason, tc.want)
			case ok && reason != "":
				t.Errorf("accepted with a reason %q", reason)
			}
			if after := l.Valuation(); after.PortfolioValue.Cmp(before.PortfolioValue) != 0 || after.Gross.Cmp(before.Gross) != 0 ||
				after.Cash.Cmp(before.Cash) != 0 || len(l.Transactions()) != len(tc.setup) {
				t.Errorf("Check changed the ledger: %+v -> %+v", before, after)
			}
		})
	}
}

func TestCheck(t *testing.T) {
	backendtest.Run(t, testCheckByName)
}

func TestAccountValidate(t *testing.T) {
	if err := (ledger.Account[numeric.Fixed]{MaxLeverage: numeric.Int[numeric.Fixed](-1)}).Validate(); err == nil ||
		err.Error() != "ledger: max leverage -1: want 0 (a cash account) or a positive number" {
		t.Errorf("Validate = %v", err)
	}
	if (ledger.Account[numeric.Fixed]{}).Margin() || !(ledger.Account[numeric.Fixed]{MaxLeverage: 1}).Margin() {
		t.Error("Margin")
	}
}
