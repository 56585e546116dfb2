package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/alpaca"
	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
	"github.com/pennybt/penny/strategies/builtin"
)

// refData is the repository's folder of real data, testdata/ at its root
// (see the README.md there).
const refData = "../testdata"

// runPenny runs the command in-process with its own environment.
func runPenny(t *testing.T, vars map[string]string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(&env{strategies: builtin.Table(), stdin: strings.NewReader(""), stdout: &out, stderr: &errb, getenv: func(k string) string { return vars[k] }}, args)
	return code, out.String(), errb.String()
}

// canonical prints every bar of ds as text.
func canonical[N numeric.Number[N]](ds *market.Dataset[N]) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n", ds.Frequency, ds.Calendar)
	for _, s := range ds.Series {
		fmt.Fprintf(&b, "%s %s %s %s\n", s.Asset.Symbol, s.Asset.Class, s.Asset.TickSize, s.Asset.LotSize)
		for i := range s.Len() {
			fmt.Fprintf(&b, "%d %s %s %s %s %s\n", s.Time[i], s.Open[i], s.High[i], s.Low[i], s.Close[i], s.Volume[i])
		}
	}
	return b.String()
}

// sameAsStore loads the latest ingest of name as N and compares it, bar
// for bar in canonical text, with what the source produced directly.
func sameAsStore[N numeric.Number[N]](t *testing.T, home, name string, direct func() (*market.Dataset[N], error)) {
	t.Helper()
	got, _, err := store.Load[N](home, name, "latest")
	if err != nil {
		t.Fatal(err)
	}
	want, err := direct()
	if err != nil {
		t.Fatal(err)
	}
	if err := want.Normalize(); err != nil {
		t.Fatal(err)
	}
	g, w := canonical(got), canonical(want)
	if g != w {
		gl, wl := strings.Split(g, "\n"), strings.Split(w, "\n")
		for i := range min(len(gl), len(wl)) {
			if gl[i] != wl[i] {
				t.Fatalf("backend %s, line %d:\n got %s\nwant %s", numeric.Backend[N](), i, gl[i], wl[i])
			}
		}
		t.Fatalf("backend %s: %d lines, want %d", numeric.Backend[N](), len(gl), len(wl))
	}
}

func TestIngestSyntheticEndToEnd(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"PENNY_HOME": home}
	code, out, errs := runPenny(t, vars, "ingest", "syn", "--source", "synthetic", "--assets", "4", "--seed", "7",
		"--frequency", "hourly", "--start", "2024-06-03", "--end", "2024-07-12")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "ingested syn ") || !strings.Contains(out, "4 symbols") || errs != "" {
		t.Errorf("stdout %q, stderr %q", out, errs)
	}
	cfg := synthetic.Default()
	cfg.Assets, cfg.Seed, cfg.Frequency = 4, 7, market.Hourly
	cfg.Start, cfg.End = time.Date(2024, 6, 3, 0, 0, 0, 0, time.UTC), time.Date(2024, 7, 12, 0, 0, 0, 0, time.UTC)
	sameAsStore(t, home, "syn", func() (*market.Dataset[numeric.Float], error) { return synthetic.Generate[numeric.Float](cfg) })
	sameAsStore(t, home, "syn", func() (*market.Dataset[numeric.Fixed], error) { return synthetic.Generate[numeric.Fixed](cfg) })
	sameAsStore(t, home, "syn", func() (*market.Dataset[numeric.Decimal], error) { return synthetic.Generate[numeric.Decimal](cfg) })
	m, err := store.ReadManifest(home, "syn", "")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"assets": "4", "seed": "7", "frequency": "hourly", "calendar": "XNYS", "start": "2024-06-03", "end": "2024-07-12"}
	if m.Source != "synthetic" || fmt.Sprint(m.Options) != fmt.Sprint(want) {
		t.Errorf("manifest source %s options %v, want %v", m.Source, m.Options, want)
	}
}

