package alpaca

import (
	"context"
	"errors"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
)

// actionsAPI serves daily bars of A, B, C and META in January 2024 and
// the corporate actions of every kind the API has.
func actionsAPI(t *testing.T) *api {
	a := newAPI(t)
	a.pageSize = 3 // the actions come in pages of 3
	for _, sym := range []string{"A", "B", "C", "META"} {
		for _, d := range []string{"2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"} {
			a.add("1Day", sym, apiBar{T: at(d, "00:00"), Open: "10", High: "11", Low: "9", Cls: "10.5", Vol: "100"})
		}
	}
	act := func(group, date string, fields map[string]any, symbols ...string) {
		a.actions = append(a.actions, apiAction{group: group, symbols: symbols, date: date, fields: fields})
	}
	act("forward_splits", "2024-01-03", map[string]any{"symbol": "A", "new_rate": 4, "old_rate": 1, "process_date": "2024-01-03",
		"ex_date": "2024-01-03", "record_date": "2023-12-28", "payable_date": "2024-01-02"}, "A")
	// The same split again: a duplicate, left out.
	act("forward_splits", "2024-01-03", map[string]any{"symbol": "A", "new_rate": 4, "old_rate": 1, "process_date": "2024-01-04", "ex_date": "2024-01-03"}, "A")
	act("reverse_splits", "2024-01-04", map[string]any{"symbol": "B", "new_rate": 1, "old_rate": 10, "process_date": "2024-01-04", "ex_date": "2024-01-04"}, "B")
	act("forward_splits", "2024-01-05", map[string]any{"symbol": "C", "new_rate": 1.5, "old_rate": 1, "process_date": "2024-01-05", "ex_date": "2024-01-05"}, "C")
	act("cash_dividends", "2024-01-03", map[string]any{"symbol": "A", "rate": 0.24, "special": false, "foreign": false, "process_date": "2024-01-03",
		"ex_date": "2024-01-03", "record_date": "2024-01-04", "payable_date": "2024-01-18"}, "A")
	act("cash_dividends", "2024-01-03", map[string]any{"symbol": "A", "rate": 1.5, "special": true, "foreign": false, "process_date": "2024-01-03",
		"ex_date": "2024-01-03", "payable_date": "2024-01-02"}, "A")
	act("cash_dividends", "2024-01-04", map[string]any{"symbol": "B", "rate": 0.0825, "special": false, "foreign": false, "process_date": "2024-01-04",
		"ex_date": "2024-01-04", "payable_date": "2024-02-01"}, "B")
	act("stock_dividends", "2024-01-04", map[string]any{"symbol": "C", "rate": 0.05, "process_date": "2024-01-04", "ex_date": "2024-01-04"}, "C")
	act("spin_offs", "2024-01-04", map[string]any{"source_symbol": "A", "source_rate": 3, "new_symbol": "C", "new_rate": 1,
		"process_date": "2024-01-04", "ex_date": "2024-01-04"}, "A", "C")
	act("cash_mergers", "2024-01-05", map[string]any{"acquiree_symbol": "B", "rate": 12.5, "process_date": "2024-01-05", "effective_date": "2024-01-05"}, "B")
	// A's acquisition of Z, seen from A's side: left out.
	act("cash_mergers", "2024-01-05", map[string]any{"acquirer_symbol": "A", "acquiree_symbol": "Z", "rate": 3, "process_date": "2024-01-05", "effective_date": "2024-01-05"}, "A", "Z")
	act("stock_mergers", "2024-01-05", map[string]any{"acquirer_symbol": "A", "acquirer_rate": 0.5, "acquiree_symbol": "C", "acquiree_rate": 1,
		"process_date": "2024-01-05", "effective_date": "2024-01-05"}, "A", "C")
	act("stock_and_cash_mergers", "2024-01-05", map[string]any{"acquirer_symbol": "META", "acquirer_rate": 0.25, "acquiree_symbol": "A", "acquiree_rate": 1,
		"cash_rate": 7.125, "process_date": "2024-01-05", "effective_date": "2024-01-05"}, "A", "META")
	act("redemptions", "2024-01-04", map[string]any{"symbol": "META", "rate": 25, "process_date": "2024-01-03", "payable_date": "2024-01-04"}, "META")
	act("name_changes", "2024-01-02", map[string]any{"old_symbol": "C", "new_symbol": "META", "process_date": "2024-01-02"}, "C", "META")
	act("worthless_removals", "2024-01-05", map[string]any{"symbol": "B", "process_date": "2024-01-05"}, "B")
	act("rights_distributions", "2024-01-03", map[string]any{"source_symbol": "A", "new_symbol": "AR", "rate": 1, "process_date": "2024-01-03",
		"ex_date": "2024-01-03", "payable_date": "2024-01-10"}, "A")
	act("unit_splits", "2024-01-05", map[string]any{"old_symbol": "META", "old_rate": 1, "new_symbol": "C", "new_rate": 1, "alternate_symbol": "A",
		"alternate_rate": 0.5, "process_date": "2024-01-05", "effective_date": "2024-01-05"}, "META", "C", "A")
	// Outside the dates: not served.
	act("forward_splits", "2024-03-01", map[string]any{"symbol": "A", "new_rate": 2, "old_rate": 1, "process_date": "2024-03-01", "ex_date": "2024-03-01"}, "A")
	return a
}

