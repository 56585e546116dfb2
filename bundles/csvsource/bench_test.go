package csvsource

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// BenchmarkRead measures parsing from memory, in bars per second, for a
// daily Yahoo file (ORCL, 5036 rows, dates on XNYS) and for 100 000 minute
// bars with RFC 3339 stamps on the 24/7 calendar.
func BenchmarkRead(b *testing.B) {
	orcl, err := os.ReadFile(filepath.Join(refData, "orcl-1995-2014.txt"))
	if err != nil {
		b.Fatal(err)
	}
	files := []struct {
		name string
		text []byte
		opt  Options
	}{
		{"orcl", orcl, Options{Calendar: calendar.XNYS()}},
		{"minute", minuteText(100_000), Options{Frequency: market.Minute, Calendar: calendar.TwentyFourSeven()}},
	}
	for _, f := range files {
		b.Run("file="+f.name+"/backend=float", func(b *testing.B) { benchRead[numeric.Float](b, f.text, f.opt) })
		b.Run("file="+f.name+"/backend=fixed", func(b *testing.B) { benchRead[numeric.Fixed](b, f.text, f.opt) })
		b.Run("file="+f.name+"/backend=decimal", func(b *testing.B) { benchRead[numeric.Decimal](b, f.text, f.opt) })
	}
}

func benchRead[N numeric.Number[N]](b *testing.B, text []byte, opt Options) {
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	bars, n := 0, 0
	for b.Loop() {
		s, _, err := readSeries[N](bytes.NewReader(text), "bench.csv", opt, int64(len(text)))
		if err != nil {
			b.Fatal(err)
		}
		bars += s.Len()
		n++
	}
	b.ReportMetric(float64(bars)/b.Elapsed().Seconds(), "bars/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(bars), "ns/bar")
}

// minuteText writes n minute bars from 2020-01-02 00:00 UTC, prices with
// two decimals.
func minuteText(n int) []byte {
	rng := rand.New(rand.NewPCG(1, 2))
	var b bytes.Buffer
	b.WriteString("timestamp,open,high,low,close,volume\n")
	t := time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)
	p := 10000 // cents
	for range n {
		o := p
		c := max(100, o+rng.IntN(21)-10)
		h := max(o, c) + rng.IntN(5)
		l := min(o, c) - rng.IntN(5)
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%d\n", t.Format(time.RFC3339), cents(o), cents(h), cents(l), cents(c), rng.IntN(100000))
		t = t.Add(time.Minute)
		p = c
	}
	return b.Bytes()
}

func cents(c int) string { return strconv.Itoa(c/100) + "." + fmt.Sprintf("%02d", c%100) }
