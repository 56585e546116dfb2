package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"

	"github.com/pennybt/penny/internal/backendtest"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

func TestRoundTrip(t *testing.T) {
	backendtest.Run(t, testRoundTripByName)
}

// testRoundTrip writes a dataset of N and loads it back as N: every value
// prints the same, and the manifest describes the files on disk.
//
//penny:backends
func testRoundTrip[N numeric.Number[N]](t *testing.T) {
	home := t.TempDir()
	text := genText(1, 12, 500)
	src := dataset[N](t, text)
	want := dataset[N](t, text)
	if err := want.Normalize(); err != nil {
		t.Fatal(err)
	}
	var progress []int
	m, err := Write(home, "rt", t0, src, Source{Name: "test", Options: map[string]string{"seed": "1"}},
		WriteOptions{Progress: func(done, total int) { progress = append(progress, done*1000+total) }})
	if err != nil {
		t.Fatal(err)
	}
	if len(progress) != 12 || progress[11] != 12012 {
		t.Errorf("progress calls %v, want 12 ending at 12 of 12", progress)
	}
	got, m2, err := Load[N](home, "rt", "latest")
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, canonical(got), canonical(want))
	if got.Frequency != market.Minute || got.Calendar != "24/7" {
		t.Errorf("frequency %v calendar %q", got.Frequency, got.Calendar)
	}
	for i, s := range got.Series {
		if s.Asset != want.Series[i].Asset {
			t.Errorf("asset %d: got %+v, want %+v", i, s.Asset, want.Series[i].Asset)
		}
	}
	if m2.IngestTime != m.IngestTime || !m.IngestTime.Equal(t0) {
		t.Errorf("ingest time %v / %v, want %v", m.IngestTime, m2.IngestTime, t0)
	}
	if m.Rows != 12*500 || len(m.Symbols) != 12 || m.Source != "test" || m.Options["seed"] != "1" {
		t.Errorf("manifest: rows %d symbols %v source %q options %v", m.Rows, m.Symbols, m.Source, m.Options)
	}
	dir := filepath.Join(home, "bundles", "rt", IngestName(t0))
	for i, a := range m.Assets {
		if a.Symbol != want.Series[i].Asset.Symbol || a.Rows != 500 {
			t.Errorf("asset %d: %s rows %d", i, a.Symbol, a.Rows)
		}
		// Minute bars: the manifest gives the starts of the first and
		// last bars, a minute before their end-of-interval stamps.
		if !a.Start.Equal(time.Unix(0, want.Series[i].Time[0]).Add(-time.Minute)) || !a.End.Equal(time.Unix(0, want.Series[i].Time[499]).Add(-time.Minute)) {
			t.Errorf("%s: range %v..%v", a.Symbol, a.Start, a.End)
		}
		b, err := os.ReadFile(filepath.Join(dir, a.Path))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if int64(len(b)) != a.Size || hex.EncodeToString(sum[:]) != a.SHA256 {
			t.Errorf("%s: size %d sha %s, manifest %d %s", a.Path, len(b), hex.EncodeToString(sum[:]), a.Size, a.SHA256)
		}
	}
	if !m.Start.Equal(time.Unix(0, want.Series[0].Time[0]).Add(-time.Minute)) || !m.End.Equal(time.Unix(0, want.Series[0].Time[499]).Add(-time.Minute)) {
		t.Errorf("range %v..%v", m.Start, m.End)
	}
	if m2.Start != m.Start || m2.End != m.End {
		t.Errorf("range read back %v..%v, written %v..%v", m2.Start, m2.End, m.Start, m.End)
	}
	if _, err := os.Stat(filepath.Join(home, "bundles", "rt", PartialDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("temporary directory left behind: %v", err)
	}
}