var january = Config{Symbols: []string{"A", "B", "C", "META"}, Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)}

// wantActions are the actions of actionsAPI, as Penny has them: rates as
// their shortest decimals, split ratios as new/old, a pay or record date
// before the ex-date dropped.
var wantActions = []string{
	"2024-01-02 C name_change META pay= record=",
	"2024-01-03 A split 4 pay= record=",
	"2024-01-03 A cash_dividend 0.24 pay=2024-01-18 record=2024-01-04",
	"2024-01-03 A special cash_dividend 1.5 pay= record=",
	"2024-01-04 A spin_off 1:3 C pay= record=",
	"2024-01-04 B split 1:10 pay= record=",
	"2024-01-04 B cash_dividend 0.0825 pay=2024-02-01 record=",
	"2024-01-04 C stock_dividend 1:20 pay= record=",
	"2024-01-04 META merger_cash 25 pay= record=",
	"2024-01-05 A merger_stock_and_cash 1:4 7.125 META pay= record=",
	"2024-01-05 B merger_cash 12.5 pay= record=",
	"2024-01-05 B worthless_removal pay= record=",
	"2024-01-05 C split 3:2 pay= record=",
	"2024-01-05 C merger_stock 1:2 A pay= record=",
	"2024-01-05 META spin_off 1:2 A pay= record=",
	"2024-01-05 META merger_stock 1 C pay= record=",
}

func actionText[N numeric.Number[N]](as []corpaction.Action[N]) []string {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.DateOnly)
	}
	out := make([]string, len(as))
	for i, a := range as {
		s := a.String()
		if a.Special {
			s = strings.Replace(s, " cash_dividend", " special cash_dividend", 1)
		}
		out[i] = s + " pay=" + date(a.PayDate) + " record=" + date(a.RecordDate)
	}
	return out
}

// TestActions: every kind of action converted, paged, sorted, exactly in
// every backend; the actions of other symbols, rights distributions and
// duplicates left out and counted.
func TestActions(t *testing.T) { backendtest.Run(t, testActionsByName) }