func TestIngestCSVEndToEnd(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"PENNY_HOME": home}
	orcl, nvda, day := filepath.Join(refData, "orcl-1995-2014.txt"), filepath.Join(refData, "nvda-1999-2014.txt"), filepath.Join(refData, "2006-day-001.txt")
	code, out, errs := runPenny(t, vars, "ingest", "real", "--source", "csv", "--file", "ORCL="+orcl, "--file", "NVDA="+nvda,
		"--file", "IDX="+day)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "3 symbols") {
		t.Errorf("stdout %q", out)
	}
	cfg := csvsource.Config{Files: map[string]string{"ORCL": orcl, "NVDA": nvda, "IDX": day}}
	sameAsStore(t, home, "real", func() (*market.Dataset[numeric.Float], error) {
		ds, _, err := csvsource.Load[numeric.Float](cfg)
		return ds, err
	})
	sameAsStore(t, home, "real", func() (*market.Dataset[numeric.Fixed], error) {
		ds, _, err := csvsource.Load[numeric.Fixed](cfg)
		return ds, err
	})
	sameAsStore(t, home, "real", func() (*market.Dataset[numeric.Decimal], error) {
		ds, _, err := csvsource.Load[numeric.Decimal](cfg)
		return ds, err
	})
}

// TestIngestDecimalFallback: a price with more decimals than Fixed holds
// is read with Decimal and stored exactly; loading it as Fixed then says
// why it cannot.
func TestIngestDecimalFallback(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	csv := "Date,Open,High,Low,Close,Volume\n2024-01-02,0.000012345,0.0000124,0.00001234,0.0000123456789,1000000000\n2024-01-03,0.00001,0.00002,0.00001,0.00002,5\n"
	if err := os.WriteFile(filepath.Join(dir, "SHIB.csv"), []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runPenny(t, map[string]string{"PENNY_HOME": home}, "ingest", "tiny", "--source", "csv", "--dir", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "reading with the decimal backend") {
		t.Errorf("stderr %q does not announce the decimal fallback", errs)
	}
	d, m, err := store.Load[numeric.Decimal](home, "tiny", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := d.Series[0].Close[0].String(); got != "0.0000123456789" || m.Assets[0].Decimals["close"] != 13 {
		t.Errorf("close %s, decimals %v", got, m.Assets[0].Decimals)
	}
	if _, _, err := store.Load[numeric.Fixed](home, "tiny", ""); err == nil || !strings.Contains(err.Error(), "too many decimals for the fixed backend") {
		t.Errorf("Fixed load: %v", err)
	}
}

// fakeAlpaca is a small stand-in for Alpaca's stock bars endpoint: daily
// bars of two symbols in January and February 2024, three per page,
// gzipped, behind the API key headers; and for its corporate actions
// endpoint, one per page: MSFT splits 2:1 on 2024-02-01 (its bars are
// raw: the price halves) and AAPL pays 0.24 a share, ex 2024-01-04,
// paid 2024-02-01. failMonth, when set, makes the calls for that month
// fail with 503.
type fakeAlpaca struct {
	srv       *httptest.Server
	failMonth atomic.Value // string
	mu        sync.Mutex
	calls     []string
}

const (
	testKey    = "PKCMDTEST42"
	testSecret = "cmd-secret-do-not-print"
)

var fakeBars = map[string][][6]string{ // t, o, h, l, c, v
	"AAPL": {
		{"2024-01-02T05:00:00Z", "187.15", "188.44", "183.885", "185.64", "82488700"},
		{"2024-01-03T05:00:00Z", "184.22", "185.88", "183.43", "184.25", "58414500"},
		{"2024-01-04T05:00:00Z", "182.15", "183.0872", "180.88", "181.91", "71983600"},
		{"2024-02-01T05:00:00Z", "183.985", "186.95", "183.82", "186.86", "64885400"},
		{"2024-02-02T05:00:00Z", "179.86", "187.33", "179.25", "185.85", "102518000"},
	},
	"MSFT": {
		{"2024-01-02T05:00:00Z", "373.86", "375.9", "366.77", "370.87", "25258600"},
		{"2024-01-03T05:00:00Z", "369.01", "373.26", "368.51", "370.6", "23083500"},
		{"2024-02-01T05:00:00Z", "200.915", "204", "200.9", "201.89", "61315400"},
	},
}

var fakeActions = []struct {
	group, symbol string
	fields        map[string]any
}{
	{"forward_splits", "MSFT", map[string]any{"symbol": "MSFT", "new_rate": 2, "old_rate": 1, "process_date": "2024-02-01", "ex_date": "2024-02-01",
		"record_date": "2024-01-25", "payable_date": "2024-01-31"}},
	{"cash_dividends", "AAPL", map[string]any{"symbol": "AAPL", "rate": 0.24, "special": false, "foreign": false, "process_date": "2024-01-04",
		"ex_date": "2024-01-04", "record_date": "2024-01-05", "payable_date": "2024-02-01"}},
}

func newFakeAlpaca(t *testing.T) *fakeAlpaca {
	f := &fakeAlpaca{}
	f.failMonth.Store("")
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAlpaca) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f.mu.Lock()
	if q.Get("page_token") == "" {
		if r.URL.Path == "/v1/corporate-actions" {
			f.calls = append(f.calls, "actions")
		} else {
			f.calls = append(f.calls, q.Get("start")[:7])
		}
	}
	f.mu.Unlock()
	if r.Header.Get("APCA-API-KEY-ID") != testKey || r.Header.Get("APCA-API-SECRET-KEY") != testSecret {
		http.Error(w, `{"message":"unauthorized"}`, http.StatusUnauthorized)
		return
	}
	if m := f.failMonth.Load().(string); m != "" && strings.HasPrefix(q.Get("start"), m) {
		http.Error(w, `{"message":"service unavailable"}`, http.StatusServiceUnavailable)
		return
	}
	if r.URL.Path == "/v1/corporate-actions" {
		want := map[string]bool{}
		for _, s := range strings.Split(q.Get("symbols"), ",") {
			want[s] = true
		}
		var all []int
		for i, a := range fakeActions {
			if want[a.symbol] {
				all = append(all, i)
			}
		}
		off := 0
		if tok, err := base64.StdEncoding.DecodeString(q.Get("page_token")); err == nil && len(tok) > 0 {
			off, _ = strconv.Atoi(string(tok))
		}
		page := map[string][]map[string]any{}
		var next any
		if off < len(all) {
			a := fakeActions[all[off]]
			page[a.group] = append(page[a.group], a.fields)
			if off+1 < len(all) {
				next = base64.StdEncoding.EncodeToString([]byte(strconv.Itoa(off + 1)))
			}
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"corporate_actions": page, "next_page_token": next})
		return
	}
	if r.URL.Path != "/v2/stocks/bars" || q.Get("timeframe") != "1Day" {
		http.Error(w, `{"message":"not found"}`, http.StatusNotFound)
		return
	}
	start, _ := time.Parse(time.RFC3339Nano, q.Get("start"))
	end, _ := time.Parse(time.RFC3339Nano, q.Get("end"))
	syms := strings.Split(q.Get("symbols"), ",")
	sort.Strings(syms)
	type item struct {
		sym string
		bar [6]string
	}
	var all []item
	for _, s := range syms {
		for _, b := range fakeBars[s] {
			t, _ := time.Parse(time.RFC3339, b[0])
			if !t.Before(start) && !t.After(end) {
				all = append(all, item{s, b})
			}
		}
	}
	off := 0
	if tok, err := base64.StdEncoding.DecodeString(q.Get("page_token")); err == nil && len(tok) > 0 {
		off, _ = strconv.Atoi(string(tok))
	}
	hi := min(off+3, len(all))
	page := map[string][]map[string]any{}
	for _, it := range all[off:hi] {
		b := it.bar
		page[it.sym] = append(page[it.sym], map[string]any{"t": b[0], "o": json.Number(b[1]), "h": json.Number(b[2]),
			"l": json.Number(b[3]), "c": json.Number(b[4]), "v": json.Number(b[5])})
	}
	var next any
	if hi < len(all) {
		next = base64.StdEncoding.EncodeToString([]byte(strconv.Itoa(hi)))
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"bars": page, "next_page_token": next})
}

