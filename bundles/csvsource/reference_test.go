package csvsource

import (
	encsv "encoding/csv"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// refData is the repository's folder of real data, testdata/ at its root
// (see the README.md there).
const refData = "../../testdata"

// refFiles are the reference files in refData, by symbol.
var refFiles = []struct {
	symbol, name string
	nyse         bool // the dates are NYSE sessions
}{
	{"IDX", "2006-day-001.txt", false},
	{"NVDA", "nvda-1999-2014.txt", true},
	{"ORCL", "orcl-1995-2014.txt", true},
}

func TestLoadReferenceFiles(t *testing.T) {
	backendtest.Run(t, testLoadReferenceByName)
}

//penny:backends
func testLoadReference[N numeric.Number[N]](t *testing.T) {
	closes := xnysCloses(t)
	for _, cal := range []string{"data", "XNYS"} {
		t.Run("calendar="+cal, func(t *testing.T) {
			cfg := Config{Files: map[string]string{}, Calendar: cal}
			for _, f := range refFiles {
				if cal == "data" || f.nyse {
					cfg.Files[f.symbol] = filepath.Join(refData, f.name)
				}
			}
			ds, rep, err := Load[N](cfg)
			if err != nil {
				t.Fatal(err)
			}
			if ds.Calendar != cal || ds.Frequency != market.Daily || len(ds.Series) != len(cfg.Files) {
				t.Fatalf("dataset calendar %q frequency %v with %d series", ds.Calendar, ds.Frequency, len(ds.Series))
			}
			for i, s := range ds.Series {
				if s.Asset.ID != i || cfg.Files[s.Asset.Symbol] == "" || (i > 0 && ds.Series[i-1].Asset.Symbol >= s.Asset.Symbol) {
					t.Fatalf("series %d is %+v: not normalized", i, s.Asset)
				}
				rows := fileRows(t, cfg.Files[s.Asset.Symbol])
				if s.Len() != len(rows) || rep.Files[i].Bars != len(rows) || rep.Files[i].Rows != len(rows) {
					t.Fatalf("%s: %d bars (report %+v), the file has %d rows", s.Asset.Symbol, s.Len(), rep.Files[i], len(rows))
				}
				for j, r := range rows {
					checkRow(t, &s, j, r, closes, cal)
				}
			}
		})
	}
}

// fileRow is a row of a reference file, read with encoding/csv.
type fileRow struct {
	line                    int
	date                    string
	open, high, low, closep string
	volume                  string
}

func fileRows(t *testing.T, path string) []fileRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := encsv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	var rows []fileRow
	for i, r := range recs[1:] {
		rows = append(rows, fileRow{line: i + 2, date: r[col["Date"]], open: r[col["Open"]], high: r[col["High"]],
			low: r[col["Low"]], closep: r[col["Close"]], volume: r[col["Volume"]]})
	}
	return rows
}

// checkRow compares bar j with the file's text: the exact value for Fixed
// and Decimal (compared as rationals), the nearest float64 for Float, and
// the stamp from the reference session list (XNYS) or the end of the day
// (data calendar).
func checkRow[N numeric.Number[N]](t *testing.T, s *market.Series[N], j int, r fileRow, closes map[string]time.Time, cal string) {
	t.Helper()
	d, err := time.Parse(time.DateOnly, r.date)
	if err != nil {
		t.Fatal(err)
	}
	want := d.Add(24 * time.Hour)
	if cal == "XNYS" {
		c, ok := closes[r.date]
		if !ok {
			t.Fatalf("line %d: %s is not in the reference NYSE sessions", r.line, r.date)
		}
		want = c
	}
	if got := s.Bar(j).At(); !got.Equal(want) {
		t.Errorf("%s line %d: stamp %s, want %s", s.Asset.Symbol, r.line, got, want)
	}
	for _, f := range []struct {
		name string
		v    N
		text string
	}{{"open", s.Open[j], r.open}, {"high", s.High[j], r.high}, {"low", s.Low[j], r.low}, {"close", s.Close[j], r.closep}, {"volume", s.Volume[j], r.volume}} {
		if !sameValue(f.v, f.text) {
			t.Errorf("%s line %d %s: got %s, file has %s", s.Asset.Symbol, r.line, f.name, f.v, f.text)
		}
	}
}

// sameValue reports whether v holds the decimal text exactly (Fixed,
// Decimal) or is the float64 nearest to it (Float).
func sameValue[N numeric.Number[N]](v N, text string) bool {
	if numeric.Backend[N]() == "float" {
		f, err := strconv.ParseFloat(text, 64)
		return err == nil && f == v.Float64()
	}
	want, ok1 := new(big.Rat).SetString(text)
	got, ok2 := new(big.Rat).SetString(v.String())
	return ok1 && ok2 && want.Cmp(got) == 0
}

