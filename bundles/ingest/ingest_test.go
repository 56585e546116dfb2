package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/bundles/alpaca"
	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/ingest"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

var at = time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)

// recorder keeps what an ingest showed and told.
type recorder struct {
	stages   []string
	last     map[string][2]int // stage: last done, total
	finished map[string]int
	notices  []ingest.Notice
}

type stage struct {
	r    *recorder
	name string
}

func (s stage) Set(done, total int) { s.r.last[s.name] = [2]int{done, total} }
func (s stage) Finish()             { s.r.finished[s.name]++ }

func (r *recorder) options() ingest.Options {
	r.last, r.finished = map[string][2]int{}, map[string]int{}
	return ingest.Options{
		Progress: func(name string) ingest.Progress {
			r.stages = append(r.stages, name)
			return stage{r, name}
		},
		Notify: func(n ingest.Notice) { r.notices = append(r.notices, n) },
	}
}

// text prints every bar of ds.
func text[N numeric.Number[N]](ds *market.Dataset[N]) string {
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

func TestSynthetic(t *testing.T) {
	home := t.TempDir()
	cfg := synthetic.Default()
	cfg.Assets, cfg.Seed = 3, 9
	cfg.Start, cfg.End = time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	g, err := ingest.Synthetic(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if g.Resumable() {
		t.Error("synthetic data is resumable")
	}
	var r recorder
	m, err := ingest.Run(context.Background(), home, "syn", at, g, r.options())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"assets": "3", "seed": "9", "frequency": "daily", "calendar": "XNYS", "start": "2024-01-02", "end": "2024-02-29"}
	if m.Source != "synthetic" || fmt.Sprint(m.Options) != fmt.Sprint(want) || fmt.Sprint(g.Source().Options) != fmt.Sprint(want) {
		t.Errorf("manifest %s %v, want synthetic %v", m.Source, m.Options, want)
	}
	if fmt.Sprint(r.stages) != "[writing]" || r.last["writing"] != [2]int{3, 3} || r.finished["writing"] != 1 || len(r.notices) != 0 {
		t.Errorf("stages %v, last %v, finished %v, notices %v", r.stages, r.last, r.finished, r.notices)
	}
	got, _, err := store.Load[numeric.Decimal](home, "syn", "")
	if err != nil {
		t.Fatal(err)
	}
	direct, err := synthetic.Generate[numeric.Decimal](cfg)
	if err != nil {
		t.Fatal(err)
	}
	if text(got) != text(direct) {
		t.Error("the store holds other bars than the generator gives")
	}

	bad := cfg
	bad.End = bad.Start.AddDate(0, 0, -1)
	if _, err := ingest.Synthetic(bad); err == nil {
		t.Error("a config ending before it starts was accepted")
	}
}

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCSVFallbackAndDrops: a price with 13 decimals makes the ingest read
// again with Decimal, and an invalid row allowed to be dropped is told.
func TestCSVFallbackAndDrops(t *testing.T) {
	home := t.TempDir()
	dir := writeFiles(t, map[string]string{"SHIB.csv": "Date,Open,High,Low,Close,Volume\n" +
		"2024-01-02,0.000012345,0.0000124,0.00001234,0.0000123456789,1000000000\n" +
		"2024-01-03,0.00001,0.000009,0.00002,0.00002,5\n" + // high below low
		"2024-01-04,0.00001,0.00002,0.00001,0.00002,5\n"})
	repair, err := csvsource.ParseRepair("invalid")
	if err != nil {
		t.Fatal(err)
	}
	g, err := ingest.CSV(csvsource.Config{Dir: dir, Repair: repair})
	if err != nil {
		t.Fatal(err)
	}
	var r recorder
	m, err := ingest.Run(context.Background(), home, "tiny", at, g, r.options())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.notices) != 2 {
		t.Fatalf("notices %v, want a fallback and a drop", r.notices)
	}
	fb, ok := r.notices[0].(*ingest.Fallback)
	if !ok || !errors.Is(fb.Err, numeric.ErrPrecision) || !strings.Contains(fb.String(), "reading with the decimal backend") {
		t.Errorf("first notice %v, want the fallback to decimal", r.notices[0])
	}
	dr, ok := r.notices[1].(*ingest.Dropped)
	if !ok || dr.Report.Dropped() != 1 || !strings.HasPrefix(dr.String(), "dropped 1 rows (repairs: invalid):\n") {
		t.Errorf("second notice %v, want one row dropped", r.notices[1])
	}
	if m.Options["drop"] != "invalid" || m.Options["dir"] != dir || m.Rows != 2 {
		t.Errorf("manifest options %v, %d rows", m.Options, m.Rows)
	}
	ds, _, err := store.Load[numeric.Decimal](home, "tiny", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := ds.Series[0].Close[0].String(); got != "0.0000123456789" {
		t.Errorf("close %s, want 0.0000123456789 exactly", got)
	}
}

// TestCSVInputError: a bad number is an *InputError naming the file, and
// the failed ingest leaves nothing behind.
func TestCSVInputError(t *testing.T) {
	home := t.TempDir()
	dir := writeFiles(t, map[string]string{"X.csv": "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10.0x,100\n"})
	g, err := ingest.CSV(csvsource.Config{Dir: dir})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Run(context.Background(), home, "bad", at, g, ingest.Options{})
	var ie *ingest.InputError
	var pe *csvsource.ParseError
	if !errors.As(err, &ie) || !errors.As(err, &pe) || !strings.Contains(err.Error(), "X.csv:2") {
		t.Fatalf("err %v, want an *InputError wrapping the csv ParseError", err)
	}
	if list, err := store.List(home); err != nil || len(list) != 0 {
		t.Errorf("after a failed csv ingest: %+v, %v; want nothing", list, err)
	}
	if _, err := ingest.CSV(csvsource.Config{}); err == nil {
		t.Error("a csv config with no files was accepted")
	}
}

// TestAlpaca: a refused request is an *InputError; a failed download is
// not, and is kept for the next attempt (resumable), with its counts told.
func TestAlpaca(t *testing.T) {
	status := http.StatusUnprocessableEntity
	barsOK := false // serve the bars, fail the corporate actions
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if barsOK && r.URL.Path == "/v2/stocks/bars" {
			fmt.Fprint(w, `{"bars":{"AAPL":[{"t":"2024-01-02T05:00:00Z","o":1,"h":1,"l":1,"c":1,"v":1}]},"next_page_token":null}`)
			return
		}
		http.Error(w, `{"message":"no"}`, status)
	}))
	defer srv.Close()
	source := func() *alpaca.Source {
		return &alpaca.Source{
			Config: alpaca.Config{Symbols: []string{"AAPL"}, Frequency: market.Daily, BaseURL: srv.URL, MaxAttempts: 1,
				Start: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), End: time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)},
			Credentials: alpaca.Credentials{KeyID: "k", SecretKey: "s"},
		}
	}
	g, err := ingest.Alpaca(source())
	if err != nil {
		t.Fatal(err)
	}
	if !g.Resumable() || g.Source().Name != "alpaca" || g.Source().Options["symbols"] != "AAPL" {
		t.Errorf("ingester %+v resumable %v", g.Source(), g.Resumable())
	}
	home := t.TempDir()
	var r recorder
	_, err = ingest.Run(context.Background(), home, "alp", at, g, r.options())
	var ie *ingest.InputError
	if !errors.Is(err, alpaca.ErrRefused) || !errors.As(err, &ie) {
		t.Errorf("refused: err %v, want an *InputError matching alpaca.ErrRefused", err)
	}
	if fmt.Sprint(r.stages) != "[downloading]" || r.finished["downloading"] != 1 {
		t.Errorf("stages %v, finished %v", r.stages, r.finished)
	}
	if len(r.notices) != 1 {
		t.Fatalf("notices %v, want the download's counts", r.notices)
	}
	// A month of bars and the corporate actions.
	if d, ok := r.notices[0].(*ingest.Downloaded); !ok || d.Report.Windows != 2 || !strings.HasPrefix(d.String(), "alpaca: 2 windows (0 fetched, 0 resumed)") {
		t.Errorf("notice %v", r.notices[0])
	}

	status = http.StatusServiceUnavailable
	g, err = ingest.Alpaca(source())
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Run(context.Background(), home, "alp", at, g, ingest.Options{})
	if err == nil || errors.As(err, &ie) || !errors.Is(err, alpaca.ErrRetries) {
		t.Errorf("unavailable: err %v, want a plain error matching alpaca.ErrRetries", err)
	}
	if list, _ := store.List(home); len(list) != 0 {
		t.Errorf("after a failed download that fetched nothing: %+v, want nothing left", list)
	}
	if _, err := os.Stat(filepath.Join(home, "bundles", "alp")); err == nil {
		t.Error("the failed download left the bundle's folder")
	}

	// The bars fetched, the corporate actions not: kept for the next
	// attempt.
	barsOK = true
	g, err = ingest.Alpaca(source())
	if err != nil {
		t.Fatal(err)
	}
	_, err = ingest.Run(context.Background(), home, "alp", at, g, ingest.Options{})
	if err == nil || !strings.Contains(err.Error(), "1 of 2 windows are saved") {
		t.Errorf("half fetched: err %v", err)
	}
	if list, _ := store.List(home); len(list) != 1 || !list[0].Partial || !list[0].Resumable {
		t.Errorf("after a failed download: %+v, want the partial ingest kept, resumable", list)
	}

	if _, err := ingest.Alpaca(&alpaca.Source{}); err == nil {
		t.Error("an Alpaca source with no symbols was accepted")
	}
}

