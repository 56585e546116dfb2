package corpaction

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
)

func day(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestResolve(t *testing.T) {
	// Sessions: Jan 3-7 2000 less Jan 5 (a holiday of this test).
	sessions := []time.Time{day("2000-01-03"), day("2000-01-04"), day("2000-01-06"), day("2000-01-07")}
	text := `date,symbol,type,ratio,amount,pay_date,target
2000-01-04,A,split,2,,,
2000-01-05,B,cash_dividend,,0.5,2000-01-07,
1999-12-31,A,split,2,,,
2000-01-08,A,split,2,,,
2000-01-06,B,cash_dividend,,0.25,2000-02-01,
2000-01-07,A,spin_off,1,,,B
`
	as, err := ReadCSV[numeric.Fixed](strings.NewReader(text), "a.csv")
	if err != nil {
		t.Fatal(err)
	}
	sc, err := Resolve(as, []string{"A", "B", "C"}, sessions)
	if err != nil {
		t.Fatal(err)
	}
	if len(sc.Items) != 4 {
		t.Fatalf("%d items: %+v", len(sc.Items), sc.Items)
	}
	got := []string{}
	for _, it := range sc.Items {
		got = append(got, it.Action.String()+" @"+sessions[it.Session].Format("02"))
	}
	want := "2000-01-04 A split 2 @04|2000-01-05 B cash_dividend 0.5 @06|2000-01-06 B cash_dividend 0.25 @06|2000-01-07 A spin_off 1 B @07"
	if strings.Join(got, "|") != want {
		t.Errorf("schedule\n%s\nwant\n%s", strings.Join(got, "|"), want)
	}
	if it := sc.Items[1]; it.PaySession != 3 {
		t.Errorf("pay session of the moved dividend %d, want 3", it.PaySession)
	}
	if it := sc.Items[2]; it.PaySession != -1 {
		t.Errorf("pay after the run: pay session %d, want -1", it.PaySession)
	}
	if it := sc.Items[3]; it.Asset != 0 || it.Target != 1 {
		t.Errorf("spin-off IDs %d -> %d", it.Asset, it.Target)
	}
	if !sc.Assets[0] || !sc.Assets[1] || sc.Assets[2] {
		t.Errorf("assets with actions %v", sc.Assets)
	}
	if len(sc.Warnings) != 3 {
		t.Fatalf("warnings %v", sc.Warnings)
	}
	for _, w := range sc.Warnings {
		if !strings.HasPrefix(w.String(), "a.csv:") {
			t.Errorf("warning %q does not name the file and line", w)
		}
	}
	if !strings.Contains(sc.Warnings[1].String(), "a.csv:3") || !strings.Contains(sc.Warnings[1].What, "next, 2000-01-06") {
		t.Errorf("moved warning %v", sc.Warnings[1])
	}

	for _, sym := range []string{"Z", "B"} {
		bad := []Action[numeric.Fixed]{{Type: SpinOff, Symbol: "A", Target: "Q", Ratio: Ratio{1, 1}, Date: day("2000-01-04"), Origin: Origin{"x.csv", 7}}}
		field := "target"
		if sym == "Z" {
			bad[0].Symbol, field = "Z", "symbol"
		}
		_, err := Resolve(bad, []string{"A", "B"}, sessions)
		var pe *ParseError
		if !errors.As(err, &pe) || !errors.Is(err, ErrUnknownSymbol) || pe.Line != 7 || pe.Field != field {
			t.Errorf("unknown %s: %v", field, err)
		}
	}
}
