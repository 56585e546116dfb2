package alpaca

import (
	"context"
	"errors"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/atomicfile"
	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// fetchFunc runs Fetch on one backend and checks each series against want,
// by symbol.
type fetchFunc = func(t *testing.T, src *Source, want map[string][]wantBar) *Report

// forEveryBackend runs f on every backend of numeric's registry, with the
// fetch of that backend.
func forEveryBackend(t *testing.T, f func(t *testing.T, fetch fetchFunc)) {
	backendtest.Each(t, fetchCheckByName, func(t *testing.T, _ numeric.BackendInfo, fetch fetchFunc) { f(t, fetch) })
}

// fetchCheck runs Fetch on backend N and checks each series against want,
// by symbol.
//
//penny:backends
func fetchCheck[N numeric.Number[N]](t *testing.T, src *Source, want map[string][]wantBar) *Report {
	t.Helper()
	ds, _, rep, err := Fetch[N](context.Background(), src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Series) != len(want) {
		t.Fatalf("%d series, want %d", len(ds.Series), len(want))
	}
	for i := range ds.Series {
		s := &ds.Series[i]
		w, ok := want[s.Asset.Symbol]
		if !ok {
			t.Fatalf("unexpected symbol %s", s.Asset.Symbol)
		}
		checkSeries(t, s, w)
	}
	return rep
}

// TestStockMinute: minute bars stamped at start + 1 minute; the extended
// hours dropped and counted; the July 3 early close and the July 4
// holiday respected; pages of 500 bars across two symbols, each call
// starting with an empty page.
func TestStockMinute(t *testing.T) {
	forEveryBackend(t, func(t *testing.T, fetch fetchFunc) {
		a := newAPI(t)
		a.emptyFirstPage = true
		a.pageSize = 500
		r := rand.New(rand.NewPCG(1, 1))
		want := map[string][]wantBar{}
		total := map[string]int{}
		for _, sym := range []string{"AAPL", "MSFT"} {
			for _, s := range julySessions {
				// 08:00 to 17:59 New York: pre-market, the session, after hours.
				bars := walk(r, at(s.date, "08:00"), time.Minute, 600, 2, false)
				a.add("1Min", sym, bars...)
				total[sym] += len(bars)
				open, cls := at(s.date, s.open), at(s.date, s.close)
				for _, b := range bars {
					if !b.T.Before(open) && !b.T.Add(time.Minute).After(cls) {
						want[sym] = append(want[sym], wantBar{b.T.Add(time.Minute), b.Open, b.High, b.Low, b.Cls, b.Vol})
					}
				}
			}
		}
		if n := len(want["AAPL"]); n != 390+390+210+390 {
			t.Fatalf("test data: %d session minutes", n)
		}
		// Bars only (NoActions): one window.
		src := a.source(Config{Symbols: []string{"MSFT", "aapl"}, Frequency: market.Minute, Start: day("2024-07-01"), End: day("2024-07-05"), NoActions: true}, &sleeps{})
		rep := fetch(t, src, want)
		for sym, n := range total {
			if rep.OffSession[sym] != n-len(want[sym]) {
				t.Errorf("%s: %d bars dropped off session, want %d", sym, rep.OffSession[sym], n-len(want[sym]))
			}
		}
		if rep.Windows != 1 || rep.Fetched != 1 || rep.Received != total["AAPL"]+total["MSFT"] {
			t.Errorf("report %+v", rep)
		}
		// One call, paged 500 bars at a time after an empty first page.
		if pages := (total["AAPL"]+total["MSFT"]+499)/500 + 1; rep.Requests != pages || a.count() != pages {
			t.Errorf("%d requests (server saw %d), want %d pages", rep.Requests, a.count(), pages)
		}
		q := a.req(0).Query()
		if q.Get("timeframe") != "1Min" || q.Get("feed") != "iex" || q.Get("adjustment") != "raw" || q.Get("symbols") != "AAPL,MSFT" {
			t.Errorf("query %v", q)
		}
	})
}

// TestStockHourly: 30-minute bars aggregated into Penny's hours counted
// from the 09:30 open (10:30 ... 15:30, 16:00; 13:00 on July 3).
func TestStockHourly(t *testing.T) {
	forEveryBackend(t, func(t *testing.T, fetch fetchFunc) {
		a := newAPI(t)
		r := rand.New(rand.NewPCG(2, 2))
		var want []wantBar
		for _, s := range julySessions {
			bars := walk(r, at(s.date, "07:00"), 30*time.Minute, 24, 4, false) // 07:00 to 18:30
			a.add("30Min", "SPY", bars...)
			stamps := []string{"10:30", "11:30", "12:30", "13:30", "14:30", "15:30", "16:00"}
			if s.close == "13:00" {
				stamps = []string{"10:30", "11:30", "12:30", "13:00"}
			}
			from := at(s.date, "09:30")
			for _, hm := range stamps {
				to := at(s.date, hm)
				var in []apiBar
				for _, b := range bars {
					if !b.T.Before(from) && b.T.Before(to) {
						in = append(in, b)
					}
				}
				want = append(want, aggregate(to, in))
				from = to
			}
		}
		src := a.source(Config{Symbols: []string{"SPY"}, Frequency: market.Hourly, Start: day("2024-07-01"), End: day("2024-07-05")}, &sleeps{})
		rep := fetch(t, src, map[string][]wantBar{"SPY": want})
		if rep.Bars != 7*3+4 {
			t.Errorf("%d bars", rep.Bars)
		}
		if tf := a.req(0).Query().Get("timeframe"); tf != "30Min" {
			t.Errorf("timeframe %s, want 30Min", tf)
		}
	})
}

// TestStockDaily: daily bars, stamped by Alpaca at midnight New York,
// are stamped at the session's close (21:00 UTC in winter, 20:00 in
// summer, 17:00 on the July 3 early close), over three months of windows
// in batches of two symbols.
func TestStockDaily(t *testing.T) {
	forEveryBackend(t, func(t *testing.T, fetch fetchFunc) {
		a := newAPI(t)
		r := rand.New(rand.NewPCG(3, 3))
		want := map[string][]wantBar{}
		dates := []struct{ date, close string }{
			{"2024-01-02", "2024-01-02T21:00:00Z"}, {"2024-01-31", "2024-01-31T21:00:00Z"},
			{"2024-02-01", "2024-02-01T21:00:00Z"}, {"2024-03-28", "2024-03-28T20:00:00Z"},
			{"2024-07-03", "2024-07-03T17:00:00Z"}, {"2024-07-05", "2024-07-05T20:00:00Z"},
		}
		for _, sym := range []string{"A", "B", "C"} {
			for _, d := range dates {
				b := walk(r, at(d.date, "00:00"), 0, 1, 2, false)[0]
				a.add("1Day", sym, b)
				stamp, _ := time.Parse(time.RFC3339, d.close)
				want[sym] = append(want[sym], wantBar{stamp, b.Open, b.High, b.Low, b.Cls, b.Vol})
			}
		}
		src := a.source(Config{Symbols: []string{"A", "B", "C"}, Start: day("2024-01-01"), End: day("2024-07-31"), BatchSize: 2}, &sleeps{})
		rep := fetch(t, src, want)
		// 7 months of 2 batches, then the corporate actions of each batch.
		if rep.Windows != 7*2+2 || rep.Fetched != 16 || rep.Actions != 0 {
			t.Errorf("report %+v, want 16 windows", rep)
		}
		calls := a.calls()
		if len(calls) != 16 || calls[0] != "A,B@2024-01-01T00:00:00-05:00" || calls[1] != "C@2024-01-01T00:00:00-05:00" ||
			calls[2] != "A,B@2024-02-01T00:00:00-05:00" || calls[14] != "A,B@2024-01-01" || calls[15] != "C@2024-01-01" {
			t.Errorf("calls %v", calls)
		}
	})
}

// TestCrypto: crypto minute bars with fractional volumes, and daily bars
// built from UTC hours, stamped at 24:00 UTC.
func TestCrypto(t *testing.T) {
	forEveryBackend(t, func(t *testing.T, fetch fetchFunc) {
		a := newAPI(t)
		r := rand.New(rand.NewPCG(4, 4))
		start := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
		hours := walk(r, start, time.Hour, 48, 2, true)
		a.add("1Hour", "BTC/USD", hours...)
		want := []wantBar{aggregate(start.Add(24*time.Hour), hours[:24]), aggregate(start.Add(48*time.Hour), hours[24:])}
		src := a.source(Config{Symbols: []string{"BTC/USD"}, Crypto: true, Start: day("2024-03-01"), End: day("2024-03-02")}, &sleeps{})
		fetch(t, src, map[string][]wantBar{"BTC/USD": want})
		if a.req(0).Path != "/v1beta3/crypto/us/bars" || a.req(0).Query().Get("timeframe") != "1Hour" {
			t.Errorf("request %v", a.req(0))
		}

		mins := walk(r, start, time.Minute, 90, 2, true)
		a.add("1Min", "ETH/USD", mins...)
		var wantMin []wantBar
		for _, b := range mins {
			wantMin = append(wantMin, wantBar{b.T.Add(time.Minute), b.Open, b.High, b.Low, b.Cls, b.Vol})
		}
		src = a.source(Config{Symbols: []string{"ETH/USD"}, Crypto: true, Frequency: market.Minute, Start: day("2024-03-01"), End: day("2024-03-01")}, &sleeps{})
		fetch(t, src, map[string][]wantBar{"ETH/USD": wantMin})
	})
}

// stockDaily sets up an API with daily bars of AAPL for January 2024 and
// returns a Source for them.
func stockDaily(t *testing.T) (*api, *Source, *sleeps) {
	a := newAPI(t)
	r := rand.New(rand.NewPCG(5, 5))
	for _, d := range []string{"2024-01-02", "2024-01-03", "2024-01-04"} {
		a.add("1Day", "AAPL", walk(r, at(d, "00:00"), 0, 1, 2, false)...)
	}
	sl := &sleeps{}
	return a, a.source(Config{Symbols: []string{"AAPL"}, Start: day("2024-01-01"), End: day("2024-01-31"), MaxAttempts: 4}, sl), sl
}

func fetchErr(t *testing.T, src *Source) error {
	t.Helper()
	_, _, _, err := Fetch[numeric.Fixed](context.Background(), src, t.TempDir())
	if err == nil {
		t.Fatal("Fetch succeeded; want an error")
	}
	return err
}

func TestAuthFailure(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusForbidden} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			a, src, sl := stockDaily(t)
			a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
				// A server that echoes the credentials back must not leak them.
				writeJSON(w, r, status, map[string]any{"message": "key " + r.Header.Get("APCA-API-KEY-ID") + " secret " + r.Header.Get("APCA-API-SECRET-KEY") + " refused"})
				return true
			}
			err := fetchErr(t, src)
			var re *RequestError
			if !errors.Is(err, ErrAuth) || !errors.As(err, &re) || re.Status != status || re.Attempts != 1 {
				t.Fatalf("error %v, want ErrAuth with HTTP %d after 1 attempt", err, status)
			}
			if a.count() != 1 || sl.String() != "[]" {
				t.Errorf("%d requests, sleeps %s: an auth failure must not be retried", a.count(), sl)
			}
			msg := err.Error()
			if strings.Contains(msg, a.secret) || strings.Contains(msg, a.key) {
				t.Errorf("the error leaks a credential: %s", msg)
			}
			for _, want := range []string{"/v2/stocks/bars", "AAPL", "2024-01", "HTTP", "APCA_API_KEY_ID", "[redacted]"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q does not mention %q", msg, want)
				}
			}
		})
	}
	// Wrong keys, as the test API itself refuses them.
	a, src, _ := stockDaily(t)
	src.Credentials.SecretKey = "wrong"
	if err := fetchErr(t, src); !errors.Is(err, ErrAuth) || a.count() != 1 {
		t.Errorf("wrong secret: %v after %d requests", err, a.count())
	}
}