func (f *fakeAlpaca) callCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.calls)
}

func TestIngestAlpacaEndToEnd(t *testing.T) {
	home := t.TempDir()
	api := newFakeAlpaca(t)
	vars := map[string]string{"PENNY_HOME": home, alpaca.EnvKeyID: testKey, alpaca.EnvSecretKey: testSecret}
	args := []string{"ingest", "alp", "--source", "alpaca", "--symbols", "MSFT,AAPL", "--start", "2024-01-01", "--end", "2024-02-29", "--base-url", api.srv.URL, "--max-attempts", "1"}

	// February fails: the ingest stops, January stays staged.
	api.failMonth.Store("2024-02")
	code, out, errs := runPenny(t, vars, args...)
	if code != 1 || !strings.Contains(errs, "run the same command again to resume") || !strings.Contains(errs, "HTTP 503") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if list, _ := store.List(home); len(list) != 1 || len(list[0].Ingests) != 0 || !list[0].Partial {
		t.Fatalf("after the failure: %+v", list)
	}
	first := api.callCount()

	// The same command resumes: only February is asked for.
	api.failMonth.Store("")
	code, out, errs = runPenny(t, vars, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	api.mu.Lock()
	again := append([]string(nil), api.calls[first:]...)
	api.mu.Unlock()
	if strings.Join(again, ",") != "2024-02,actions" || !strings.Contains(errs, "3 windows (2 fetched, 1 resumed)") ||
		!strings.Contains(errs, "alpaca: 2 corporate actions") || !strings.Contains(out, "2 symbols, 8 bars, 2 corporate actions") {
		t.Errorf("resume: calls %v, stderr %q, stdout %q", again, errs, out)
	}

	// The store holds what the source gives directly.
	src := func() *alpaca.Source {
		return &alpaca.Source{
			Config: alpaca.Config{Symbols: []string{"AAPL", "MSFT"}, Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
				End: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), BaseURL: api.srv.URL},
			Credentials: alpaca.Credentials{KeyID: testKey, SecretKey: testSecret},
		}
	}
	// And the actions it gives, stored with them.
	as, err := store.LoadActions[numeric.Fixed](home, "alp", "")
	if err != nil {
		t.Fatal(err)
	}
	_, direct, _, err := alpaca.Fetch[numeric.Fixed](context.Background(), src(), t.TempDir())
	if err != nil || len(as) != 2 || len(direct) != 2 {
		t.Fatalf("stored %v, direct %v, %v", as, direct, err)
	}
	for i := range as {
		if as[i].String() != direct[i].String() || !as[i].PayDate.Equal(direct[i].PayDate) || as[i].Origin.String() != "alpaca" {
			t.Errorf("stored %s (paid %v, from %s), direct %s", as[i], as[i].PayDate, as[i].Origin, direct[i])
		}
	}
	sameAsStore(t, home, "alp", func() (*market.Dataset[numeric.Float], error) {
		ds, _, _, err := alpaca.Fetch[numeric.Float](context.Background(), src(), t.TempDir())
		return ds, err
	})
	sameAsStore(t, home, "alp", func() (*market.Dataset[numeric.Fixed], error) {
		ds, _, _, err := alpaca.Fetch[numeric.Fixed](context.Background(), src(), t.TempDir())
		return ds, err
	})
	sameAsStore(t, home, "alp", func() (*market.Dataset[numeric.Decimal], error) {
		ds, _, _, err := alpaca.Fetch[numeric.Decimal](context.Background(), src(), t.TempDir())
		return ds, err
	})
	// The values are the API's decimals, stamped at the close.
	ds, m, err := store.Load[numeric.Fixed](home, "alp", "")
	if err != nil {
		t.Fatal(err)
	}
	if b := ds.Series[0].Bar(2); b.At().Format(time.RFC3339) != "2024-01-04T21:00:00Z" || b.High.String() != "183.0872" {
		t.Errorf("AAPL bar 2: %v %s", b.Time, b.High)
	}
	if m.Options["feed"] != "iex" || m.Options["symbols"] != "AAPL,MSFT" {
		t.Errorf("options %v", m.Options)
	}

	// No credential anywhere on disk.
	filepath.WalkDir(home, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			if bytes.Contains(b, []byte(testSecret)) || bytes.Contains(b, []byte(testKey)) {
				t.Errorf("%s holds a credential", p)
			}
		}
		return nil
	})
}