// TestCrossBackend writes exact data from Decimal and loads it into each
// backend: Fixed and Decimal print the same digits, Float holds the
// float64 nearest to the text.
func TestCrossBackend(t *testing.T) {
	home := t.TempDir()
	text := genText(2, 10, 300)
	if _, err := Write(home, "x", t0, dataset[numeric.Decimal](t, text), Source{Name: "test"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	want := dataset[numeric.Decimal](t, text)
	want.Normalize()
	fx, _, err := Load[numeric.Fixed](home, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, canonical(fx), canonical(want))
	fl, _, err := Load[numeric.Float](home, "x", "")
	if err != nil {
		t.Fatal(err)
	}
	wantF := dataset[numeric.Float](t, text)
	wantF.Normalize()
	for i := range fl.Series {
		for _, f := range market.Fields() {
			g, w := fl.Series[i].Column(f), wantF.Series[i].Column(f)
			for j := range g {
				if g[j] != w[j] {
					t.Fatalf("%s %s row %d: got %v, want %v", fl.Series[i].Asset.Symbol, f, j, g[j], w[j])
				}
			}
		}
	}
}

// TestParquetDecimal opens a written file with parquet-go directly and
// checks that it holds what pandas, polars or DuckDB will read: the
// columns time, open, high, low, close, volume, symbol in that order;
// DECIMAL(18, s) columns whose unscaled integers are the exact values
// times 10^s; the session dates of daily bars as DATE; the symbol on every
// row.
func TestParquetDecimal(t *testing.T) {
	home := t.TempDir()
	ds := &market.Dataset[numeric.Decimal]{Frequency: market.Daily, Calendar: "XNYS"}
	s := market.Series[numeric.Decimal]{Asset: market.Asset{Symbol: "BRK.A"}}
	rows := [][5]string{
		{"612000.5", "613000.25", "611000", "612500.125", "1200"},
		{"612500", "612500", "612500", "612500", "0.5"},
	}
	for i, r := range rows {
		s.Append(market.Bar[numeric.Decimal]{
			Time: time.Date(2024, 1, 2+i, 21, 0, 0, 0, time.UTC).UnixNano(), // the close of 2024-01-02 and -03
			Open: numeric.MustParse[numeric.Decimal](r[0]), High: numeric.MustParse[numeric.Decimal](r[1]),
			Low: numeric.MustParse[numeric.Decimal](r[2]), Close: numeric.MustParse[numeric.Decimal](r[3]),
			Volume: numeric.MustParse[numeric.Decimal](r[4]),
		})
	}
	ds.Series = append(ds.Series, s)
	m, err := Write(home, "d", t0, ds, Source{Name: "test"}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantScale := map[string]int{"open": 1, "high": 2, "low": 0, "close": 3, "volume": 1}
	for k, v := range wantScale {
		if m.Assets[0].Decimals[k] != v {
			t.Errorf("manifest decimals %v, want %v", m.Assets[0].Decimals, wantScale)
		}
	}
	d2, d3 := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), time.Date(2024, 1, 3, 0, 0, 0, 0, time.UTC)
	if !m.Start.Equal(d2) || !m.End.Equal(d3) || !m.Assets[0].Start.Equal(d2) || !m.Assets[0].End.Equal(d3) {
		t.Errorf("manifest range %v..%v, file %v..%v, want the session dates 2024-01-02..2024-01-03",
			m.Start, m.End, m.Assets[0].Start, m.Assets[0].End)
	}
	path := filepath.Join(home, "bundles", "d", IngestName(t0), m.Assets[0].Path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, err := parquet.OpenFile(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	if sym, _ := f.Lookup("penny.symbol"); sym != "BRK.A" {
		t.Errorf("penny.symbol metadata %q", sym)
	}
	if !strings.HasSuffix(m.Assets[0].Path, "/BRK.A.parquet") {
		t.Errorf("path %q", m.Assets[0].Path)
	}
	var names []string
	for _, c := range f.Schema().Columns() {
		names = append(names, strings.Join(c, "."))
	}
	if got := strings.Join(names, ","); got != "time,open,high,low,close,volume,symbol" {
		t.Errorf("columns %s, want time,open,high,low,close,volume,symbol", got)
	}
	rowsRead := make([]parquet.Row, 2)
	r := parquet.NewReader(f)
	n, _ := r.ReadRows(rowsRead)
	if n != 2 {
		t.Fatalf("read %d rows", n)
	}
	leaf, _ := f.Schema().Lookup("symbol")
	for ri := range 2 {
		if got := rowsRead[ri][leaf.ColumnIndex].String(); got != "BRK.A" {
			t.Errorf("symbol row %d: %q", ri, got)
		}
	}
	for ci, col := range append([]string{"time"}, priceColumns[:]...) {
		leaf, _ := f.Schema().Lookup(col)
		lt := leaf.Node.Type().LogicalType()
		for ri := range 2 {
			if ci == 0 {
				if lt.String() != "DATE" {
					t.Errorf("time type %s, want DATE", lt)
				}
				// Days since 1970-01-01 of the session dates.
				if got, want := rowsRead[ri][leaf.ColumnIndex].Int32(), int32(d2.AddDate(0, 0, ri).Unix()/86400); got != want {
					t.Errorf("time row %d: day %d, want %d", ri, got, want)
				}
				continue
			}
			u := rowsRead[ri][leaf.ColumnIndex].Int64()
			scale := wantScale[col]
			if want := "DECIMAL(18," + itoa(scale) + ")"; lt.String() != want {
				t.Errorf("%s type %s, want %s", col, lt, want)
			}
			got := new(big.Rat).SetFrac(big.NewInt(u), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
			want, _ := new(big.Rat).SetString(rows[ri][ci-1])
			if got.Cmp(want) != 0 {
				t.Errorf("%s row %d: unscaled %d at scale %d is %s, want %s", col, ri, u, scale, got.FloatString(scale), rows[ri][ci-1])
			}
		}
	}
}

func itoa(i int) string { return formatUnits(int64(i), 0) }

func TestWriteRefuses(t *testing.T) {
	one := numeric.MustParse[numeric.Decimal]("1")
	bar := func(o, v string) market.Bar[numeric.Decimal] {
		p := numeric.MustParse[numeric.Decimal](o)
		return market.Bar[numeric.Decimal]{Time: t0.Truncate(time.Minute).UnixNano(), Open: p, High: p, Low: p, Close: p, Volume: numeric.MustParse[numeric.Decimal](v)}
	}
	tests := []struct {
		name string
		bars []market.Bar[numeric.Decimal]
		want string
	}{
		{"too many digits", []market.Bar[numeric.Decimal]{bar("12345678901.1234567891", "1")},
			"XYZ: column open, row 0: value 12345678901.1234567891: more than 18 significant digits"},
		{"digits at the column's scale", []market.Bar[numeric.Decimal]{bar("1.00000000000001", "1"), bar("123456", "1")},
			"XYZ: column open, row 1: value 123456: more than 18 significant digits at the column's scale (14 decimals"},
		{"negative price", []market.Bar[numeric.Decimal]{bar("-1", "1")}, "open -1: zero or below"},
		{"no bars", nil, "symbol XYZ has no bars"},
		{"off the grid", []market.Bar[numeric.Decimal]{bar("1", "1"), {Time: t0.UnixNano(), Open: one, High: one, Low: one, Close: one, Volume: one}},
			"XYZ: column time, row 1: value 2025-03-04T05:07:07.890123456Z: not on the calendar's bar grid (24/7, minute bars)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			s := market.Series[numeric.Decimal]{Asset: market.Asset{Symbol: "XYZ"}}
			for i, b := range tc.bars {
				b.Time += int64(time.Duration(i) * time.Minute)
				s.Append(b)
			}
			ds := &market.Dataset[numeric.Decimal]{Frequency: market.Minute, Calendar: "24/7", Series: []market.Series[numeric.Decimal]{s}}
			_, err := Write(home, "bad", t0, ds, Source{Name: "test"}, WriteOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
			if _, _, err := Load[numeric.Decimal](home, "bad", ""); err == nil {
				t.Errorf("a failed write left a loadable ingest")
			}
		})
	}
}

// TestLoadRefuses checks the values a backend cannot hold: Fixed refuses
// a column with more than 8 decimals and values beyond its range, by
// file, column and row; Decimal loads them.
func TestLoadRefuses(t *testing.T) {
	tests := []struct {
		name, price, want string
		err               error
	}{
		{"ten decimals", "1.0123456789", "column open, row 1: value 1.0123456789: too many decimals for the fixed backend", numeric.ErrPrecision},
		{"beyond range", "100000000000", "column open, row 1: value 100000000000: overflow for the fixed backend", numeric.ErrOverflow},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			s := market.Series[numeric.Decimal]{Asset: market.Asset{Symbol: "XYZ"}}
			for i, p := range []string{"1", tc.price} {
				v := numeric.MustParse[numeric.Decimal](p)
				s.Append(market.Bar[numeric.Decimal]{Time: t0.Truncate(time.Hour).Add(time.Duration(i) * time.Hour).UnixNano(), Open: v, High: v, Low: v, Close: v, Volume: v})
			}
			ds := &market.Dataset[numeric.Decimal]{Frequency: market.Hourly, Calendar: "24/7", Series: []market.Series[numeric.Decimal]{s}}
			if _, err := Write(home, "b", t0, ds, Source{Name: "test"}, WriteOptions{}); err != nil {
				t.Fatal(err)
			}
			_, _, err := Load[numeric.Fixed](home, "b", "")
			var ve *ValueError
			if !errors.As(err, &ve) || !errors.Is(err, tc.err) || !strings.Contains(err.Error(), tc.want) || !strings.HasSuffix(ve.File, "XYZ.parquet") {
				t.Fatalf("error %v, want a ValueError naming XYZ.parquet and %q", err, tc.want)
			}
			d, _, err := Load[numeric.Decimal](home, "b", "")
			if err != nil {
				t.Fatal(err)
			}
			if got := d.Series[0].Open[1].String(); got != tc.price {
				t.Errorf("decimal load: %s, want %s", got, tc.price)
			}
		})
	}
}

func TestCorrupt(t *testing.T) {
	tests := []struct {
		name   string
		damage func(path string) error
		want   string
	}{
		{"flipped byte", func(p string) error {
			b, _ := os.ReadFile(p)
			b[len(b)/2] ^= 1
			return os.WriteFile(p, b, 0o644)
		}, "checksum mismatch"},
		{"truncated", func(p string) error {
			b, _ := os.ReadFile(p)
			return os.WriteFile(p, b[:len(b)-10], 0o644)
		}, "truncated"},
		{"missing", os.Remove, "missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			home := t.TempDir()
			m, err := Write(home, "c", t0, dataset[numeric.Fixed](t, genText(3, 4, 100)), Source{Name: "test"}, WriteOptions{})
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(home, "bundles", "c", IngestName(t0), m.Assets[2].Path)
			if err := tc.damage(path); err != nil {
				t.Fatal(err)
			}
			_, _, err = Load[numeric.Fixed](home, "c", "")
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want ErrCorrupt naming %s and %q", err, path, tc.want)
			}
		})
	}
}

// TestFailedIngestKeepsPrevious injects a failure while the third file is
// being written: the previous ingest still loads, unchanged, the staging
// area survives for a resume, and the next ingest succeeds.
func TestFailedIngestKeepsPrevious(t *testing.T) {
	home := t.TempDir()
	first := genText(4, 6, 200)
	if _, err := Write(home, "f", t0, dataset[numeric.Fixed](t, first), Source{Name: "test"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	in, err := Begin(home, "f", t0.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in.Staging(), "window-1"), []byte("fetched"), 0o644); err != nil {
		t.Fatal(err)
	}
	boom := errors.New("disk on fire")
	var n atomic.Int32
	in.fail = func(string) error {
		if n.Add(1) == 3 {
			return boom
		}
		return nil
	}
	if _, err := Commit(in, dataset[numeric.Fixed](t, genText(5, 6, 200)), Source{Name: "test"}, WriteOptions{}); !errors.Is(err, boom) {
		t.Fatalf("commit error %v, want the injected failure", err)
	}
	in.Close()
	want := dataset[numeric.Fixed](t, first)
	want.Normalize()
	got, m, err := Load[numeric.Fixed](home, "f", "latest")
	if err != nil {
		t.Fatal(err)
	}
	if !m.IngestTime.Equal(t0) {
		t.Errorf("latest ingest is %v, want the first, %v", m.IngestTime, t0)
	}
	equalLines(t, canonical(got), canonical(want))

	list, err := List(home)
	if err != nil || len(list) != 1 || !list[0].Partial || len(list[0].Ingests) != 1 {
		t.Fatalf("List: %+v, %v; want one bundle with one ingest and a partial one", list, err)
	}
	in, err = Begin(home, "f", t0.Add(2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	if b, err := os.ReadFile(filepath.Join(in.Staging(), "window-1")); err != nil || string(b) != "fetched" {
		t.Fatalf("staging area lost between attempts: %q, %v", b, err)
	}
	if entries, _ := os.ReadDir(filepath.Join(home, "bundles", "f", PartialDir)); len(entries) != 1 {
		t.Errorf("the failed attempt's files were not cleared: %v", entries)
	}
	second := genText(6, 6, 200)
	if _, err := Commit(in, dataset[numeric.Fixed](t, second), Source{Name: "test"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	want = dataset[numeric.Fixed](t, second)
	want.Normalize()
	got, _, err = Load[numeric.Fixed](home, "f", "")
	if err != nil {
		t.Fatal(err)
	}
	equalLines(t, canonical(got), canonical(want))
	if _, err := os.Stat(filepath.Join(home, "bundles", "f", PartialDir)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("partial directory left after a commit: %v", err)
	}
}

func TestBusy(t *testing.T) {
	home := t.TempDir()
	in, err := Begin(home, "b", t0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(home, "b", t0); err == nil || !strings.Contains(err.Error(), `bundle "b" is busy`) {
		t.Errorf("second Begin: %v, want busy", err)
	}
	if _, err := Clean(home, "b", 1); err == nil || !strings.Contains(err.Error(), "busy") {
		t.Errorf("Clean during an ingest: %v, want busy", err)
	}
	in.Close()
	in, err = Begin(home, "b", t0)
	if err != nil {
		t.Fatalf("Begin after Close: %v", err)
	}
	in.Close()
}

func TestListClean(t *testing.T) {
	home := t.TempDir()
	if l, err := List(home); err != nil || len(l) != 0 {
		t.Fatalf("List of an empty home: %v, %v", l, err)
	}
	var ids []string
	for i := range 4 {
		at := t0.Add(time.Duration(i) * time.Minute)
		if _, err := Write(home, "a", at, dataset[numeric.Fixed](t, genText(uint64(i), 2, 50+i)), Source{Name: "test"}, WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, IngestName(at))
	}
	if _, err := Write(home, "b", t0, dataset[numeric.Fixed](t, genText(9, 1, 10)), Source{Name: "test"}, WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := List(home)
	if err != nil {
		t.Fatal(err)
	}
	if len(l) != 2 || l[0].Name != "a" || len(l[0].Ingests) != 4 || l[1].Name != "b" {
		t.Fatalf("List: %+v", l)
	}
	for i, in := range l[0].Ingests {
		if in.ID != ids[i] || in.Manifest == nil || in.Manifest.Rows != int64(2*(50+i)) {
			t.Errorf("ingest %d: %+v", i, in)
		}
		if in.DiskSize <= in.Manifest.Size() {
			t.Errorf("disk size %d not above the data size %d", in.DiskSize, in.Manifest.Size())
		}
	}
	// An ingest is found by its name or its time.
	if m, err := ReadManifest(home, "a", t0.Add(time.Minute).Format(time.RFC3339Nano)); err != nil || m.Rows != 102 {
		t.Errorf("ReadManifest by time: %v, %v", m, err)
	}
	if _, err := ReadManifest(home, "a", "2020-01-01T00-00-00.000000000Z"); err == nil || !strings.Contains(err.Error(), "has no ingest") {
		t.Errorf("unknown ingest: %v", err)
	}
	removed, err := Clean(home, "a", 1)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(removed, ",") != strings.Join(ids[:3], ",") {
		t.Errorf("removed %v, want %v", removed, ids[:3])
	}
	if _, m, err := Load[numeric.Fixed](home, "a", ""); err != nil || m.Rows != 106 {
		t.Errorf("after clean: %v", err)
	}
	if _, err := Clean(home, "a", 0); err != nil {
		t.Fatal(err)
	}
	l, _ = List(home)
	if len(l) != 1 || l[0].Name != "b" {
		t.Errorf("after clean --keep-last 0: %+v", l)
	}
	if _, err := Clean(home, "nope", 1); err == nil || !strings.Contains(err.Error(), `no bundle "nope"`) {
		t.Errorf("clean of a missing bundle: %v", err)
	}
}

func TestNames(t *testing.T) {
	for _, tc := range []struct{ sym, file string }{
		{"AAPL", "AAPL.parquet"}, {"BTC/USD", "BTC%2FUSD.parquet"}, {"BRK.B", "BRK.B.parquet"},
		{".x", "%2Ex.parquet"}, {"a b", "a%20b.parquet"},
	} {
		if got := fileName(tc.sym); got != tc.file {
			t.Errorf("fileName(%q) = %q, want %q", tc.sym, got, tc.file)
		}
	}
	for _, bad := range []string{"", ".hidden", "a/b", "x y", strings.Repeat("a", 101)} {
		if CheckName(bad) == nil {
			t.Errorf("CheckName(%q) accepted", bad)
		}
	}
	if err := CheckName("us-equities_2024.v1"); err != nil {
		t.Error(err)
	}
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"PENNY_HOME": "/p", "HOME": "/h"}, "/p"},
		{map[string]string{"HOME": "/h"}, filepath.Join("/h", ".penny")},
		{map[string]string{}, ""},
	} {
		got, err := HomeDir(func(k string) string { return tc.env[k] })
		if got != tc.want || (tc.want == "") != (err != nil) {
			t.Errorf("HomeDir(%v) = %q, %v", tc.env, got, err)
		}
	}
	at := time.Date(2024, 5, 1, 12, 30, 0, 5, time.FixedZone("x", 3600))
	got, err := ParseIngestName(IngestName(at))
	if err != nil || !got.Equal(at) {
		t.Errorf("ParseIngestName(IngestName(%v)) = %v, %v", at, got, err)
	}
}

// TestCaseCollision: symbols differing only in case get distinct files.
func TestCaseCollision(t *testing.T) {
	home := t.TempDir()
	text := genText(7, 2, 5)
	text[0].asset.Symbol, text[1].asset.Symbol = "abc", "ABC"
	m, err := Write(home, "cc", t0, dataset[numeric.Fixed](t, text), Source{Name: "test"}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if m.Assets[0].Path == m.Assets[1].Path || strings.EqualFold(m.Assets[0].Path, m.Assets[1].Path) {
		t.Errorf("paths %q and %q collide", m.Assets[0].Path, m.Assets[1].Path)
	}
	if _, _, err := Load[numeric.Fixed](home, "cc", ""); err != nil {
		t.Fatal(err)
	}
}

// TestBundleScales checks that every file of a bundle has the same column
// scales, the most decimals any file needs, so that readers that union
// the files (DuckDB casts every file to the first one's schema) lose no
// digit; and that a value too long for the bundle's scale is refused,
// naming it.
func TestBundleScales(t *testing.T) {
	series := func(sym string, prices ...string) market.Series[numeric.Decimal] {
		s := market.Series[numeric.Decimal]{Asset: market.Asset{Symbol: sym}}
		for i, p := range prices {
			v := numeric.MustParse[numeric.Decimal](p)
			s.Append(market.Bar[numeric.Decimal]{Time: time.Date(2024, 1, 2+i, 21, 0, 0, 0, time.UTC).UnixNano(), Open: v, High: v, Low: v, Close: v, Volume: v})
		}
		return s
	}
	home := t.TempDir()
	ds := &market.Dataset[numeric.Decimal]{Frequency: market.Daily, Calendar: "XNYS",
		Series: []market.Series[numeric.Decimal]{series("A", "10.5", "11"), series("B", "1.123456", "123456789.25")}}
	m, err := Write(home, "mixed", t0, ds, Source{Name: "test"}, WriteOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range m.Assets {
		for _, f := range market.Fields() {
			if a.Decimals[f.String()] != 6 {
				t.Errorf("%s: %s has %d decimals, want the bundle's 6", a.Symbol, f, a.Decimals[f.String()])
			}
		}
	}
	got, _, err := Load[numeric.Decimal](home, "mixed", "")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"10.5", "11", "1.123456", "123456789.25"}
	for i, s := range got.Series {
		for j, v := range s.Close {
			if v.String() != want[2*i+j] {
				t.Errorf("%s row %d: %s, want %s", s.Asset.Symbol, j, v, want[2*i+j])
			}
		}
	}
	ds.Series = append(ds.Series, series("C", "1234567890123.5"))
	_, err = Write(home, "mixed", t0.Add(time.Second), ds, Source{Name: "test"}, WriteOptions{})
	var ve *ValueError
	if !errors.As(err, &ve) || ve.File != "C" || ve.Row != 0 || ve.Value != "1234567890123.5" || !strings.Contains(err.Error(), "6 decimals, as other files of the bundle have") {
		t.Fatalf("error %v, want a ValueError naming C, row 0, 1234567890123.5 and the bundle's 6 decimals", err)
	}
}

// TestBundleScalesBudget checks that the scales do not depend on how many
// encoded columns the first pass keeps, and that it keeps whole assets
// within its budget.
func TestBundleScalesBudget(t *testing.T) {
	ds := dataset[numeric.Decimal](t, genText(3, 7, 50))
	all, kept, err := bundleScales(ds, 1<<30)
	if err != nil {
		t.Fatal(err)
	}
	for i := range kept {
		if kept[i][0].unscaled == nil {
			t.Fatalf("asset %d not kept under a large budget", i)
		}
	}
	none, kept, err := bundleScales(ds, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range kept {
		if kept[i][0].unscaled != nil {
			t.Fatalf("asset %d kept under a zero budget", i)
		}
	}
	some, kept, err := bundleScales(ds, 3*8*5*50) // three assets' worth
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for i := range kept {
		if kept[i][0].unscaled != nil {
			n++
		}
	}
	if all != none || all != some || n != 3 {
		t.Fatalf("scales %v / %v / %v, %d assets kept of a budget of 3", all, none, some, n)
	}
	if all != [5]int{6, 6, 6, 6, 8} {
		t.Errorf("scales %v, want 6 for the prices (assets with 0 to 6 decimals) and 8 for the volumes (crypto)", all)
	}
}