// TestWithActions: an actions file is stored with the bars and recorded
// in the manifest; an amount with more decimals than Fixed holds makes
// the ingest read bars and actions again with Decimal; bad actions are
// *InputErrors naming the file and line, and leave nothing.
func TestWithActions(t *testing.T) {
	home := t.TempDir()
	dir := writeFiles(t, map[string]string{
		"X.csv":       "Date,Open,High,Low,Close,Volume\n2024-01-02,10,11,9,10,100\n2024-01-03,10,11,9,10,100\n",
		"actions.csv": "date,symbol,type,ratio,amount\n2024-01-03,X,cash_dividend,,0.123456789\n2024-01-03,X,split,3:2,\n",
		"bad.csv":     "date,symbol,type,ratio,amount\n2024-01-03,X,split,0,\n",
		"unknown.csv": "date,symbol,type,ratio,amount\n2024-01-03,Y,split,2,\n",
	})
	g, err := ingest.CSV(csvsource.Config{Dir: dir, Symbols: []string{"X"}})
	if err != nil {
		t.Fatal(err)
	}
	actions := filepath.Join(dir, "actions.csv")
	if g.WithActions(actions) != g || g.Source().Options["actions"] != actions {
		t.Fatalf("options %v", g.Source().Options)
	}
	var r recorder
	m, err := ingest.Run(context.Background(), home, "x", at, g, r.options())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.notices) != 1 || !errors.Is(r.notices[0].(*ingest.Fallback).Err, numeric.ErrPrecision) {
		t.Errorf("notices %v, want the fallback to decimal", r.notices)
	}
	if m.Actions == nil || m.Actions.Rows != 2 || m.Options["actions"] != actions {
		t.Fatalf("manifest %+v %v", m.Actions, m.Options)
	}
	as, err := store.LoadActions[numeric.Decimal](home, "x", "")
	if err != nil || len(as) != 2 || as[0].Amount.String() != "0.123456789" || as[1].Ratio.String() != "3:2" || as[0].Origin.String() != actions+":2" {
		t.Errorf("stored actions %v, %v", as, err)
	}
	for _, tc := range []struct{ file, want string }{
		{"bad.csv", `bad.csv:2: field "ratio" value "0"`},
		{"unknown.csv", `unknown.csv:2: 2024-01-03 Y split: field "symbol" value "Y"`},
		{"missing.csv", "missing.csv"},
	} {
		g, err := ingest.CSV(csvsource.Config{Dir: dir, Symbols: []string{"X"}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = ingest.Run(context.Background(), home, "y", at, g.WithActions(filepath.Join(dir, tc.file)), ingest.Options{})
		var ie *ingest.InputError
		if tc.file != "missing.csv" && !errors.As(err, &ie) || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an *InputError naming %s", tc.file, err, tc.want)
		}
	}
	if list, err := store.List(home); err != nil || len(list) != 1 {
		t.Errorf("bundles %+v, %v: want x only", list, err)
	}
}
