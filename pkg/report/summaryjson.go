package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pennybt/penny/internal/jsonfloat"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/pkg/metrics"
)

// dateLayout is how summary.json and daily.csv write session dates.
const dateLayout = "2006-01-02"

// summaryJSON fixes the keys of summary.json other than the metrics, and
// their order.
type summaryJSON struct {
	Name              string         `json:"name"`
	Backend           string         `json:"backend"`
	Frequency         string         `json:"frequency"`
	Start             string         `json:"start"`
	End               string         `json:"end"`
	Benchmark         string         `json:"benchmark,omitempty"`
	StartingCash      string         `json:"starting_cash"`
	EndingCash        string         `json:"ending_cash"`
	EndingValue       string         `json:"ending_value"`
	PnL               string         `json:"pnl"`
	TotalCommission   string         `json:"total_commission"`
	TotalSlippage     string         `json:"total_slippage"`
	TotalReturn       nullFloat      `json:"total_return"`
	Sessions          int            `json:"sessions"`
	Bars              int            `json:"bars"`
	AssetBars         int            `json:"asset_bars"`
	Orders            int            `json:"orders"`
	Fills             int            `json:"fills"`
	FilledOrders      int            `json:"filled_orders"`
	RejectedOrders    int            `json:"rejected_orders"`
	CancelledOrders   int            `json:"cancelled_orders"`
	OrdersByStatus    statusCounts   `json:"orders_by_status"`
	UnfilledForVolume int            `json:"orders_unfilled_for_volume,omitempty"`
	Turnover          nullFloat      `json:"turnover"`
	GrossExposure     nullFloat      `json:"average_gross_exposure"`
	NetExposure       nullFloat      `json:"average_net_exposure"`
	ElapsedSeconds    float64        `json:"elapsed_seconds"`
	RoundTrips        int            `json:"round_trips"`
	Wins              int            `json:"wins"`
	Losses            int            `json:"losses"`
	WinRate           nullFloat      `json:"win_rate"`
	ProfitFactor      nullFloat      `json:"profit_factor"`
	AverageWin        *string        `json:"average_win"`
	AverageLoss       *string        `json:"average_loss"`
	RoundTripsPnL     string         `json:"round_trips_pnl"`
	OpenRoundTrips    int            `json:"open_round_trips"`
	OpenPnL           string         `json:"open_round_trips_pnl"`
	Dividends         string         `json:"dividends,omitempty"`
	Actions           map[string]int `json:"actions,omitempty"`
}

// statusCounts is orders_by_status: the number of orders in each final
// status, every status present, in the order of order.Status.
type statusCounts struct {
	Open            int `json:"open"`
	PartiallyFilled int `json:"partially_filled"`
	Filled          int `json:"filled"`
	Cancelled       int `json:"cancelled"`
	Rejected        int `json:"rejected"`
}

// UnmarshalJSON reads an object of the five counts, strictly: every
// status present, no other key.
func (c *statusCounts) UnmarshalJSON(b []byte) error {
	type plain statusCounts
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	if len(all) != 5 {
		return fmt.Errorf("orders_by_status: want the 5 statuses, got %d keys", len(all))
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.DisallowUnknownFields()
	var p plain
	if err := d.Decode(&p); err != nil {
		return fmt.Errorf("orders_by_status: %w", err)
	}
	*c = statusCounts(p)
	return nil
}

func newStatusCounts(m map[string]int) statusCounts {
	return statusCounts{m["open"], m["partially_filled"], m["filled"], m["cancelled"], m["rejected"]}
}

func (c statusCounts) byName() map[string]int {
	return map[string]int{"open": c.Open, "partially_filled": c.PartiallyFilled, "filled": c.Filled,
		"cancelled": c.Cancelled, "rejected": c.Rejected}
}

// nullFloat is a statistic of summary.json: a JSON number when finite,
// null when NaN (undefined) or infinite (unbounded), as pandas' to_json
// writes them, so that each key holds a number or null in every run. null
// reads back as NaN.
type nullFloat float64

// MarshalJSON writes the shortest number that reads back to f, or null.
func (f nullFloat) MarshalJSON() ([]byte, error) {
	if v := float64(f); !finite(v) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}

// UnmarshalJSON reads a JSON number (within the range of a float64), or
// null as NaN.
func (f *nullFloat) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*f = nullFloat(math.NaN())
		return nil
	}
	var v jsonfloat.Float
	if len(b) > 0 && b[0] == '"' {
		return fmt.Errorf("want a number or null, got %s", b)
	}
	if err := v.UnmarshalJSON(b); err != nil {
		return err
	}
	*f = nullFloat(v)
	return nil
}