func TestIngestAlpacaErrors(t *testing.T) {
	api := newFakeAlpaca(t)
	base := []string{"ingest", "alp", "--source", "alpaca", "--start", "2024-01-01", "--end", "2024-01-31", "--base-url", api.srv.URL}
	tests := []struct {
		name  string
		vars  map[string]string
		extra []string
		code  int
		want  string
	}{
		{"no keys", map[string]string{}, []string{"--symbols", "AAPL"}, 2, "set APCA_API_KEY_ID and APCA_API_SECRET_KEY"},
		{"wrong secret", map[string]string{alpaca.EnvKeyID: testKey, alpaca.EnvSecretKey: "nope-wrong"}, []string{"--symbols", "AAPL"}, 2,
			"HTTP 401: authentication failed"},
		{"no data", map[string]string{alpaca.EnvKeyID: testKey, alpaca.EnvSecretKey: testSecret}, []string{"--symbols", "AAPL,ZZZZ"}, 2,
			"no bars for ZZZZ from 2024-01-01 to 2024-01-31"},
		{"no symbols", map[string]string{alpaca.EnvKeyID: testKey, alpaca.EnvSecretKey: testSecret}, nil, 2, "no symbols"},
		{"bad timeframe", map[string]string{alpaca.EnvKeyID: testKey, alpaca.EnvSecretKey: testSecret}, []string{"--symbols", "AAPL", "--timeframe", "week"}, 2,
			`--timeframe "week": want day, hour or minute`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.vars["PENNY_HOME"] = t.TempDir()
			code, _, errs := runPenny(t, tc.vars, append(base, tc.extra...)...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d (want %d), stderr %q, want %q", code, tc.code, errs, tc.want)
			}
			if strings.Contains(errs, "nope-wrong") || strings.Contains(errs, testSecret) {
				t.Errorf("stderr leaks a secret: %s", errs)
			}
		})
	}
}

