package sweep

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"reflect"
	"strconv"

	"github.com/parquet-go/parquet-go"

	"github.com/pennybt/penny/internal/atomicfile"
)

// parquetGroupRows is the number of rows of a Parquet row group: the
// writer holds one group in memory.
const parquetGroupRows = 16 << 10

// column kinds of results.parquet.
type pqKind uint8

const (
	pqInt       pqKind = iota // required INT64 (fold, index)
	pqString                  // required string (swept values, backend, status, reason)
	pqOptInt                  // optional INT64 (counts; null unless ok)
	pqOptFloat                // optional DOUBLE (statistics; null unless ok)
	pqOptString               // optional string (money, exact; null unless ok)
)

// parquetSchema returns the schema of results.parquet, its columns in the
// order of results.csv, and their kinds. Swept values stay text, as in the
// CSV (a value may be a decimal, a word or a number); money stays exact
// text.
func (l *layout) parquetSchema() (*parquet.Schema, []pqKind) {
	var fields []reflect.StructField
	var kinds []pqKind
	add := func(name string, t reflect.Type, opt bool, k pqKind) {
		tag := name
		if opt {
			tag += ",optional"
		}
		fields = append(fields, reflect.StructField{
			Name: "F" + strconv.Itoa(len(fields)),
			Type: t,
			Tag:  reflect.StructTag(`parquet:"` + tag + `"`),
		})
		kinds = append(kinds, k)
	}
	i64, f64, str := reflect.TypeFor[int64](), reflect.TypeFor[float64](), reflect.TypeFor[string]()
	if l.walk {
		add("fold", i64, false, pqInt)
	}
	add("index", i64, false, pqInt)
	for _, k := range l.keys {
		add(k, str, false, pqString)
	}
	add("backend", str, false, pqString)
	add("status", str, false, pqString)
	add("reason", str, false, pqString)
	names, mk := metricColumns()
	for i, n := range names {
		switch mk[i] {
		case kindInt:
			add(n, i64, true, pqOptInt)
		case kindFloat:
			add(n, f64, true, pqOptFloat)
		default:
			add(n, str, true, pqOptString)
		}
	}
	model := reflect.New(reflect.StructOf(fields)).Interface()
	return parquet.SchemaOf(model), kinds
}

// writeParquet writes results.parquet from results.csv, row group by row
// group (memory bounded by a group, not by the rows), under a temporary
// name renamed into place.
func writeParquet(csvPath, path string, l *layout) error {
	in, err := os.Open(csvPath)
	if err != nil {
		return err
	}
	defer in.Close()
	cr := csv.NewReader(bufio.NewReaderSize(in, 64<<10))
	cr.ReuseRecord = true
	if _, err := cr.Read(); err != nil {
		return fmt.Errorf("sweep: %s: %w", csvPath, err)
	}
	return atomicfile.Write(path, func(w io.Writer) error {
		schema, kinds := l.parquetSchema()
		pw := parquet.NewWriter(w, schema, parquet.MaxRowsPerRowGroup(parquetGroupRows), parquet.CreatedBy("penny", "", ""))
		batch := make([]parquet.Row, 0, 1024)
		line := 1
		for {
			rec, err := cr.Read()
			if err == io.EOF {
				break
			}
			line++
			if err != nil {
				return fmt.Errorf("sweep: %s: %w", csvPath, err)
			}
			if len(rec) != len(kinds) {
				return fmt.Errorf("sweep: %s: line %d: %d fields, want %d", csvPath, line, len(rec), len(kinds))
			}
			row := make(parquet.Row, len(rec))
			for c, s := range rec {
				v, err := parquetValue(kinds[c], s)
				if err != nil {
					return fmt.Errorf("sweep: %s: line %d, column %d: %w", csvPath, line, c+1, err)
				}
				row[c] = v.Level(0, definition(kinds[c], s), c)
			}
			batch = append(batch, row)
			if len(batch) == cap(batch) {
				if _, err := pw.WriteRows(batch); err != nil {
					return err
				}
				batch = batch[:0]
			}
		}
		if _, err := pw.WriteRows(batch); err != nil {
			return err
		}
		return pw.Close()
	})
}

// definition is the definition level of a value: 1 for a present
// optional value, 0 for a null or a required one.
func definition(k pqKind, s string) int {
	if k >= pqOptInt && s != "" {
		return 1
	}
	return 0
}

func parquetValue(k pqKind, s string) (parquet.Value, error) {
	if k >= pqOptInt && s == "" {
		return parquet.NullValue(), nil
	}
	switch k {
	case pqInt, pqOptInt:
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return parquet.Value{}, fmt.Errorf("%q is not a whole number", s)
		}
		return parquet.Int64Value(n), nil
	case pqOptFloat:
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return parquet.Value{}, fmt.Errorf("%q is not a number", s)
		}
		return parquet.DoubleValue(f), nil
	}
	return parquet.ByteArrayValue([]byte(s)), nil
}