// nullable returns a pointer to s, nil for "".
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// MarshalJSON writes one flat object (docs/outputs.md has a table of
// every key), in this order:
//
//   - the run: name, backend, frequency, start, end (session dates,
//     2006-01-02), benchmark (only when there is one);
//   - money, as exact decimal strings: starting_cash, ending_cash,
//     ending_value, pnl, total_commission, total_slippage; then
//     total_return (a number);
//   - counts: sessions, bars, asset_bars, orders, fills, filled_orders,
//     rejected_orders, cancelled_orders, orders_by_status (an object of
//     the count of each final status: open, partially_filled, filled,
//     cancelled, rejected); turnover, average_gross_exposure,
//     average_net_exposure; elapsed_seconds;
//   - trades (see TradeSummary): round_trips, wins, losses, win_rate,
//     profit_factor (numbers), average_win, average_loss, round_trips_pnl
//     (exact decimal strings; the averages null when there is no win or
//     no loss), open_round_trips, open_round_trips_pnl (a string);
//   - corporate actions, only for a run that had some: dividends (the
//     dividend income, an exact string) and actions (the number applied
//     of each type, by type name);
//   - the metrics, with the keys and values of `penny stats --json`
//     (empyrical's function names: cum_returns_final ... value_at_risk,
//     then alpha, beta, excess_sharpe when there is a benchmark), but
//     cum_returns_final, which is total_return.
//
// Each key holds one JSON type in every run: money and names are
// strings (average_win and average_loss a string or null), counts are
// integers, statistics are numbers (the shortest text that reads back to
// the same float64) or null where the figure is not a finite number (a
// NaN: win_rate with no round trip, sharpe_ratio of a flat run; an
// infinity: profit_factor with wins and no loss).
func (s Summary) MarshalJSON() ([]byte, error) {
	head, err := marshal(s.head())
	if err != nil {
		return nil, err
	}
	m, err := json.Marshal(s.Metrics)
	if err != nil {
		return nil, err
	}
	m, err = nullNonFinite(m)
	if err != nil {
		return nil, err
	}
	// Two objects joined into one: {head...} + {metrics...}.
	out := make([]byte, 0, len(head)+len(m))
	out = append(out, head[:len(head)-1]...)
	out = append(out, ',')
	out = append(out, m[1:]...)
	return out, nil
}

// nonFiniteJSON are the strings package metrics (and jsonfloat) write for
// the values a JSON number cannot hold.
var nonFiniteJSON = []string{`"NaN"`, `"Infinity"`, `"-Infinity"`}

// nullNonFinite rewrites the JSON object of metrics.Summary with null in
// place of "NaN", "Infinity" and "-Infinity", keeping the keys' order.
// Its values are numbers or one of those three strings, and its keys are
// names without quotes or colons, so the text :"NaN" is a value wherever
// it appears.
func nullNonFinite(b []byte) ([]byte, error) {
	if len(b) < 2 || b[0] != '{' || b[len(b)-1] != '}' {
		return nil, fmt.Errorf("not a JSON object")
	}
	for _, v := range nonFiniteJSON {
		b = bytes.ReplaceAll(b, []byte(":"+v), []byte(":null"))
	}
	return b, nil
}

func (s *Summary) head() summaryJSON {
	return summaryJSON{
		Name:              s.Name,
		Backend:           s.Backend,
		Frequency:         s.Frequency.String(),
		Start:             formatDate(s.Start),
		End:               formatDate(s.End),
		Benchmark:         s.Benchmark,
		StartingCash:      s.StartingCash,
		EndingCash:        s.EndingCash,
		EndingValue:       s.EndingValue,
		PnL:               s.PnL,
		TotalCommission:   s.TotalCommission,
		TotalSlippage:     s.TotalSlippage,
		TotalReturn:       nullFloat(s.TotalReturn),
		Sessions:          s.Sessions,
		Bars:              s.Bars,
		AssetBars:         s.AssetBars,
		Orders:            s.Orders,
		Fills:             s.Fills,
		FilledOrders:      s.FilledOrders,
		RejectedOrders:    s.RejectedOrders,
		CancelledOrders:   s.CancelledOrders,
		OrdersByStatus:    newStatusCounts(s.OrdersByStatus),
		UnfilledForVolume: s.UnfilledForVolume,
		Turnover:          nullFloat(s.Turnover),
		GrossExposure:     nullFloat(s.GrossExposure),
		NetExposure:       nullFloat(s.NetExposure),
		ElapsedSeconds:    s.Elapsed.Seconds(),
		RoundTrips:        s.Trades.Count,
		Wins:              s.Trades.Wins,
		Losses:            s.Trades.Losses,
		WinRate:           nullFloat(s.Trades.WinRate),
		ProfitFactor:      nullFloat(s.Trades.ProfitFactor),
		AverageWin:        nullable(s.Trades.AverageWin),
		AverageLoss:       nullable(s.Trades.AverageLoss),
		RoundTripsPnL:     s.Trades.PnL,
		OpenRoundTrips:    s.Trades.Open,
		OpenPnL:           s.Trades.OpenPnL,
		Dividends:         s.Dividends,
		Actions:           s.Actions,
	}
}