// TestIngestKilled kills (SIGKILL) a penny ingest process while it writes
// its files: the previous ingest still loads, penny bundles reports the
// unfinished one, and the next ingest succeeds.
func TestIngestKilled(t *testing.T) {
	home := t.TempDir()
	vars := map[string]string{"PENNY_HOME": home}
	if code, _, errs := runPenny(t, vars, "ingest", "k", "--source", "synthetic", "--assets", "3"); code != 0 {
		t.Fatal(errs)
	}
	before, _, err := store.Load[numeric.Fixed](home, "k", "")
	if err != nil {
		t.Fatal(err)
	}
	// The test binary runs as penny under that name (see TestMain).
	bin := filepath.Join(t.TempDir(), "penny")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(exe, bin); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "ingest", "k", "--source", "synthetic", "--assets", "3000", "--start", "2020-01-01", "--end", "2020-03-31")
	cmd.Env = append(os.Environ(), "PENNY_HOME="+home)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	glob := filepath.Join(home, "bundles", "k", store.PartialDir, store.BarsDir, "*.parquet")
	deadline := time.Now().Add(60 * time.Second)
	for {
		if files, _ := filepath.Glob(glob); len(files) >= 5 {
			break
		}
		select {
		case err := <-done:
			t.Fatalf("the ingest ended (%v) before it could be killed midway", err)
		default:
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the ingest wrote no file in 60 s")
		}
		time.Sleep(time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err == nil {
		t.Fatal("the ingest finished before the kill")
	}
	after, _, err := store.Load[numeric.Fixed](home, "k", "")
	if err != nil {
		t.Fatalf("the previous ingest no longer loads: %v", err)
	}
	if canonical(after) != canonical(before) {
		t.Fatal("the previous ingest changed")
	}
	code, out, _ := runPenny(t, vars, "bundles")
	if code != 0 || !strings.Contains(out, "k: an ingest did not finish") {
		t.Errorf("penny bundles: %q", out)
	}
	if code, out, errs := runPenny(t, vars, "ingest", "k", "--source", "synthetic", "--assets", "5"); code != 0 || !strings.Contains(out, "5 symbols") {
		t.Fatalf("ingest after the kill: exit %d %s %s", code, out, errs)
	}
	if list, _ := store.List(home); len(list) != 1 || len(list[0].Ingests) != 2 || list[0].Partial {
		t.Errorf("after the new ingest: %+v", list)
	}
}

// TestProgressBar: on a terminal the bar is drawn; off one (scripts, CI)
// nothing is written.
func TestProgressBar(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{w: &buf, msg: "writing"}
	for i := 1; i <= 3; i++ {
		p.Set(i, 3)
	}
	p.Finish()
	if !strings.Contains(buf.String(), "writing") || !strings.Contains(buf.String(), "/3)") {
		t.Errorf("bar output %q", buf.String())
	}
	buf.Reset()
	q := newProgress(&env{strategies: builtin.Table(), stderr: &buf}, "writing")
	q.Set(1, 3)
	q.Finish()
	if buf.Len() != 0 {
		t.Errorf("a bar was drawn on a non-terminal: %q", buf.String())
	}
}

func TestHumanBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 5 << 20: "5.0 MiB", 3 << 30: "3.0 GiB"} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestIngestAlpacaThenRun: penny ingest of Alpaca bars and corporate
// actions from the fake server, then penny run of buy_and_hold on that
// bundle. 10 shares of each bought at the 2024-01-03 open; MSFT's 2:1
// split on 2024-02-01 makes them 20 (its raw price halves: no loss), and
// AAPL's 0.24 a share, ex 2024-01-04, is accrued on the 10 held at the
// close before and paid on 2024-02-01.
func TestIngestAlpacaThenRun(t *testing.T) {
	home, dir := t.TempDir(), t.TempDir()
	api := newFakeAlpaca(t)
	vars := map[string]string{"PENNY_HOME": home, alpaca.EnvKeyID: testKey, alpaca.EnvSecretKey: testSecret}
	code, out, errs := runPenny(t, vars, "ingest", "real", "--source", "alpaca", "--symbols", "AAPL,MSFT", "--start", "2024-01-01",
		"--end", "2024-02-29", "--base-url", api.srv.URL)
	if code != 0 || !strings.Contains(out, "2 symbols, 8 bars, 2 corporate actions") {
		t.Fatalf("ingest: exit %d, %s %s", code, out, errs)
	}
	cfg := filepath.Join(dir, "hold.yaml")
	if err := os.WriteFile(cfg, []byte("name: hold\nbackend: decimal\ncapital: 10000\ndata: {source: bundle, bundle: real}\n"+
		"strategy: {name: buy_and_hold, params: {shares: 10}}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runPenny(t, vars, "run", cfg, "--backend", "fixed,decimal", "--out", filepath.Join(dir, "out"))
	if code != 0 {
		t.Fatalf("run: exit %d, %s %s", code, out, errs)
	}
	d := func(s string) numeric.Decimal { return numeric.MustParse[numeric.Decimal](s) }
	aapl, msft := fakeBars["AAPL"], fakeBars["MSFT"]
	ten := numeric.Int[numeric.Decimal](10)
	cash := d("10000").Sub(ten.Mul(d(aapl[1][1]))).Sub(ten.Mul(d(msft[1][1]))).Add(ten.Mul(d("0.24")))
	value := cash.Add(ten.Mul(d(aapl[4][4]))).Add(numeric.Int[numeric.Decimal](20).Mul(d(msft[2][4])))
	for _, b := range []string{"fixed", "decimal"} {
		sum, err := os.ReadFile(filepath.Join(dir, "out", b, "summary.json"))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`"ending_cash": "` + cash.String() + `"`, `"ending_value": "` + value.String() + `"`,
			`"dividends": "2.4"`, `"split": 1`, `"cash_dividend": 1`} {
			if !strings.Contains(string(sum), want) {
				t.Errorf("%s: summary.json lacks %s:\n%s", b, want, sum)
			}
		}
		acts, err := os.ReadFile(filepath.Join(dir, "out", b, "actions.csv"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(acts), ",MSFT,split,split,2,,,0,0,0,10,20,") {
			t.Errorf("%s: actions.csv:\n%s", b, acts)
		}
	}
	if !strings.Contains(out, "drift of final value") {
		t.Errorf("stdout %s", out)
	}
}