// TestRedactBeforeClip: a long message is redacted before it is clipped,
// so that the start of a key cut at the clip is not left in it.
func TestRedactBeforeClip(t *testing.T) {
	a, src, _ := stockDaily(t)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, r, http.StatusForbidden, map[string]any{"message": strings.Repeat("x", 190) + " " + r.Header.Get("APCA-API-SECRET-KEY") + " refused"})
		return true
	}
	msg := fetchErr(t, src).Error()
	if strings.Contains(msg, a.secret[:6]) || !strings.Contains(msg, "x [redact") {
		t.Errorf("the clipped message leaks the start of the secret, or is not redacted: %s", msg)
	}
}

func TestRateLimitThenSuccess(t *testing.T) {
	a, src, sl := stockDaily(t)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n <= 2 {
			if n == 2 {
				w.Header().Set("Retry-After", "7")
			}
			writeJSON(w, r, http.StatusTooManyRequests, map[string]any{"message": "too many requests"})
			return true
		}
		return false
	}
	ds, _, rep, err := Fetch[numeric.Decimal](context.Background(), src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if ds.Series[0].Len() != 3 {
		t.Errorf("%d bars", ds.Series[0].Len())
	}
	// Backoff 1s after the first 429, then the server's Retry-After of 7s
	// (longer than the 2s backoff); the library itself never retried.
	// The fourth request is the corporate actions'.
	if sl.String() != "[1s 7s]" || rep.Retries != 2 || rep.Requests != 4 || a.count() != 4 {
		t.Errorf("sleeps %s, retries %d, requests %d (server %d)", sl, rep.Retries, rep.Requests, a.count())
	}
}

