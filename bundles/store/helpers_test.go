package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/market"
)

// textBar is a bar as decimal text: the exact values a source produced.
type textBar struct {
	t                    int64
	open, hi, lo, cl, vo string
}

// textAsset is one asset's bars as text.
type textAsset struct {
	asset market.Asset
	bars  []textBar
}

// genText makes n assets of m minute bars each from seed: a random walk in
// integer ticks with a per-asset number of decimals (0 to 6) and, for
// crypto, fractional volumes, so that the columns of different files get
// different scales.
func genText(seed uint64, n, m int) []textAsset {
	r := rand.New(rand.NewPCG(seed, 7))
	start := time.Date(2024, 1, 2, 14, 31, 0, 0, time.UTC).UnixNano()
	out := make([]textAsset, n)
	for a := range n {
		dec := a % 7
		crypto := a%5 == 4
		sym := fmt.Sprintf("S%03d", a)
		class := market.Equity
		if crypto {
			sym = fmt.Sprintf("C%03d/USD", a)
			class = market.Crypto
		}
		out[a].asset = market.Asset{Symbol: sym, Class: class, TickSize: formatUnits(1, dec), LotSize: "1"}
		p := int64(1000+r.IntN(100000)) * pow10i[dec] / 100
		for i := range m {
			o := max(p+int64(r.IntN(21))-10, 1)
			c := max(o+int64(r.IntN(21))-10, 1)
			h := max(o, c) + int64(r.IntN(5))
			l := max(min(o, c)-int64(r.IntN(5)), 1) // prices are positive
			var v string
			if crypto {
				v = formatUnits(int64(r.IntN(1e9)), 8)
			} else {
				v = strconv.Itoa(r.IntN(1e6))
			}
			out[a].bars = append(out[a].bars, textBar{
				t:    start + int64(i)*int64(time.Minute),
				open: formatUnits(o, dec), hi: formatUnits(h, dec), lo: formatUnits(l, dec), cl: formatUnits(c, dec), vo: v,
			})
			p = c
		}
	}
	return out
}

// formatUnits returns u * 10^-dec as plain decimal text, computed
// independently of the package under test.
func formatUnits(u int64, dec int) string {
	s := strconv.FormatInt(u, 10)
	if dec == 0 {
		return s
	}
	for len(s) <= dec {
		s = "0" + s
	}
	return s[:len(s)-dec] + "." + s[len(s)-dec:]
}

// dataset parses text assets into a dataset of N.
func dataset[N numeric.Number[N]](tb testing.TB, as []textAsset) *market.Dataset[N] {
	tb.Helper()
	ds := &market.Dataset[N]{Frequency: market.Minute, Calendar: "24/7"}
	for _, a := range as {
		s := market.Series[N]{Asset: a.asset}
		for _, b := range a.bars {
			s.Append(market.Bar[N]{
				Time: b.t,
				Open: numeric.MustParse[N](b.open), High: numeric.MustParse[N](b.hi), Low: numeric.MustParse[N](b.lo),
				Close: numeric.MustParse[N](b.cl), Volume: numeric.MustParse[N](b.vo),
			})
		}
		ds.Series = append(ds.Series, s)
	}
	return ds
}

// canonical returns every bar of ds as lines of canonical text.
func canonical[N numeric.Number[N]](ds *market.Dataset[N]) []string {
	var out []string
	for _, s := range ds.Series {
		for i := range s.Len() {
			out = append(out, fmt.Sprintf("%s %s %d %s %s %s %s %s", s.Asset.Symbol, s.Asset.Class, s.Time[i],
				s.Open[i], s.High[i], s.Low[i], s.Close[i], s.Volume[i]))
		}
	}
	return out
}

func equalLines(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d bars, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("bar %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
}

var t0 = time.Date(2025, 3, 4, 5, 6, 7, 890123456, time.UTC)

// reseal rewrites the checksum of the manifest at path to match its
// fields, as the edit of a writer who knows the rule would: for tests that
// alter a data file and the manifest with it, to reach the checks behind
// the manifest's.
func reseal(t testing.TB, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, err := decodeManifest(b)
	if err != nil {
		t.Fatal(err)
	}
	if err := m.seal(); err != nil {
		t.Fatal(err)
	}
	if b, err = json.MarshalIndent(m, "", "  "); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
