package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/encoding"
	"github.com/parquet-go/parquet-go/format"

	"github.com/pennybt/penny/pkg/market"
)

// Column names of a bars file, in the order a file of format 2 holds
// them: time, open, high, low, close, volume, symbol. The prices and
// volume are Parquet DECIMAL (precision 18, the bundle's scale per
// column) on INT64. The time is the bar's label: DATE (INT32 days) for
// daily bars, TIMESTAMP(NANOS, UTC) on INT64 for intraday ones (format 1
// files hold TIMESTAMP(NANOS, UTC) end-of-interval stamps for every
// frequency). These columns are required and DELTA_BINARY_PACKED encoded,
// uncompressed: bar data is smooth, so the deltas pack into few bits, and
// decoding them is faster than any decompression. The symbol is a
// required STRING, dictionary encoded: one value and a run of indexes.
const (
	colTime   = "time"
	colSymbol = "symbol"
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

// barsSchema returns the schema of a bars file of frequency freq with the
// given scales (in priceColumns order).
func barsSchema(freq market.Frequency, scales [5]int) *parquet.Schema {
	leaf := func(n parquet.Node) parquet.Node {
		return parquet.Compressed(parquet.Encoded(parquet.Required(n), &parquet.DeltaBinaryPacked), &parquet.Uncompressed)
	}
	var g columns
	if freq == market.Daily {
		g = append(g, column{colTime, leaf(parquet.Date())})
	} else {
		g = append(g, column{colTime, leaf(parquet.Timestamp(parquet.Nanosecond))})
	}
	for i, c := range priceColumns {
		g = append(g, column{c, leaf(parquet.Decimal(scales[i], MaxDigits, parquet.Int64Type))})
	}
	g = append(g, column{colSymbol, parquet.Compressed(parquet.Encoded(parquet.Required(parquet.String()), &parquet.RLEDictionary), &parquet.Uncompressed)})
	return parquet.NewSchema("bars", g)
}

// writeBars writes one asset's encoded columns as a Parquet file to w:
// labels are the bars' times as stored (days since 1970-01-01 for daily
// bars, Unix nanoseconds otherwise).
func writeBars(w io.Writer, symbol string, freq market.Frequency, labels []int64, cols [5]scaled) error {
	var scales [5]int
	for i := range cols {
		scales[i] = cols[i].scale
	}
	schema := barsSchema(freq, scales)
	pw := parquet.NewWriter(w, schema,
		parquet.KeyValueMetadata(metaSymbol, symbol),
		parquet.KeyValueMetadata(metaFormat, fmt.Sprint(FormatVersion)),
		parquet.KeyValueMetadata(metaFrequency, freq.String()),
		parquet.CreatedBy("penny", "", ""),
	)
	buf := parquet.NewBuffer(schema)
	var index [7]int // time, the prices, symbol
	for i, name := range append(append([]string{colTime}, priceColumns[:]...), colSymbol) {
		leaf, _ := schema.Lookup(name)
		index[i] = leaf.ColumnIndex
	}
	var days []int32
	if freq == market.Daily {
		days = make([]int32, min(len(labels), rowGroupRows))
	}
	// The symbol column: the same value on every row, written from a
	// small array of it.
	var symbols [1024]parquet.Value
	sym := parquet.ValueOf(symbol).Level(0, 0, index[6])
	for i := range symbols {
		symbols[i] = sym
	}
	for lo := 0; lo < len(labels); lo += rowGroupRows {
		hi := min(lo+rowGroupRows, len(labels))
		buf.Reset()
		chunks := buf.ColumnBuffers()
		if days != nil {
			for i, d := range labels[lo:hi] {
				days[i] = int32(d)
			}
			if _, err := chunks[index[0]].(parquet.Int32Writer).WriteInt32s(days[:hi-lo]); err != nil {
				return err
			}
		} else if _, err := chunks[index[0]].(parquet.Int64Writer).WriteInt64s(labels[lo:hi]); err != nil {
			return err
		}
		for i := range cols {
			if _, err := chunks[index[i+1]].(parquet.Int64Writer).WriteInt64s(cols[i].unscaled[lo:hi]); err != nil {
				return err
			}
		}
		for n := hi - lo; n > 0; n -= min(n, len(symbols)) {
			if _, err := chunks[index[6]].WriteValues(symbols[:min(n, len(symbols))]); err != nil {
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
	days   bool // the time column is DATE (INT32 days), else INT64 nanoseconds
}

// openBars opens the Parquet bytes of a bars file and checks that its
// schema is one this package writes in format version for bars of
// frequency freq: a DATE or TIMESTAMP time column (format 2) or a
// TIMESTAMP one (format 1), and from format 2 on a symbol column.
func openBars(data []byte, version int, freq market.Frequency) (*barsFile, error) {
	f, err := parquet.OpenFile(bytes.NewReader(data), int64(len(data)),
		parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return nil, err
	}
	// The file's own record of its frequency (from format 1 on), before
	// its columns, which a manifest's changed frequency misreads.
	if v, ok := f.Lookup(metaFrequency); ok && v != freq.String() {
		return nil, fmt.Errorf("the file holds %s bars (its %s), the manifest says %s", v, metaFrequency, freq)
	}
	bf := &barsFile{f: f, days: version >= 2 && freq == market.Daily}
	for i, name := range append([]string{colTime}, priceColumns[:]...) {
		leaf, err := requiredLeaf(f, name)
		if err != nil {
			return nil, err
		}
		typ := leaf.Node.Type()
		bf.index[i] = leaf.ColumnIndex
		lt := typ.LogicalType()
		if i == 0 {
			if bf.days {
				if _, ok := logicalValue[*format.DateType](lt); !ok || typ.Kind() != parquet.Int32 {
					return nil, fmt.Errorf("column %q is not DATE, as the daily bars of format %d have", name, version)
				}
				continue
			}
			ts, ok := logicalValue[*format.TimestampType](lt)
			if !ok || typ.Kind() != parquet.Int64 || !ts.IsAdjustedToUTC || !isNanos(ts.Unit) {
				return nil, fmt.Errorf("column %q is not TIMESTAMP(NANOS, UTC)", name)
			}
			continue
		}
		dt, ok := logicalValue[*format.DecimalType](lt)
		if !ok || typ.Kind() != parquet.Int64 || dt.Scale < 0 || dt.Scale > MaxDigits || dt.Precision > MaxDigits {
			return nil, fmt.Errorf("column %q is not DECIMAL(18, s) on INT64 with 0 <= s <= 18", name)
		}
		bf.scales[i-1] = int(dt.Scale)
	}
	if version >= 2 {
		leaf, err := requiredLeaf(f, colSymbol)
		if err != nil {
			return nil, err
		}
		if _, ok := logicalValue[*format.StringType](leaf.Node.Type().LogicalType()); !ok {
			return nil, fmt.Errorf("column %q is not STRING", colSymbol)
		}
	}
	return bf, nil
}

// requiredLeaf finds the required flat column name.
func requiredLeaf(f *parquet.File, name string) (parquet.LeafColumn, error) {
	leaf, ok := f.Schema().Lookup(name)
	if !ok {
		return leaf, fmt.Errorf("no column %q", name)
	}
	if leaf.MaxDefinitionLevel != 0 || leaf.MaxRepetitionLevel != 0 {
		return leaf, fmt.Errorf("column %q is not a required flat column", name)
	}
	return leaf, nil
}

func logicalValue[T any](lt *format.LogicalType) (T, bool) {
	var zero T
	if lt == nil {
		return zero, false
	}
	v, ok := lt.Value.(T)
	return v, ok
}

// readTimes reads the time column into dst (len(dst) = the file's rows):
// INT64 values as they are, DATE values as days.
func (bf *barsFile) readTimes(dst []int64) error {
	if bf.days {
		return readPages(bf, 0, (*encoding.Values).Int32, func(vals []int32, row int) error {
			if row+len(vals) > len(dst) {
				return fmt.Errorf("more values than rows")
			}
			for i, v := range vals {
				dst[row+i] = int64(v)
			}
			return nil
		})
	}
	return bf.readColumn(0, func(vals []int64, row int) error {
		if row+len(vals) > len(dst) {
			return fmt.Errorf("more values than rows")
		}
		copy(dst[row:], vals)
		return nil
	})
}

// readColumn reads INT64 column c (0 time, 1..5 prices) of every row
// group, calling put with each page's values and the row of the first of
// them.
func (bf *barsFile) readColumn(c int, put func(vals []int64, row int) error) error {
	return readPages(bf, c, (*encoding.Values).Int64, put)
}

// readPages reads column c of every row group page by page, taking each
// page's values with get and handing them to put with the row of the
// first of them.
func readPages[T any](bf *barsFile, c int, get func(*encoding.Values) []T, put func(vals []T, row int) error) error {
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
			vals := get(&data)
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
