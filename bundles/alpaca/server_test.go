package alpaca

import (
	"compress/gzip"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// apiBar is a bar as the test API serves it: stamped at its start, with
// its values as decimal text (what the test expects back, digit for
// digit) that the server sends as JSON numbers.
type apiBar struct {
	T                    time.Time
	Open, High, Low, Cls string
	Vol                  string
}

// api is a local server that speaks Alpaca's bars endpoints:
// GET /v2/stocks/bars and GET /v1beta3/crypto/us/bars, with the symbols,
// timeframe, start, end (inclusive), limit and page_token parameters,
// multi-symbol pages {"bars": {"SYM": [...]}, "next_page_token": ...},
// gzip when asked, and APCA-API-KEY-ID / APCA-API-SECRET-KEY headers.
type api struct {
	t      *testing.T
	key    string
	secret string
	// bars[timeframe][symbol], each sorted by time.
	bars map[string]map[string][]apiBar
	// pageSize is the server's page size when no limit is given.
	pageSize int
	// emptyFirstPage makes the first page of every call empty, with a
	// next_page_token: the client must go on until the token is null.
	emptyFirstPage bool
	// fault, when set, may answer request n (1-based) itself.
	fault func(n int, w http.ResponseWriter, r *http.Request) bool
	// actions are the corporate actions of GET /v1/corporate-actions, in
	// the order served.
	actions []apiAction

	mu       sync.Mutex
	requests []*url.URL
	srv      *httptest.Server
}

func newAPI(t *testing.T) *api {
	a := &api{t: t, key: "PKTESTKEY123", secret: "s3cr3t-SECRET-value", bars: map[string]map[string][]apiBar{}, pageSize: 5}
	a.srv = httptest.NewServer(http.HandlerFunc(a.serve))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *api) add(timeframe, symbol string, bars ...apiBar) {
	if a.bars[timeframe] == nil {
		a.bars[timeframe] = map[string][]apiBar{}
	}
	a.bars[timeframe][symbol] = append(a.bars[timeframe][symbol], bars...)
	sort.Slice(a.bars[timeframe][symbol], func(i, j int) bool {
		return a.bars[timeframe][symbol][i].T.Before(a.bars[timeframe][symbol][j].T)
	})
}

// count returns the number of requests made so far.
func (a *api) count() int {
	a.mu.Lock()
	defer a.mu.Unlock()
	return len(a.requests)
}

// req returns request i (0-based).
func (a *api) req(i int) *url.URL {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.requests[i]
}

// calls returns the requests that started a call (no page_token), by
// their start parameter.
func (a *api) calls() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	var out []string
	for _, u := range a.requests {
		if u.Query().Get("page_token") == "" {
			out = append(out, u.Query().Get("symbols")+"@"+u.Query().Get("start"))
		}
	}
	return out
}

func (a *api) serve(w http.ResponseWriter, r *http.Request) {
	a.mu.Lock()
	a.requests = append(a.requests, r.URL)
	n := len(a.requests)
	a.mu.Unlock()
	if a.fault != nil && a.fault(n, w, r) {
		return
	}
	if r.Method != http.MethodGet {
		writeJSON(w, r, http.StatusMethodNotAllowed, map[string]any{"message": "method not allowed"})
		return
	}
	if r.Header.Get("APCA-API-KEY-ID") != a.key || r.Header.Get("APCA-API-SECRET-KEY") != a.secret {
		writeJSON(w, r, http.StatusUnauthorized, map[string]any{"code": 40110000, "message": "request is not authorized"})
		return
	}
	q := r.URL.Query()
	crypto := false
	switch r.URL.Path {
	case "/v1/corporate-actions":
		a.serveActions(w, r)
		return
	case "/v2/stocks/bars":
		if q.Get("feed") == "" || q.Get("adjustment") == "" {
			writeJSON(w, r, http.StatusBadRequest, map[string]any{"message": "test server: feed and adjustment expected"})
			return
		}
	case "/v1beta3/crypto/us/bars":
		crypto = true
	default:
		writeJSON(w, r, http.StatusNotFound, map[string]any{"message": "not found"})
		return
	}
	start, err1 := time.Parse(time.RFC3339Nano, q.Get("start"))
	end, err2 := time.Parse(time.RFC3339Nano, q.Get("end"))
	if err1 != nil || err2 != nil {
		writeJSON(w, r, http.StatusUnprocessableEntity, map[string]any{"message": "invalid start or end"})
		return
	}
	tf := a.bars[q.Get("timeframe")]
	if tf == nil {
		writeJSON(w, r, http.StatusUnprocessableEntity, map[string]any{"message": "test server has no bars of timeframe " + q.Get("timeframe")})
		return
	}
	syms := strings.Split(q.Get("symbols"), ",")
	sort.Strings(syms)
	type item struct {
		sym string
		b   apiBar
	}
	var all []item
	for _, s := range syms {
		for _, b := range tf[s] {
			if !b.T.Before(start) && !b.T.After(end) {
				all = append(all, item{s, b})
			}
		}
	}
	size := a.pageSize
	if l, err := strconv.Atoi(q.Get("limit")); err == nil && l > 0 {
		size = l
	}
	off := 0
	token := q.Get("page_token")
	if token != "" {
		raw, err := base64.StdEncoding.DecodeString(token)
		if err != nil {
			writeJSON(w, r, http.StatusBadRequest, map[string]any{"message": "bad page token"})
			return
		}
		off, _ = strconv.Atoi(strings.TrimPrefix(string(raw), "off:"))
	}
	page := map[string][]map[string]any{}
	var next any // JSON null unless more follow
	if a.emptyFirstPage && token == "" {
		next = base64.StdEncoding.EncodeToString([]byte("off:0"))
	} else {
		hi := min(off+size, len(all))
		for _, it := range all[off:hi] {
			page[it.sym] = append(page[it.sym], map[string]any{
				"t": it.b.T.UTC().Format(time.RFC3339), "o": json.Number(it.b.Open), "h": json.Number(it.b.High),
				"l": json.Number(it.b.Low), "c": json.Number(it.b.Cls), "v": json.Number(it.b.Vol), "n": 7, "vw": json.Number(it.b.Cls),
			})
		}
		if hi < len(all) {
			next = base64.StdEncoding.EncodeToString([]byte("off:" + strconv.Itoa(hi)))
		}
	}
	body := map[string]any{"bars": page, "next_page_token": next}
	if !crypto {
		body["currency"] = "USD"
	}
	writeJSON(w, r, http.StatusOK, body)
}