func TestServerErrorsBeyondCap(t *testing.T) {
	for _, status := range []int{500, 502, 503} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			a, src, sl := stockDaily(t)
			a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
				writeJSON(w, r, status, map[string]any{"message": "internal error"})
				return true
			}
			err := fetchErr(t, src)
			var re *RequestError
			if !errors.Is(err, ErrRetries) || !errors.As(err, &re) || re.Attempts != 4 || re.Status != status {
				t.Fatalf("error %v, want ErrRetries after 4 attempts with HTTP %d", err, status)
			}
			if a.count() != 4 || sl.String() != "[1s 2s 4s]" {
				t.Errorf("%d requests, sleeps %s; want 4 and [1s 2s 4s]", a.count(), sl)
			}
			if !strings.Contains(err.Error(), "after 4 attempts") || !strings.Contains(err.Error(), "internal error") {
				t.Errorf("error text %q", err)
			}
		})
	}
}

func TestBackoffCap(t *testing.T) {
	a, src, sl := stockDaily(t)
	src.Config.MaxAttempts = 7
	src.Config.MaxBackoff = 5 * time.Second
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	}
	fetchErr(t, src)
	if sl.String() != "[1s 2s 4s 5s 5s 5s]" {
		t.Errorf("sleeps %s", sl)
	}
}

