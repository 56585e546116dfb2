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
	Name            string          `json:"name"`
	Backend         string          `json:"backend"`
	Frequency       string          `json:"frequency"`
	Start           string          `json:"start"`
	End             string          `json:"end"`
	Benchmark       string          `json:"benchmark,omitempty"`
	StartingCash    string          `json:"starting_cash"`
	EndingCash      string          `json:"ending_cash"`
	EndingValue     string          `json:"ending_value"`
	PnL             string          `json:"pnl"`
	TotalReturn     jsonfloat.Float `json:"total_return"`
	Sessions        int             `json:"sessions"`
	Bars            int             `json:"bars"`
	AssetBars       int             `json:"asset_bars"`
	Orders          int             `json:"orders"`
	Fills           int             `json:"fills"`
	FilledOrders    int             `json:"filled_orders"`
	RejectedOrders  int             `json:"rejected_orders"`
	CancelledOrders int             `json:"cancelled_orders"`
	ElapsedSeconds  float64         `json:"elapsed_seconds"`
	RoundTrips      int             `json:"round_trips"`
	Wins            int             `json:"wins"`
	Losses          int             `json:"losses"`
	WinRate         jsonfloat.Float `json:"win_rate"`
	ProfitFactor    jsonfloat.Float `json:"profit_factor"`
	AverageWin      string          `json:"average_win"`
	AverageLoss     string          `json:"average_loss"`
	RoundTripsPnL   string          `json:"round_trips_pnl"`
	OpenRoundTrips  int             `json:"open_round_trips"`
	OpenPnL         string          `json:"open_round_trips_pnl"`
	Dividends       string          `json:"dividends,omitempty"`
	Actions         map[string]int  `json:"actions,omitempty"`
}

// MarshalJSON writes one flat object, in this order:
//
//   - the run: name, backend, frequency, start, end (session dates,
//     2006-01-02), benchmark (only when there is one);
//   - money, as exact decimal strings: starting_cash, ending_cash,
//     ending_value, pnl; then total_return (a number);
//   - counts: sessions, bars, asset_bars, orders, fills, filled_orders,
//     rejected_orders, cancelled_orders; elapsed_seconds;
//   - trades (see TradeSummary): round_trips, wins, losses, win_rate,
//     profit_factor (numbers), average_win, average_loss, round_trips_pnl
//     (exact decimal strings; the averages "NaN" when there is no win or
//     no loss), open_round_trips, open_round_trips_pnl (a string);
//   - corporate actions, only for a run that had some: dividends (the
//     dividend income, an exact string) and actions (the number applied
//     of each type, by type name);
//   - the metrics, with the keys and values of `penny stats --json`
//     (empyrical's function names: cum_returns_final ... value_at_risk,
//     then alpha, beta, excess_sharpe when there is a benchmark).
//
// Statistics are JSON numbers (the shortest text that reads back to the
// same float64), NaN and the infinities the strings "NaN", "Infinity",
// "-Infinity".
func (s Summary) MarshalJSON() ([]byte, error) {
	head, err := marshal(s.head())
	if err != nil {
		return nil, err
	}
	m, err := json.Marshal(s.Metrics)
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

func (s *Summary) head() summaryJSON {
	return summaryJSON{
		Name:            s.Name,
		Backend:         s.Backend,
		Frequency:       s.Frequency.String(),
		Start:           formatDate(s.Start),
		End:             formatDate(s.End),
		Benchmark:       s.Benchmark,
		StartingCash:    s.StartingCash,
		EndingCash:      s.EndingCash,
		EndingValue:     s.EndingValue,
		PnL:             s.PnL,
		TotalReturn:     jsonfloat.Float(s.TotalReturn),
		Sessions:        s.Sessions,
		Bars:            s.Bars,
		AssetBars:       s.AssetBars,
		Orders:          s.Orders,
		Fills:           s.Fills,
		FilledOrders:    s.FilledOrders,
		RejectedOrders:  s.RejectedOrders,
		CancelledOrders: s.CancelledOrders,
		ElapsedSeconds:  s.Elapsed.Seconds(),
		RoundTrips:      s.Trades.Count,
		Wins:            s.Trades.Wins,
		Losses:          s.Trades.Losses,
		WinRate:         jsonfloat.Float(s.Trades.WinRate),
		ProfitFactor:    jsonfloat.Float(s.Trades.ProfitFactor),
		AverageWin:      s.Trades.AverageWin,
		AverageLoss:     s.Trades.AverageLoss,
		RoundTripsPnL:   s.Trades.PnL,
		OpenRoundTrips:  s.Trades.Open,
		OpenPnL:         s.Trades.OpenPnL,
		Dividends:       s.Dividends,
		Actions:         s.Actions,
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
		if _, ok := all[k]; !ok && k != "name" && k != "benchmark" && k != "dividends" && k != "actions" {
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
		Name:            h.Name,
		Backend:         h.Backend,
		Frequency:       freq,
		Start:           start,
		End:             end,
		Benchmark:       h.Benchmark,
		StartingCash:    h.StartingCash,
		EndingCash:      h.EndingCash,
		EndingValue:     h.EndingValue,
		PnL:             h.PnL,
		TotalReturn:     float64(h.TotalReturn),
		Sessions:        h.Sessions,
		Bars:            h.Bars,
		AssetBars:       h.AssetBars,
		Orders:          h.Orders,
		Fills:           h.Fills,
		FilledOrders:    h.FilledOrders,
		RejectedOrders:  h.RejectedOrders,
		CancelledOrders: h.CancelledOrders,
		Elapsed:         time.Duration(math.Round(h.ElapsedSeconds * 1e9)),
		Trades: TradeSummary{
			Count:        h.RoundTrips,
			Wins:         h.Wins,
			Losses:       h.Losses,
			WinRate:      float64(h.WinRate),
			ProfitFactor: float64(h.ProfitFactor),
			AverageWin:   h.AverageWin,
			AverageLoss:  h.AverageLoss,
			PnL:          h.RoundTripsPnL,
			Open:         h.OpenRoundTrips,
			OpenPnL:      h.OpenPnL,
		},
		Metrics: m,
	}
	return nil
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