//penny:backends
func testActions[N numeric.Number[N]](t *testing.T) {
	a := actionsAPI(t)
	src := a.source(january, &sleeps{})
	staging := t.TempDir()
	rep, err := src.Download(context.Background(), staging)
	if err != nil {
		t.Fatal(err)
	}
	as, arep, err := Actions[N](src, staging)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range as {
		if x.Origin.String() != "alpaca" {
			t.Errorf("%s: origin %s", x, x.Origin)
		}
	}
	if got := actionText(as); strings.Join(got, "\n") != strings.Join(wantActions, "\n") {
		t.Errorf("actions:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(wantActions, "\n"))
	}
	left := map[string]int{"other symbol": 1, "rights distribution": 1, "duplicate": 1}
	if arep.Actions != len(wantActions) || len(arep.ActionsLeftOut) != 3 {
		t.Errorf("report %+v", arep)
	}
	for k, n := range left {
		if arep.ActionsLeftOut[k] != n {
			t.Errorf("left out %v, want %v", arep.ActionsLeftOut, left)
		}
	}
	// One call for the actions, paged by 3 (18 in the dates, 6 pages).
	pages := 0
	for i := range a.count() {
		if u := a.req(i); u.Path == actionsEndpoint {
			pages++
			if q := u.Query(); q.Get("symbols") != "A,B,C,META" || q.Get("start") != "2024-01-01" || q.Get("end") != "2024-01-31" {
				t.Errorf("query %v", q)
			}
		}
	}
	if pages != 6 || rep.Windows != 2 {
		t.Errorf("%d pages of actions, %d windows", pages, rep.Windows)
	}
}

// TestActionsPrecision: a rate with more decimals than Fixed holds is an
// error wrapping numeric.ErrPrecision (the ingest reads again with
// Decimal), and Decimal reads it exactly.
func TestActionsPrecision(t *testing.T) {
	a := actionsAPI(t)
	a.actions = []apiAction{{group: "cash_dividends", symbols: []string{"A"}, date: "2024-01-03",
		fields: map[string]any{"symbol": "A", "rate": 0.123456789, "process_date": "2024-01-03", "ex_date": "2024-01-03"}}}
	src := a.source(january, &sleeps{})
	staging := t.TempDir()
	if _, err := src.Download(context.Background(), staging); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Actions[numeric.Fixed](src, staging); !errors.Is(err, numeric.ErrPrecision) {
		t.Errorf("fixed: %v", err)
	}
	as, _, err := Actions[numeric.Decimal](src, staging)
	if err != nil || len(as) != 1 || as[0].Amount.String() != "0.123456789" {
		t.Errorf("decimal: %v %v", as, err)
	}
}

// TestActionsTargets: an action into a symbol not requested fails with
// every such symbol named; NoActions leaves the actions out and makes no
// request for them.
func TestActionsTargets(t *testing.T) {
	a := actionsAPI(t)
	cfg := january
	cfg.Symbols = []string{"A", "B", "C"}
	src := a.source(cfg, &sleeps{})
	_, _, _, err := Fetch[numeric.Fixed](context.Background(), src, t.TempDir())
	var se *ActionSymbolsError
	if !errors.As(err, &se) || !errors.Is(err, ErrActionSymbols) || strings.Join(se.Symbols, ",") != "META" ||
		!strings.Contains(err.Error(), "2024-01-02 C name_change META") || !strings.Contains(err.Error(), "2024-01-05 A merger_stock_and_cash 1:4 7.125 META") {
		t.Errorf("error %v", err)
	}
	n := a.count()
	cfg.NoActions = true
	ds, as, rep, err := Fetch[numeric.Fixed](context.Background(), a.source(cfg, &sleeps{}), t.TempDir())
	if err != nil || len(as) != 0 || len(ds.Series) != 3 || rep.Windows != 1 {
		t.Fatalf("no actions: %v, %d actions, %+v", err, len(as), rep)
	}
	for i := n; i < a.count(); i++ {
		if a.req(i).Path == actionsEndpoint {
			t.Errorf("NoActions requested %v", a.req(i))
		}
	}
}

// TestActionsErrors: a refused or failing actions request is a
// *RequestError naming the endpoint; a bad rate names the action's kind,
// field and value; a damaged staged file is ErrStaging.
func TestActionsErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		status int
		is     error
		want   string
	}{
		{"refused", http.StatusUnprocessableEntity, ErrRefused, "GET /v1/corporate-actions (A,B,C,META; 2024-01-01..2024-01-31): HTTP 422: request refused"},
		{"unavailable", http.StatusServiceUnavailable, ErrRetries, "HTTP 503: retries exhausted after 2 attempts"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := actionsAPI(t)
			a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
				if r.URL.Path == actionsEndpoint {
					writeJSON(w, r, tc.status, map[string]any{"message": "no"})
					return true
				}
				return false
			}
			cfg := january
			cfg.MaxAttempts = 2
			_, err := a.source(cfg, &sleeps{}).Download(context.Background(), t.TempDir())
			var re *RequestError
			if !errors.As(err, &re) || !errors.Is(err, tc.is) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want %q", err, tc.want)
			}
		})
	}
	a := actionsAPI(t)
	a.actions = []apiAction{{group: "cash_dividends", symbols: []string{"B"}, date: "2024-01-03",
		fields: map[string]any{"symbol": "B", "rate": -0.5, "process_date": "2024-01-03", "ex_date": "2024-01-03"}}}
	_, err := a.source(january, &sleeps{}).Download(context.Background(), t.TempDir())
	if !errors.Is(err, corpaction.ErrAmount) || !strings.Contains(err.Error(), `field "cash_dividend rate" value "-0.5 (B)"`) {
		t.Errorf("negative rate: %v", err)
	}

	a = actionsAPI(t)
	src := a.source(january, &sleeps{})
	staging := t.TempDir()
	if _, err := src.Download(context.Background(), staging); err != nil {
		t.Fatal(err)
	}
	path := actionsPath(staging, "a000")
	b, _ := os.ReadFile(path)
	if err := atomicfile.WriteFile(path, append(b, "2024-01-09,A,split,banana,,,,\n"...)); err != nil {
		t.Fatal(err)
	}
	if _, _, err := Actions[numeric.Fixed](src, staging); !errors.Is(err, ErrStaging) || !strings.Contains(err.Error(), path) {
		t.Errorf("damaged staging: %v", err)
	}
}

// TestAdjustments: comma-combined adjustments are accepted and sent as
// given; adjusted bars come without actions (their prices already
// reflect them).
func TestAdjustments(t *testing.T) {
	for _, adj := range []string{"split,spin-off", "spin-off", "dividend,split", "split,dividend,spin-off", "all"} {
		a := actionsAPI(t)
		cfg := january
		cfg.Adjustment = adj
		_, as, rep, err := Fetch[numeric.Fixed](context.Background(), a.source(cfg, &sleeps{}), t.TempDir())
		if err != nil || len(as) != 0 || rep.Windows != 1 {
			t.Errorf("%s: %v, %d actions, %d windows", adj, err, len(as), rep.Windows)
		}
		if got := a.req(0).Query().Get("adjustment"); got != adj {
			t.Errorf("%s: sent %q", adj, got)
		}
		if o := cfg.Options(); o["adjustment"] != adj || o["actions"] != "false" {
			t.Errorf("%s: options %v", adj, o)
		}
	}
	for _, adj := range []string{"split,split", "raw,split", "split,", "Split", "all,split"} {
		cfg := january
		cfg.Adjustment = adj
		if err := cfg.Validate(); err == nil || !strings.Contains(err.Error(), "adjustment") {
			t.Errorf("%q accepted: %v", adj, err)
		}
	}
}