func TestTruncatedBody(t *testing.T) {
	for _, gz := range []bool{false, true} {
		t.Run(map[bool]string{false: "plain", true: "gzip"}[gz], func(t *testing.T) {
			a, src, sl := stockDaily(t)
			a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
				if n != 1 {
					return false
				}
				body := `{"bars":{"AAPL":[{"t":"2024-01-02T05:00:00Z","o":187.15,"h":188.44,"l":183.885,"c":185.64,"v":8`
				// Promise more than is sent: the client sees an unexpected EOF.
				w.Header().Set("Content-Length", "4096")
				if gz {
					w.Header().Set("Content-Encoding", "gzip")
					w.WriteHeader(http.StatusOK)
					w.Write([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff}) // a gzip header, then nothing
					return true
				}
				w.WriteHeader(http.StatusOK)
				w.Write([]byte(body))
				return true
			}
			ds, _, rep, err := Fetch[numeric.Fixed](context.Background(), src, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			if ds.Series[0].Len() != 3 || rep.Retries != 1 || sl.String() != "[1s]" {
				t.Errorf("%d bars, %d retries, sleeps %s", ds.Series[0].Len(), rep.Retries, sl)
			}
		})
	}
	// A body that is always cut: an error naming the cause after the cap.
	a, src, _ := stockDaily(t)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(http.StatusOK)
		w.Write([]byte(`{"bars":{`))
		return true
	}
	err := fetchErr(t, src)
	if !errors.Is(err, ErrRetries) || !strings.Contains(err.Error(), "unexpected EOF") {
		t.Errorf("error %v", err)
	}
}