// xnysCloses reads the reference NYSE session list: session date -> close.
func xnysCloses(t *testing.T) map[string]time.Time {
	t.Helper()
	f, err := os.Open(filepath.Join(refData, "calendars/xnys-sessions-1990-2023.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := encsv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]time.Time, len(recs))
	for _, r := range recs[1:] {
		c, err := time.Parse(time.RFC3339, r[2])
		if err != nil {
			t.Fatal(err)
		}
		m[r[0][:10]] = c
	}
	return m
}

// The fixed and decimal backends read the same digits from every file.
func TestReferenceFilesSameDigits(t *testing.T) {
	cfg := Config{Files: map[string]string{}}
	for _, f := range refFiles {
		cfg.Files[f.symbol] = filepath.Join(refData, f.name)
	}
	fx, _, err := Load[numeric.Fixed](cfg)
	if err != nil {
		t.Fatal(err)
	}
	dc, _, err := Load[numeric.Decimal](cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range fx.Series {
		a, b := &fx.Series[i], &dc.Series[i]
		for _, f := range market.Fields() {
			ca, cb := a.Column(f), b.Column(f)
			for j := range ca {
				if ca[j].String() != cb[j].String() || a.Time[j] != b.Time[j] {
					t.Fatalf("%s row %d %s: fixed %s, decimal %s", a.Asset.Symbol, j, f, ca[j], cb[j])
				}
			}
		}
	}
}

func TestLoadDir(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		if err := os.WriteFile(dir+"/"+name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("AAA.csv", head+"2020-01-02,1,2,1,2,10\n")
	write("BBB.TXT", head+"2020-01-02,1,2,1,2,10\n2020-01-03,1,2,1,2,10\n")
	write("notes.md", "not data")
	orcl, err := os.ReadFile(filepath.Join(refData, "orcl-1995-2014.txt"))
	if err != nil {
		t.Fatal(err)
	}
	write("ORCL.csv.gz", string(gzipped(t, orcl)))

	ds, rep, err := Load[numeric.Fixed](Config{Dir: dir, Calendar: "XNYS", TickSize: "0.01", LotSize: "1"})
	if err != nil {
		t.Fatal(err)
	}
	var syms []string
	for _, s := range ds.Series {
		syms = append(syms, s.Asset.Symbol)
		if s.Asset.TickSize != "0.01" || s.Asset.LotSize != "1" || s.Asset.Class != market.Equity {
			t.Errorf("asset %+v: want tick 0.01, lot 1, equity", s.Asset)
		}
	}
	if got := strings.Join(syms, ","); got != "AAA,BBB,ORCL" {
		t.Fatalf("symbols %s, want AAA,BBB,ORCL", got)
	}
	if n := len(fileRows(t, filepath.Join(refData, "orcl-1995-2014.txt"))); ds.Series[2].Len() != n || rep.Files[2].Bars != n {
		t.Errorf("ORCL from gzip: %d bars, the file has %d rows", ds.Series[2].Len(), n)
	}
	if !strings.Contains(rep.String(), "BBB (") {
		t.Errorf("report %q does not list BBB", rep)
	}

	// Symbols selects; a symbol with no file is an error naming it.
	ds, _, err = Load[numeric.Fixed](Config{Dir: dir, Symbols: []string{"BBB"}})
	if err != nil || len(ds.Series) != 1 || ds.Series[0].Asset.Symbol != "BBB" {
		t.Fatalf("symbols [BBB]: %v, %v", ds, err)
	}
	_, _, err = Load[numeric.Fixed](Config{Dir: dir, Symbols: []string{"BBB", "ZZZ"}})
	checkNoData(t, err, "ZZZ")

	// A symbol given twice, by files and by dir.
	if _, _, err := Load[numeric.Fixed](Config{Dir: dir, Files: map[string]string{"AAA": dir + "/AAA.csv"}}); err == nil {
		t.Error("AAA in files and dir: no error")
	}
	// Two files for one symbol.
	write("AAA.txt", head)
	if _, _, err := Load[numeric.Fixed](Config{Dir: dir}); err == nil || !strings.Contains(err.Error(), "AAA") {
		t.Errorf("AAA.csv and AAA.txt: error %v", err)
	}
}

func checkNoData(t *testing.T, err error, sym string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) || !errors.Is(err, ErrNoData) || pe.Value != sym || !strings.Contains(err.Error(), sym) {
		t.Errorf("error %v: want a *ParseError naming %s with ErrNoData", err, sym)
	}
}

func TestLoadFileErrors(t *testing.T) {
	dir := t.TempDir()
	good, bad := dir+"/good.csv", dir+"/bad.csv"
	for path, text := range map[string]string{good: head + "2020-01-02,1,2,1,2,10\n", bad: head + "2020-01-02,1,2,1,2,10\n2020-01-03,1,2,3,2,10\n"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, rep, err := Load[numeric.Decimal](Config{Files: map[string]string{"A": good, "B": bad}})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != bad || pe.Line != 3 || pe.Field != "High" || !errors.Is(err, ErrHighBelowLow) {
		t.Fatalf("error %v: want bad.csv line 3 High below low", err)
	}
	// A is read in parallel with B and stopped once B fails, so its count
	// is 0 or 1; B's is the one row read before the bad one.
	if rep == nil || len(rep.Files) != 2 || rep.Files[0].Bars > 1 || rep.Files[1].Symbol != "B" || rep.Files[1].Bars != 1 {
		t.Errorf("report %+v", rep)
	}
	_, _, err = Load[numeric.Decimal](Config{Files: map[string]string{"A": dir + "/missing.csv"}})
	if !errors.As(err, &pe) || pe.File != dir+"/missing.csv" || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error %v", err)
	}
}
