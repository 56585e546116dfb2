package alpaca

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"cloud.google.com/go/civil"
	"github.com/alpacahq/alpaca-trade-api-go/v3/marketdata"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/corpaction"
)

// actionsEndpoint is the path of Alpaca's corporate actions, for
// messages.
const actionsEndpoint = "/v1/corporate-actions"

// actionsMagic starts a staged actions file.
const actionsMagic = "# penny-alpaca-actions v1"

// Origin is where the actions of this source say they were read.
const Origin = "alpaca"

// ErrActionSymbols: a corporate action turns a position into a symbol
// that is not in the request (see ActionSymbolsError).
var ErrActionSymbols = errors.New("corporate actions name symbols not in the request")

// ActionSymbolsError lists the corporate actions whose target (the
// acquirer of a merger, the new symbol of a name change or a spin-off) is
// not one of the symbols requested. Their bars are needed to value what
// the position becomes, so such actions are not left out silently: add
// the symbols to the request, or set NoActions.
type ActionSymbolsError struct {
	Symbols []string // the missing symbols, sorted
	Actions []string // the actions naming them, as corpaction.Action.String writes them
}

func (e *ActionSymbolsError) Error() string {
	return fmt.Sprintf("alpaca: %d corporate actions name symbols not in the request: %s (%s): add them to the symbols (their bars value what the position becomes), or leave the actions out (no actions)",
		len(e.Actions), strings.Join(e.Symbols, ", "), listActions(e.Actions))
}

func (e *ActionSymbolsError) Unwrap() error { return ErrActionSymbols }

func listActions(as []string) string {
	if len(as) <= 5 {
		return strings.Join(as, "; ")
	}
	return fmt.Sprintf("%s; and %d more", strings.Join(as[:5], "; "), len(as)-5)
}

func actionsPath(dir, id string) string { return filepath.Join(dir, windowsDir, id+".csv") }