func TestNetworkError(t *testing.T) {
	a, src, _ := stockDaily(t)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if n != 1 {
			return false
		}
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close() // drop the connection without an answer
		}
		return true
	}
	ds, _, rep, err := Fetch[numeric.Fixed](context.Background(), src, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if ds.Series[0].Len() != 3 || rep.Retries != 1 {
		t.Errorf("%d bars, %d retries", ds.Series[0].Len(), rep.Retries)
	}
}

func TestBadRequestNotRetried(t *testing.T) {
	a, src, _ := stockDaily(t)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		writeJSON(w, r, http.StatusUnprocessableEntity, map[string]any{"message": "invalid symbol: AAPL"})
		return true
	}
	err := fetchErr(t, src)
	if !errors.Is(err, ErrRefused) || a.count() != 1 || !strings.Contains(err.Error(), "HTTP 422: request refused: invalid symbol: AAPL") {
		t.Errorf("error %v after %d requests", err, a.count())
	}
}

func TestNoData(t *testing.T) {
	a, src, _ := stockDaily(t)
	src.Config.Symbols = []string{"ZZZZ", "AAPL", "QQQQ"}
	err := fetchErr(t, src)
	var nd *NoDataError
	if !errors.As(err, &nd) || !errors.Is(err, ErrNoData) || strings.Join(nd.Symbols, ",") != "QQQQ,ZZZZ" {
		t.Fatalf("error %v, want a NoDataError naming ZZZZ and QQQQ", err)
	}
	want := "alpaca: no bars for QQQQ, ZZZZ from 2024-01-01 to 2024-01-31 on feed iex"
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want it to start with %q", err, want)
	}
	_ = a
}

// TestOffSessionError: with OffSessionError an extended-hours bar fails
// the conversion, naming the symbol and the bar.
func TestOffSessionError(t *testing.T) {
	a := newAPI(t)
	a.add("1Min", "AAPL", walk(rand.New(rand.NewPCG(6, 6)), at("2024-07-01", "09:28"), time.Minute, 5, 2, false)...)
	src := a.source(Config{Symbols: []string{"AAPL"}, Frequency: market.Minute, Start: day("2024-07-01"), End: day("2024-07-01"), OffSession: OffSessionError}, &sleeps{})
	err := fetchErr(t, src)
	if !errors.Is(err, ErrOffSession) || !strings.Contains(err.Error(), "AAPL: bar starting 2024-07-01T13:28:00Z") {
		t.Errorf("error %v", err)
	}
}

// TestFixedPrecision: a price with more decimals than Fixed holds is an
// error wrapping numeric.ErrPrecision, never rounded; Decimal takes it.
func TestFixedPrecision(t *testing.T) {
	a := newAPI(t)
	a.add("1Day", "PENNY", apiBar{T: at("2024-01-02", "00:00"), Open: "0.000123456", High: "0.000123456", Low: "0.000123456", Cls: "0.000123456", Vol: "100"})
	src := a.source(Config{Symbols: []string{"PENNY"}, Start: day("2024-01-02"), End: day("2024-01-02")}, &sleeps{})
	staging := t.TempDir()
	_, _, _, err := Fetch[numeric.Fixed](context.Background(), src, staging)
	if !errors.Is(err, numeric.ErrPrecision) || !strings.Contains(err.Error(), "PENNY: bar starting 2024-01-02T05:00:00Z: open 0.000123456") {
		t.Fatalf("error %v", err)
	}
	ds, _, err := Dataset[numeric.Decimal](src, staging)
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Series[0].Open[0].String(); got != "0.000123456" {
		t.Errorf("decimal open %s", got)
	}
	if a.count() != 2 {
		t.Errorf("%d requests: Dataset must read the staged windows (bars and actions), not fetch again", a.count())
	}
}