// writeJSON answers with v as JSON, gzipped when the client accepts it.
func writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Header().Set("Content-Type", "application/json")
	if strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.WriteHeader(status)
		zw := gzip.NewWriter(w)
		zw.Write(b)
		zw.Close()
		return
	}
	w.WriteHeader(status)
	w.Write(b)
}

// sleeps records the waits of a Source instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

func (s *sleeps) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(s.d)
}

// source returns a Source for cfg pointed at the test API.
func (a *api) source(cfg Config, sl *sleeps) *Source {
	cfg.BaseURL = a.srv.URL
	return &Source{
		Config:      cfg,
		Credentials: Credentials{KeyID: a.key, SecretKey: a.secret},
		HTTPClient:  a.srv.Client(),
		Sleep:       sl.sleep,
	}
}

// apiAction is a corporate action as the test API serves it: the group it
// belongs to ("forward_splits", "cash_dividends", ...), the symbols a
// request matches it by, its date (the start and end parameters filter
// on it) and its JSON fields.
type apiAction struct {
	group   string
	symbols []string
	date    string
	fields  map[string]any
}

// serveActions answers GET /v1/corporate-actions: symbols, start and end
// (dates, inclusive), limit and page_token, with the actions of every
// group on one page counted together, as Alpaca pages them.
func (a *api) serveActions(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	start, err1 := time.Parse(time.DateOnly, q.Get("start"))
	end, err2 := time.Parse(time.DateOnly, q.Get("end"))
	if err1 != nil || err2 != nil || q.Get("symbols") == "" {
		writeJSON(w, r, http.StatusBadRequest, map[string]any{"message": "test server: symbols, start and end dates expected"})
		return
	}
	want := map[string]bool{}
	for _, s := range strings.Split(q.Get("symbols"), ",") {
		want[s] = true
	}
	var all []apiAction
	for _, x := range a.actions {
		d, _ := time.Parse(time.DateOnly, x.date)
		match := false
		for _, s := range x.symbols {
			match = match || want[s]
		}
		if match && !d.Before(start) && !d.After(end) {
			all = append(all, x)
		}
	}
	size := a.pageSize
	if l, err := strconv.Atoi(q.Get("limit")); err == nil && l > 0 {
		size = l
	}
	off := 0
	if tok := q.Get("page_token"); tok != "" {
		raw, err := base64.StdEncoding.DecodeString(tok)
		if err != nil {
			writeJSON(w, r, http.StatusBadRequest, map[string]any{"message": "bad page token"})
			return
		}
		off, _ = strconv.Atoi(strings.TrimPrefix(string(raw), "off:"))
	}
	hi := min(off+size, len(all))
	page := map[string][]map[string]any{}
	for _, x := range all[off:hi] {
		page[x.group] = append(page[x.group], x.fields)
	}
	var next any
	if hi < len(all) {
		next = base64.StdEncoding.EncodeToString([]byte("off:" + strconv.Itoa(hi)))
	}
	writeJSON(w, r, http.StatusOK, map[string]any{"corporate_actions": page, "next_page_token": next})
}
