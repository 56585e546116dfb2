package sweep

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// TestParquetHoldsTheCSVRows reads results.parquet back: the columns of
// results.csv in its order, and every value the same (numbers as numbers,
// money and params as text, null where the CSV is empty).
func TestParquetHoldsTheCSVRows(t *testing.T) {
	spec := parseSweep(t, crossSweep)
	dir := t.TempDir()
	run(t, spec, Options{Out: dir}, backends(t, 1))
	recs, err := csv.NewReader(strings.NewReader(resultsOf(t, dir))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join(dir, "results.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := parquet.NewReader(f)
	var names []string
	for _, c := range r.Schema().Columns() {
		names = append(names, c[0])
	}
	if strings.Join(names, ",") != strings.Join(recs[0], ",") {
		t.Fatalf("parquet columns %v\nCSV columns %v", names, recs[0])
	}
	if r.NumRows() != int64(len(recs)-1) {
		t.Fatalf("%d parquet rows, %d CSV rows", r.NumRows(), len(recs)-1)
	}
	rows := make([]parquet.Row, len(recs)-1)
	n, err := r.ReadRows(rows)
	if err != nil && !errors.Is(err, io.EOF) || n != len(rows) {
		t.Fatalf("read %d rows: %v", n, err)
	}
	kinds := map[string]string{"index": "int", "fast": "text", "pnl": "text", "orders": "int", "sharpe_ratio": "float", "reason": "text", "alpha": "float"}
	checked := 0
	for i, row := range rows {
		for c, v := range row {
			want := recs[i+1][c]
			var got string
			switch {
			case v.IsNull():
				got = ""
			case kinds[names[c]] == "float":
				got = strconv.FormatFloat(v.Double(), 'g', -1, 64)
			case kinds[names[c]] == "int":
				got = strconv.FormatInt(v.Int64(), 10)
			case kinds[names[c]] == "text":
				got = string(v.ByteArray())
			default:
				continue
			}
			if got != want {
				t.Fatalf("row %d column %s: parquet %q, CSV %q", i, names[c], got, want)
			}
			checked++
		}
	}
	if checked < len(rows)*6 {
		t.Fatalf("checked %d values", checked)
	}
}