// TestResume interrupts a download after some windows (the server fails
// for good), then runs it again against a healthy server: the windows
// already written are not requested again, and the result equals a clean
// run's.
func TestResume(t *testing.T) {
	a := newAPI(t)
	r := rand.New(rand.NewPCG(7, 7))
	for _, sym := range []string{"A", "B", "C"} {
		for _, d := range []string{"2024-01-02", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01"} {
			a.add("1Day", sym, walk(r, at(d, "00:00"), 0, 1, 2, false)...)
		}
	}
	cfg := Config{Symbols: []string{"A", "B", "C"}, Start: day("2024-01-01"), End: day("2024-05-31"), BatchSize: 2, MaxAttempts: 2}
	staging := t.TempDir()
	// The 6th window (March, symbol C) fails with 503 every time.
	var broken atomic.Bool
	broken.Store(true)
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		if broken.Load() && r.URL.Query().Get("symbols") == "C" && strings.HasPrefix(r.URL.Query().Get("start"), "2024-03") {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	}
	src := a.source(cfg, &sleeps{})
	rep, err := src.Download(context.Background(), staging)
	if !errors.Is(err, ErrRetries) || rep.Fetched != 5 {
		t.Fatalf("first attempt: %v, fetched %d; want ErrRetries after 5 windows", err, rep.Fetched)
	}
	first := a.calls()
	broken.Store(false)
	var progressed []int
	src.Progress = func(done, total int) { progressed = append(progressed, done) }
	ds, _, rep, err := Fetch[numeric.Decimal](context.Background(), src, staging)
	if err != nil {
		t.Fatal(err)
	}
	second := a.calls()[len(first):]
	// The 5 bar windows left and the 2 batches' corporate actions.
	if rep.Resumed != 5 || rep.Fetched != 7 || len(second) != 7 {
		t.Errorf("second attempt: resumed %d, fetched %d, calls %v", rep.Resumed, rep.Fetched, second)
	}
	for _, c := range second {
		for _, f := range first[:5] {
			if c == f {
				t.Errorf("window %s fetched again", c)
			}
		}
	}
	if len(progressed) != 12 || progressed[11] != 12 {
		t.Errorf("progress %v", progressed)
	}
	// The same bars as a clean run.
	clean, _, _, err := Fetch[numeric.Decimal](context.Background(), a.source(cfg, &sleeps{}), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for i := range clean.Series {
		g, w := lines(&ds.Series[i]), lines(&clean.Series[i])
		if strings.Join(g, "\n") != strings.Join(w, "\n") {
			t.Errorf("%s differs from a clean run", clean.Series[i].Asset.Symbol)
		}
	}
	// A different request discards the staged windows.
	n := a.count()
	cfg.End = day("2024-04-30")
	if _, err := a.source(cfg, &sleeps{}).Download(context.Background(), staging); err != nil {
		t.Fatal(err)
	}
	if got := len(a.calls()) - len(first) - 7 - 12; got != 10 || a.count() == n {
		t.Errorf("a changed request made %d calls, want all 10 again", got)
	}
}

// TestCancel: a cancelled context stops the download between requests
// and during a backoff wait.
func TestCancel(t *testing.T) {
	a, src, _ := stockDaily(t)
	ctx, cancel := context.WithCancel(context.Background())
	a.fault = func(n int, w http.ResponseWriter, r *http.Request) bool {
		cancel()
		w.WriteHeader(http.StatusInternalServerError)
		return true
	}
	_, _, _, err := Fetch[numeric.Fixed](ctx, src, t.TempDir())
	if !errors.Is(err, context.Canceled) || a.count() != 1 {
		t.Errorf("error %v after %d requests", err, a.count())
	}
}

func TestDamagedStaging(t *testing.T) {
	_, src, _ := stockDaily(t)
	staging := t.TempDir()
	if _, err := src.Download(context.Background(), staging); err != nil {
		t.Fatal(err)
	}
	path := windowPath(staging, "b000-2024-01")
	b, _ := os.ReadFile(path)
	if err := atomicfile.WriteFile(path, b[:len(b)-20]); err != nil {
		t.Fatal(err)
	}
	_, _, err := Dataset[numeric.Fixed](src, staging)
	if !errors.Is(err, ErrStaging) || !strings.Contains(err.Error(), path) {
		t.Errorf("error %v", err)
	}
}
