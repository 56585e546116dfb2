package csvsource

import (
	"compress/gzip"
	"os"
	"path/filepath"
	"testing"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// TestEstimateRows: the rows EstimateRows counts, before reading, are
// the room Load makes in each file's columns, and at least the rows the
// files hold; Bytes is their text's size.
func TestEstimateRows(t *testing.T) {
	dir := t.TempDir()
	nvda, err := os.ReadFile(filepath.Join(refData, "nvda-1999-2014.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// A gzipped copy: its size is guessed, unpacked, at 4 times.
	f, err := os.Create(filepath.Join(dir, "NVDA.csv.gz"))
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	if _, err := zw.Write(nvda); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	cfg := Config{Files: map[string]string{
		"ORCL": filepath.Join(refData, "orcl-1995-2014.txt"),
		"IDX":  filepath.Join(refData, "2006-day-001.txt"),
		"NVDA": filepath.Join(dir, "NVDA.csv.gz"),
	}, Frequency: market.Daily}
	est, err := EstimateRows(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ds, _, err := Load[numeric.Fixed](cfg)
	if err != nil {
		t.Fatal(err)
	}
	var room, rows, most int64
	for _, s := range ds.Series {
		room += int64(cap(s.Time))
		rows += int64(s.Len())
		most = max(most, int64(cap(s.Time)))
	}
	if est.Files != 3 || est.Rows != room || est.MaxRows != most {
		t.Errorf("EstimateRows = %+v; Load made room for %d rows (%d at most in a file) in 3 files", est, room, most)
	}
	if est.Rows < rows {
		t.Errorf("estimated %d rows, the files hold %d", est.Rows, rows)
	}
	var size int64
	for sym, p := range cfg.Files {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if sym == "NVDA" {
			size += gzipRatio * st.Size()
		} else {
			size += st.Size()
		}
	}
	if est.Bytes != size {
		t.Errorf("Bytes = %d, the files' text is %d", est.Bytes, size)
	}
	if _, err := EstimateRows(Config{Files: map[string]string{"X": filepath.Join(dir, "missing.csv")}}); err == nil {
		t.Error("a missing file: no error")
	}
}