// UnmarshalJSON reads what MarshalJSON writes, strictly: an unknown key is
// an error, and so is a missing one (name and benchmark excepted; alpha,
// beta and excess_sharpe go together, as in metrics.Summary). A JSON
// null leaves s unchanged, by the convention of encoding/json.
func (s *Summary) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		return nil
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return fmt.Errorf("report: summary: %w", err)
	}
	headKeys, metricKeys := summaryKeys()
	metricPart := map[string]json.RawMessage{}
	var unknown []string
	for k, v := range all {
		switch {
		case slices.Contains(metricKeys, k):
			if string(v) == "null" {
				v = json.RawMessage(`"NaN"`) // as package metrics writes it
			} else if len(v) > 0 && v[0] == '"' {
				return fmt.Errorf("report: summary: %s: want a number or null, got %s", k, v)
			}
			metricPart[k] = v
		case !slices.Contains(headKeys, k):
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return fmt.Errorf("report: summary: unknown key %q", unknown[0])
	}
	for _, k := range append(slices.Clone(headKeys), metricKeys[:len(metricKeys)-3]...) {
		if _, ok := all[k]; !ok && k != "name" && k != "benchmark" && k != "dividends" && k != "actions" && k != "orders_unfilled_for_volume" {
			return fmt.Errorf("report: summary: missing key %q", k)
		}
	}

	var h summaryJSON
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("report: summary: %w", err)
	}
	mb, err := json.Marshal(metricPart)
	if err != nil {
		return fmt.Errorf("report: summary: %w", err)
	}
	var m metrics.Summary
	if err := json.Unmarshal(mb, &m); err != nil {
		return fmt.Errorf("report: summary: %w", err)
	}
	freq, err := market.ParseFrequency(h.Frequency)
	if err != nil {
		return fmt.Errorf("report: summary: frequency: %w", err)
	}
	start, err := parseDate(h.Start)
	if err != nil {
		return fmt.Errorf("report: summary: start: %w", err)
	}
	end, err := parseDate(h.End)
	if err != nil {
		return fmt.Errorf("report: summary: end: %w", err)
	}
	if math.IsNaN(h.ElapsedSeconds) || h.ElapsedSeconds < 0 || h.ElapsedSeconds > math.MaxInt64/1e9 {
		return fmt.Errorf("report: summary: elapsed_seconds %v out of range", h.ElapsedSeconds)
	}
	*s = Summary{
		Name:              h.Name,
		Backend:           h.Backend,
		Frequency:         freq,
		Start:             start,
		End:               end,
		Benchmark:         h.Benchmark,
		StartingCash:      h.StartingCash,
		EndingCash:        h.EndingCash,
		EndingValue:       h.EndingValue,
		PnL:               h.PnL,
		TotalCommission:   h.TotalCommission,
		TotalSlippage:     h.TotalSlippage,
		TotalReturn:       float64(h.TotalReturn),
		Sessions:          h.Sessions,
		Bars:              h.Bars,
		AssetBars:         h.AssetBars,
		Orders:            h.Orders,
		Fills:             h.Fills,
		FilledOrders:      h.FilledOrders,
		RejectedOrders:    h.RejectedOrders,
		CancelledOrders:   h.CancelledOrders,
		OrdersByStatus:    h.OrdersByStatus.byName(),
		UnfilledForVolume: h.UnfilledForVolume,
		Turnover:          float64(h.Turnover),
		GrossExposure:     float64(h.GrossExposure),
		NetExposure:       float64(h.NetExposure),
		Elapsed:           time.Duration(math.Round(h.ElapsedSeconds * 1e9)),
		Trades: TradeSummary{
			Count:        h.RoundTrips,
			Wins:         h.Wins,
			Losses:       h.Losses,
			WinRate:      float64(h.WinRate),
			ProfitFactor: float64(h.ProfitFactor),
			AverageWin:   deref(h.AverageWin),
			AverageLoss:  deref(h.AverageLoss),
			PnL:          h.RoundTripsPnL,
			Open:         h.OpenRoundTrips,
			OpenPnL:      h.OpenPnL,
		},
		Metrics: m,
	}
	return nil
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// WriteJSON writes the summary as indented JSON (MarshalJSON's keys) and
// a final newline: the content of summary.json. Strings are written as
// they are (a name "A&B" stays "A&B", not "A\u0026B").
func (s Summary) WriteJSON(w io.Writer) error {
	b, err := marshal(s)
	if err != nil {
		return fmt.Errorf("report: summary.json: %w", err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		return fmt.Errorf("report: summary.json: %w", err)
	}
	buf.WriteByte('\n')
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("report: summary.json: %w", err)
	}
	return nil
}

// marshal is json.Marshal without the escaping of <, > and & (which is
// for JSON pasted into HTML, not for files).
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// summaryKeys returns the keys of summaryJSON and those of metrics.Summary
// (with the benchmark's three last), in order.
var summaryKeys = sync.OnceValues(func() (head, metric []string) {
	t := reflect.TypeFor[summaryJSON]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		head = append(head, name)
	}
	b, err := json.Marshal(metrics.Summary{HasBenchmark: true})
	if err != nil {
		panic(err) // a bug of package metrics
	}
	d := json.NewDecoder(bytes.NewReader(b))
	_, _ = d.Token() // {
	for d.More() {
		k, _ := d.Token()
		metric = append(metric, k.(string))
		var v json.RawMessage
		_ = d.Decode(&v)
	}
	return head, metric
})

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

func parseDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(dateLayout, s)
}
