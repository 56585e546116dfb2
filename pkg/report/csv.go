package report

import (
	"encoding/csv"
	"io"
	"strconv"
	"time"

	"github.com/pennybt/penny/numeric"
)

// CSV conventions, shared by daily.csv, transactions.csv and orders.csv:
// a header row, comma-separated, quoted only where needed (encoding/csv);
// numbers of the backend as exact canonical decimals (N.String()); float64
// figures as the shortest text that reads back to the same value
// (strconv 'g', -1: "NaN", "+Inf" and "-Inf" for the non-finite ones);
// instants as RFC 3339 in UTC with nanoseconds when they have some; dates
// as 2006-01-02.

// timeLayout is how the CSV files write instants.
const timeLayout = time.RFC3339Nano

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func formatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// csvWriter wraps encoding/csv with a reusable record.
type csvWriter struct {
	w   *csv.Writer
	rec []string
}

func newCSV(w io.Writer, header ...string) (*csvWriter, error) {
	c := &csvWriter{w: csv.NewWriter(w), rec: make([]string, 0, len(header))}
	return c, c.w.Write(header)
}

func (c *csvWriter) add(s string) { c.rec = append(c.rec, s) }

func addNum[N numeric.Number[N]](c *csvWriter, v N) { c.add(v.String()) }

func (c *csvWriter) end() error {
	err := c.w.Write(c.rec)
	c.rec = c.rec[:0]
	return err
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}