// fetchActions gets the corporate actions of a window's symbols over the
// whole range, retrying by the policy, and returns them as the staged
// text: a first line with the window and what was left out, then the
// actions in package corpaction's CSV layout.
func (s *Source) fetchActions(ctx context.Context, client *marketdata.Client, cfg Config, w window, rep *Report) ([]byte, error) {
	var ca marketdata.CorporateActions
	err := s.retry(ctx, cfg, w, rep, func() error {
		var err error
		ca, err = client.GetCorporateActions(marketdata.GetCorporateActionsRequest{
			Symbols: w.Symbols,
			Start:   civil.DateOf(w.Start),
			End:     civil.DateOf(w.End.Add(-time.Nanosecond)),
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	as, left, err := convertActions(ca, w.Symbols)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s %s\n", actionsMagic, w.ID, encodeCounts(left))
	if err := corpaction.WriteCSV(&b, as); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Kinds of actions left out, the keys of Report.ActionsLeftOut.
const (
	leftOther     = "other symbol"        // the action is of a symbol not requested
	leftRights    = "rights distribution" // not modelled
	leftDuplicate = "duplicate"           // the same action twice
)

// converter turns the API's actions into Penny's, with the rules of the
// package documentation.
type converter struct {
	want map[string]bool
	out  []corpaction.Action[numeric.Decimal]
	seen map[string]bool
	left map[string]int
	err  error
}

func civilDay(d civil.Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// optDay returns a date that is set and not before ex, else zero.
func optDay(d *civil.Date, ex time.Time) time.Time {
	if d == nil || d.IsZero() || civilDay(*d).Before(ex) {
		return time.Time{}
	}
	return civilDay(*d)
}

// exOr returns the ex-date, or the process date when the API has none.
func exOr(ex, process civil.Date) time.Time {
	if ex.IsZero() {
		return civilDay(process)
	}
	return civilDay(ex)
}

// amount reads a rate as its shortest round-trip decimal.
func (c *converter) amount(what, symbol, field string, rate float64) numeric.Decimal {
	if c.err != nil {
		return numeric.Decimal{}
	}
	if math.IsNaN(rate) || math.IsInf(rate, 0) || rate <= 0 {
		c.err = &corpaction.ParseError{File: Origin + " " + actionsEndpoint, Field: what + " " + field, Value: strconv.FormatFloat(rate, 'g', -1, 64) + " (" + symbol + ")", Err: corpaction.ErrAmount}
		return numeric.Decimal{}
	}
	x, err := numeric.Parse[numeric.Decimal](strconv.FormatFloat(rate, 'f', -1, 64))
	if err != nil {
		c.err = &corpaction.ParseError{File: Origin + " " + actionsEndpoint, Field: what + " " + field, Value: symbol, Err: err}
	}
	return x
}

// ratio reads new and old rates as a ratio kept as new/old.
func (c *converter) ratio(what, symbol string, newRate, oldRate float64) corpaction.Ratio {
	if c.err != nil {
		return corpaction.Ratio{}
	}
	r, err := corpaction.RatioFromRates(newRate, oldRate)
	if err != nil {
		c.err = &corpaction.ParseError{File: Origin + " " + actionsEndpoint, Field: what + " rates",
			Value: fmt.Sprintf("%v:%v (%s)", newRate, oldRate, symbol), Err: fmt.Errorf("%w: %v", corpaction.ErrRatio, err)}
	}
	return r
}

// add keeps a, unless its symbol was not requested or it was seen.
func (c *converter) add(a corpaction.Action[numeric.Decimal]) {
	if c.err != nil {
		return
	}
	if !c.want[a.Symbol] {
		c.left[leftOther]++
		return
	}
	a.Origin = corpaction.Origin{File: Origin}
	key := fmt.Sprintf("%s|%s|%v|%s|%s|%s|%v", a.String(), a.Type, a.Special, a.PayDate, a.RecordDate, a.Ratio, a.Amount)
	if c.seen[key] {
		c.left[leftDuplicate]++
		return
	}
	c.seen[key] = true
	if err := a.Validate(); err != nil {
		c.err = err
		return
	}
	c.out = append(c.out, a)
}

// convertActions converts the API's actions of the symbols requested:
//
//	forward_splits, reverse_splits  split, ratio new_rate:old_rate, at the ex-date
//	cash_dividends                  cash_dividend (special_dividend), rate per share
//	stock_dividends                 stock_dividend, rate new shares per share
//	spin_offs                       spin_off of new_symbol, new_rate:source_rate
//	cash_mergers                    merger_cash of the acquiree, rate per share, at the effective date
//	stock_mergers                   merger_stock into the acquirer, acquirer_rate:acquiree_rate
//	stock_and_cash_mergers          merger_stock_and_cash, with cash_rate per share
//	redemptions                     merger_cash, rate per share, at the payable (else process) date
//	unit_splits                     spin_off of the alternate symbol (if any), then merger_stock
//	                                of old_symbol into new_symbol, at the effective date
//	name_changes                    name_change of old_symbol to new_symbol, at the process date
//	worthless_removals              worthless_removal, at the process date
//
// Rights distributions are left out (not modelled), as are actions of a
// symbol not requested (an acquirer's merger, seen from its side) and
// exact duplicates; the counts say so. A pay or record date before the
// ex-date is dropped (the cash is then paid at the ex-date).
func convertActions(ca marketdata.CorporateActions, symbols []string) ([]corpaction.Action[numeric.Decimal], map[string]int, error) {
	c := &converter{want: map[string]bool{}, seen: map[string]bool{}, left: map[string]int{}}
	for _, s := range symbols {
		c.want[s] = true
	}
	type A = corpaction.Action[numeric.Decimal]
	for _, x := range ca.ForwardSplits {
		c.add(A{Type: corpaction.Split, Symbol: x.Symbol, Date: exOr(x.ExDate, x.ProcessDate), Ratio: c.ratio("forward_split", x.Symbol, x.NewRate, x.OldRate)})
	}
	for _, x := range ca.ReverseSplits {
		c.add(A{Type: corpaction.Split, Symbol: x.Symbol, Date: exOr(x.ExDate, x.ProcessDate), Ratio: c.ratio("reverse_split", x.Symbol, x.NewRate, x.OldRate)})
	}
	for _, x := range ca.CashDividends {
		ex := exOr(x.ExDate, x.ProcessDate)
		c.add(A{Type: corpaction.CashDividend, Special: x.Special, Symbol: x.Symbol, Date: ex, Amount: c.amount("cash_dividend", x.Symbol, "rate", x.Rate),
			PayDate: optDay(x.PayableDate, ex), RecordDate: optDay(x.RecordDate, ex)})
	}
	for _, x := range ca.StockDividends {
		ex := exOr(x.ExDate, x.ProcessDate)
		c.add(A{Type: corpaction.StockDividend, Symbol: x.Symbol, Date: ex, Ratio: c.ratio("stock_dividend", x.Symbol, x.Rate, 1),
			PayDate: optDay(x.PayableDate, ex), RecordDate: optDay(x.RecordDate, ex)})
	}
	for _, x := range ca.SpinOffs {
		ex := exOr(x.ExDate, x.ProcessDate)
		c.add(A{Type: corpaction.SpinOff, Symbol: x.SourceSymbol, Target: x.NewSymbol, Date: ex, Ratio: c.ratio("spin_off", x.SourceSymbol, x.NewRate, x.SourceRate),
			PayDate: optDay(x.PayableDate, ex), RecordDate: optDay(x.RecordDate, ex)})
	}
	for _, x := range ca.CashMergers {
		eff := exOr(x.EffectiveDate, x.ProcessDate)
		c.add(A{Type: corpaction.MergerCash, Symbol: x.AcquireeSymbol, Date: eff, Amount: c.amount("cash_merger", x.AcquireeSymbol, "rate", x.Rate),
			PayDate: optDay(x.PayableDate, eff)})
	}
	for _, x := range ca.StockMergers {
		eff := exOr(x.EffectiveDate, x.ProcessDate)
		c.add(A{Type: corpaction.MergerStock, Symbol: x.AcquireeSymbol, Target: x.AcquirerSymbol, Date: eff,
			Ratio: c.ratio("stock_merger", x.AcquireeSymbol, x.AcquirerRate, x.AcquireeRate), PayDate: optDay(x.PayableDate, eff)})
	}
	for _, x := range ca.StockAndCashMergers {
		eff := exOr(x.EffectiveDate, x.ProcessDate)
		c.add(A{Type: corpaction.MergerStockAndCash, Symbol: x.AcquireeSymbol, Target: x.AcquirerSymbol, Date: eff,
			Ratio:  c.ratio("stock_and_cash_merger", x.AcquireeSymbol, x.AcquirerRate, x.AcquireeRate),
			Amount: c.amount("stock_and_cash_merger", x.AcquireeSymbol, "cash_rate", x.CashRate), PayDate: optDay(x.PayableDate, eff)})
	}
	for _, x := range ca.Redemptions {
		d := civilDay(x.ProcessDate)
		if x.PayableDate != nil && !x.PayableDate.IsZero() {
			d = civilDay(*x.PayableDate)
		}
		c.add(A{Type: corpaction.MergerCash, Symbol: x.Symbol, Date: d, Amount: c.amount("redemption", x.Symbol, "rate", x.Rate)})
	}
	for _, x := range ca.UnitSplits {
		eff := exOr(x.EffectiveDate, x.ProcessDate)
		if x.AlternateSymbol != "" && x.AlternateRate > 0 {
			c.add(A{Type: corpaction.SpinOff, Symbol: x.OldSymbol, Target: x.AlternateSymbol, Date: eff, Ratio: c.ratio("unit_split", x.OldSymbol, x.AlternateRate, x.OldRate)})
		}
		c.add(A{Type: corpaction.MergerStock, Symbol: x.OldSymbol, Target: x.NewSymbol, Date: eff, Ratio: c.ratio("unit_split", x.OldSymbol, x.NewRate, x.OldRate)})
	}
	for _, x := range ca.NameChanges {
		c.add(A{Type: corpaction.NameChange, Symbol: x.OldSymbol, Target: x.NewSymbol, Date: civilDay(x.ProcessDate)})
	}
	for _, x := range ca.WorthlessRemovals {
		c.add(A{Type: corpaction.WorthlessRemoval, Symbol: x.Symbol, Date: civilDay(x.ProcessDate)})
	}
	c.left[leftRights] += len(ca.RightsDistributions)
	if c.err != nil {
		return nil, nil, c.err
	}
	for k, n := range c.left {
		if n == 0 {
			delete(c.left, k)
		}
	}
	return c.out, c.left, nil
}

// encodeCounts writes counts as "k=n,k=n" (keys sorted, spaces as '_');
// "-" for none.
func encodeCounts(m map[string]int) string {
	if len(m) == 0 {
		return "-"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = strings.ReplaceAll(k, " ", "_") + "=" + strconv.Itoa(m[k])
	}
	return strings.Join(parts, ",")
}

func decodeCounts(s string, into map[string]int) error {
	if s == "-" {
		return nil
	}
	for _, p := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(p, "=")
		n, err := strconv.Atoi(v)
		if !ok || err != nil || n < 0 {
			return fmt.Errorf("bad count %q", p)
		}
		into[strings.ReplaceAll(k, "_", " ")] += n
	}
	return nil
}

// Actions reads the corporate actions of a complete staging area (see
// Download) into N: each amount parsed from its staged decimal text
// (the shortest round-trip decimal of the API's float64 rate), exactly
// in Fixed and Decimal (a value Fixed cannot hold is an error wrapping
// numeric.ErrPrecision), each ratio as the API's new/old rates. They are
// sorted as corpaction.Sort sorts them, from origin "alpaca". None are
// downloaded with adjusted bars, crypto or NoActions: Actions then
// returns none.
//
// An action whose target is not a requested symbol is an
// *ActionSymbolsError naming them all (ErrActionSymbols). The Report
// counts the actions kept and those left out (ActionsLeftOut).
func Actions[N numeric.Number[N]](s *Source, staging string) ([]corpaction.Action[N], *Report, error) {
	if err := s.Config.Validate(); err != nil {
		return nil, nil, err
	}
	cfg := s.Config.withDefaults()
	rep := &Report{ActionsLeftOut: map[string]int{}}
	if !cfg.actions() {
		return nil, rep, nil
	}
	prog, err := readProgress(staging)
	if err != nil {
		return nil, nil, fmt.Errorf("alpaca: %w", err)
	}
	if prog == nil || prog.Fingerprint != cfg.fingerprint() {
		return nil, nil, fmt.Errorf("alpaca: %s holds no download of this request: run Download first", staging)
	}
	done := map[string]bool{}
	for _, id := range prog.Done {
		done[id] = true
	}
	want := map[string]bool{}
	for _, sym := range cfg.Symbols {
		want[sym] = true
	}
	var out []corpaction.Action[N]
	for _, w := range plan(cfg, cfg.Calendar().Location()) {
		if !w.Actions {
			continue
		}
		if !done[w.ID] {
			return nil, nil, fmt.Errorf("alpaca: window %s was not downloaded: run Download first", w.ID)
		}
		as, err := readActions[N](staging, w.ID, rep.ActionsLeftOut)
		if err != nil {
			return nil, nil, err
		}
		out = append(out, as...)
	}
	for i := range out {
		out[i].Origin = corpaction.Origin{File: Origin}
	}
	corpaction.Sort(out)
	missing := map[string]bool{}
	var named []string
	for _, a := range out {
		if a.Target != "" && !want[a.Target] {
			missing[a.Target] = true
			named = append(named, a.String())
		}
	}
	if len(missing) > 0 {
		syms := make([]string, 0, len(missing))
		for m := range missing {
			syms = append(syms, m)
		}
		sort.Strings(syms)
		return nil, rep, &ActionSymbolsError{Symbols: syms, Actions: named}
	}
	rep.Actions = len(out)
	return out, rep, nil
}

// readActions reads a staged actions file back into N.
func readActions[N numeric.Number[N]](dir, id string, left map[string]int) ([]corpaction.Action[N], error) {
	path := actionsPath(dir, id)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("alpaca: %w: %v", ErrStaging, err)
	}
	first, _, _ := bytes.Cut(data, []byte("\n"))
	head := strings.TrimPrefix(string(first), actionsMagic+" "+id+" ")
	if head == string(first) {
		return nil, fmt.Errorf("alpaca: %w: %s:1: not an actions file for %s", ErrStaging, path, id)
	}
	if err := decodeCounts(head, left); err != nil {
		return nil, fmt.Errorf("alpaca: %w: %s:1: %v", ErrStaging, path, err)
	}
	// The first line is a comment to the reader, so lines count from it.
	as, err := corpaction.ReadCSV[N](bytes.NewReader(data), path)
	if err != nil {
		if errors.Is(err, numeric.ErrPrecision) || errors.Is(err, numeric.ErrOverflow) {
			return nil, fmt.Errorf("alpaca: %w", err)
		}
		return nil, fmt.Errorf("alpaca: %w: %v", ErrStaging, err)
	}
	return as, nil
}
