package report_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/engine"
	"github.com/pennybt/penny/pkg/report"
)

// outputsDoc is the documentation of the output files, checked here.
const outputsDoc = "../../docs/outputs.md"

// docTable returns the rows of the first table under the heading
// "## "+section of docs/outputs.md: its first cell without the backquotes,
// and its second.
func docTable(t *testing.T, section string) (keys, types []string) {
	t.Helper()
	b, err := os.ReadFile(outputsDoc)
	if err != nil {
		t.Fatal(err)
	}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "## ") {
			if in {
				break
			}
			in = line == "## "+section
			continue
		}
		if !in || !strings.HasPrefix(line, "| `") {
			continue
		}
		cells := strings.Split(line, " | ")
		keys = append(keys, strings.Trim(cells[0], "| `"))
		types = append(types, cells[1])
	}
	if len(keys) == 0 {
		t.Fatalf("%s: no table under ## %s", outputsDoc, section)
	}
	return keys, types
}

// jsonType is the JSON type of a value as docs/outputs.md names it.
func jsonType(v json.RawMessage) string {
	switch {
	case string(v) == "null":
		return "null"
	case v[0] == '"':
		return "string"
	case v[0] == '{':
		return "object"
	case bytes.ContainsAny(v, ".eE"):
		return "number"
	case v[0] == '-' || v[0] >= '0' && v[0] <= '9':
		return "integer"
	}
	return "other"
}

// TestOutputsDoc checks docs/outputs.md against what Penny writes: every
// key of summary.json, in order, with the JSON type each key holds in
// runs that trade and runs that do not, with and without a benchmark and
// corporate actions, undefined and unbounded statistics included (each
// key one type, or null where the table says so); and every column of
// daily.csv and transactions.csv.
func TestOutputsDoc(t *testing.T) {
	keys, types := docTable(t, "summary.json")

	res := runFixture[numeric.Fixed](t, fixtureStart, fixtureEnd)
	trading, err := report.Summarize(res, fixtureOptions())
	if err != nil {
		t.Fatal(err)
	}
	// The same run with corporate actions, and with wins and no loss (an
	// infinite profit factor).
	withActions := trading
	withActions.Dividends, withActions.Actions = "12.5", map[string]int{"split": 1, "cash_dividend": 2}
	withActions.Trades.Losses, withActions.Trades.AverageLoss, withActions.Trades.ProfitFactor = 0, "", math.Inf(1)
	// A run that never trades, without a benchmark.
	p := fixtureData[numeric.Fixed](t, fixtureStart, "2023-06-30")
	idle, err := engine.New(p, engine.StrategyFunc[numeric.Fixed](func(*engine.Context[numeric.Fixed]) {}),
		engine.Config[numeric.Fixed]{Capital: numeric.Int[numeric.Fixed](1000)})
	if err != nil {
		t.Fatal(err)
	}
	idleRes, err := idle.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	flat, err := report.Summarize(idleRes, report.Options{})
	if err != nil {
		t.Fatal(err)
	}

	// A run whose orders starved of volume (engine's testZeroVolume runs
	// one) has the optional count.
	starved := flat
	starved.UnfilledForVolume = 2

	seen := map[string]map[string]bool{} // key -> JSON types seen
	for name, s := range map[string]report.Summary{"trading": trading, "actions": withActions, "flat": flat, "starved": starved} {
		var b bytes.Buffer
		if err := s.WriteJSON(&b); err != nil {
			t.Fatal(err)
		}
		got, values := jsonObject(t, b.Bytes())
		// The file's keys are the table's, in its order, less the
		// optional ones it does not have.
		var want []string
		for i, k := range keys {
			if slices.Contains(got, k) || !strings.Contains(types[i], "optional") {
				want = append(want, k)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s run: summary.json keys\n%v\nthe table's\n%v", name, got, want)
		}
		for i, k := range got {
			if seen[k] == nil {
				seen[k] = map[string]bool{}
			}
			seen[k][jsonType(values[i])] = true
		}
	}
	for i, k := range keys {
		documented := strings.Split(strings.TrimSuffix(types[i], ", optional"), " or ")
		for typ := range seen[k] {
			// A number may be whole (a return of 0 is written 0).
			if !slices.Contains(documented, typ) && !(typ == "integer" && slices.Contains(documented, "number")) {
				t.Errorf("%s: a %s in summary.json; the table says %q", k, typ, types[i])
			}
		}
		if len(seen[k]) == 0 {
			t.Errorf("%s: in the table, in no summary.json", k)
		}
	}
	for _, k := range []string{"win_rate", "profit_factor", "average_win", "average_loss", "sharpe_ratio"} {
		if !seen[k]["null"] || len(seen[k]) != 2 {
			t.Errorf("%s: types %v; want null in some run and a value in another", k, seen[k])
		}
	}

	// The CSV files' columns.
	dir := t.TempDir()
	if err := report.WriteDir(dir, res, fixtureOptions()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"daily.csv", "transactions.csv"} {
		cols, _ := docTable(t, f)
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		header, _, _ := strings.Cut(string(b), "\n")
		for _, c := range strings.Split(header, ",") {
			if !slices.Contains(cols, c) && c != "record_cash" && c != "signal" { // the fixture's recorded series
				t.Errorf("%s: column %s is not in %s", f, c, outputsDoc)
			}
		}
	}
}
