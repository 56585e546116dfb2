package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"

	"github.com/pennybt/penny/pkg/market"
)

// Column names of a bars file. The prices and volume are Parquet DECIMAL
// (precision 18, the file's own scale per column) on INT64; the time is
// TIMESTAMP(NANOS, UTC) on INT64. Every column is required and
// DELTA_BINARY_PACKED encoded, uncompressed: bar data is smooth, so the
// deltas pack into few bits, and decoding them is faster than any
// decompression.
const (
	colTime = "time"
)

// Key-value metadata keys of a bars file.
const (
	metaSymbol    = "penny.symbol"
	metaFormat    = "penny.format"
	metaFrequency = "penny.frequency"
)

// rowGroupRows is the number of rows per Parquet row group.
const rowGroupRows = 1 << 20

// priceColumns are the decimal columns, in market.Fields() order.
var priceColumns = [...]string{"open", "high", "low", "close", "volume"}

// barsSchema returns the schema of a bars file with the given scales (in
// priceColumns order).
func barsSchema(scales [5]int) *parquet.Schema {
	leaf := func(n parquet.Node) parquet.Node {
		return parquet.Compressed(parquet.Encoded(parquet.Required(n), &parquet.DeltaBinaryPacked), &parquet.Uncompressed)
	}
	g := parquet.Group{colTime: leaf(parquet.Timestamp(parquet.Nanosecond))}
	for i, c := range priceColumns {
		g[c] = leaf(parquet.Decimal(scales[i], MaxDigits, parquet.Int64Type))
	}
	return parquet.NewSchema("bars", g)
}

// writeBars writes one asset's encoded columns as a Parquet file to w.
func writeBars(w io.Writer, symbol string, freq market.Frequency, times []int64, cols [5]scaled) error {
	var scales [5]int
	for i := range cols {
		scales[i] = cols[i].scale
	}
	schema := barsSchema(scales)
	pw := parquet.NewWriter(w, schema,
		parquet.KeyValueMetadata(metaSymbol, symbol),
		parquet.KeyValueMetadata(metaFormat, fmt.Sprint(FormatVersion)),
		parquet.KeyValueMetadata(metaFrequency, freq.String()),
		parquet.CreatedBy("penny", "", ""),
	)
	buf := parquet.NewBuffer(schema)
	var index [6]int
	for i, name := range append([]string{colTime}, priceColumns[:]...) {
		leaf, _ := schema.Lookup(name)
		index[i] = leaf.ColumnIndex
	}
	for lo := 0; lo < len(times); lo += rowGroupRows {
		hi := min(lo+rowGroupRows, len(times))
		buf.Reset()
		chunks := buf.ColumnBuffers()
		if _, err := chunks[index[0]].(parquet.Int64Writer).WriteInt64s(times[lo:hi]); err != nil {
			return err
		}
		for i := range cols {
			if _, err := chunks[index[i+1]].(parquet.Int64Writer).WriteInt64s(cols[i].unscaled[lo:hi]); err != nil {
				return err
			}
		}
		if _, err := pw.WriteRowGroup(buf); err != nil {
			return err
		}
	}
	return pw.Close()
}

// barsFile is an opened bars file: its schema checked, its scales read.
type barsFile struct {
	f      *parquet.File
	index  [6]int // column index of time, open, high, low, close, volume
	scales [5]int
}

// openBars opens the Parquet bytes of a bars file and checks that its
// schema is one this package writes.
func openBars(data []byte) (*barsFile, error) {
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)),
		parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return nil, err
	}
	bf := &barsFile{f: f}
	for i, name := range append([]string{colTime}, priceColumns[:]...) {
		leaf, ok := f.Schema().Lookup(name)
		if !ok {
			return nil, fmt.Errorf("no column %q", name)
		}
		if leaf.MaxDefinitionLevel != 0 || leaf.MaxRepetitionLevel != 0 {
			return nil, fmt.Errorf("column %q is not a required flat column", name)
		}
		typ := leaf.Node.Type()
		if typ.Kind() != parquet.Int64 {
			return nil, fmt.Errorf("column %q is %s, want INT64", name, typ.Kind())
		}
		bf.index[i] = leaf.ColumnIndex
		lt := typ.LogicalType()
		if i == 0 {
			ts, ok := logicalValue[*format.TimestampType](lt)
			if !ok || !ts.IsAdjustedToUTC || !isNanos(ts.Unit) {
				return nil, fmt.Errorf("column %q is not TIMESTAMP(NANOS, UTC)", name)
			}
			continue
		}
		dt, ok := logicalValue[*format.DecimalType](lt)
		if !ok || dt.Scale < 0 || dt.Scale > MaxDigits || dt.Precision > MaxDigits {
			return nil, fmt.Errorf("column %q is not DECIMAL(18, s) with 0 <= s <= 18", name)
		}
		bf.scales[i-1] = int(dt.Scale)
	}
	return bf, nil
}

func logicalValue[T any](lt *format.LogicalType) (T, bool) {
	var zero T
	if lt == nil {
		return zero, false
	}
	v, ok := lt.Value.(T)
	return v, ok
}

// readColumn reads column c (0 time, 1..5 prices) of every row group,
// calling put with each page's values and the row of the first of them.
func (bf *barsFile) readColumn(c int, put func(vals []int64, row int) error) error {
	row := 0
	for _, rg := range bf.f.RowGroups() {
		pages := rg.ColumnChunks()[bf.index[c]].Pages()
		for {
			p, err := pages.ReadPage()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				pages.Close()
				return err
			}
			if p.NumNulls() != 0 {
				parquet.Release(p)
				pages.Close()
				return fmt.Errorf("column %d has nulls", c)
			}
			data := p.Data()
			vals := data.Int64()
			err = put(vals, row)
			row += len(vals)
			parquet.Release(p)
			if err != nil {
				pages.Close()
				return err
			}
		}
		if err := pages.Close(); err != nil {
			return err
		}
	}
	if int64(row) != bf.f.NumRows() {
		return fmt.Errorf("column %d has %d values for %d rows", c, row, bf.f.NumRows())
	}
	return nil
}

func isNanos(u format.TimeUnit) bool {
	_, ok := u.Value.(*format.NanoSeconds)
	return ok
}
