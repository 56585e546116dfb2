package sweep

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/pennybt/penny/pkg/report"
)

// TestMetricValuesFollowTheColumns: every metric column of a Summary is
// written in the column's place and kind: the probe's float64 fields as
// "0.5", its counts as "7", its strings as "s"; a non-finite statistic
// is written as the report's CSV files write it.
func TestMetricValuesFollowTheColumns(t *testing.T) {
	var s report.Summary
	fill(reflect.ValueOf(&s).Elem())
	got, err := metricValues(s)
	if err != nil {
		t.Fatal(err)
	}
	names, kinds := metricColumns()
	if len(got) != len(names) {
		t.Fatalf("%d values for %d columns", len(got), len(names))
	}
	want := map[kind]string{kindFloat: "0.5", kindInt: "7", kindText: "s"}
	for i, v := range got {
		if v != want[kinds[i]] {
			t.Errorf("column %s (kind %d) = %q, want %q", names[i], kinds[i], v, want[kinds[i]])
		}
	}
	s.Metrics.SharpeRatio = math.NaN()
	got, err = metricValues(s)
	if err != nil {
		t.Fatal(err)
	}
	// Text as it is, whatever characters JSON escapes.
	s.PnL = "<1&2>\u2028\"é\\"
	got, err = metricValues(s)
	if err != nil {
		t.Fatal(err)
	}
	for name, w := range map[string]string{"sharpe_ratio": "NaN", "pnl": s.PnL} {
		if i := slices.Index(names, name); i < 0 || got[i] != w {
			t.Errorf("%s: got %q, want %q", name, got[min(max(i, 0), len(got)-1)], w)
		}
	}
}

// BenchmarkMetricValues measures the row of one finished combination, a
// cost every combination of a sweep pays.
func BenchmarkMetricValues(b *testing.B) {
	var s report.Summary
	fill(reflect.ValueOf(&s).Elem())
	for b.Loop() {
		if _, err := metricValues(s); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzEachKey: on any valid JSON object, eachKey gives the keys and raw
// values that encoding/json's Decoder reads, in order; on any other text
// it fails or reads nothing.
func FuzzEachKey(f *testing.F) {
	for _, s := range []string{
		`{}`, `{"a":1}`, ` { "a" : [1, {"b": "}"}] , "c\"d" : null, "e":"x\\y" } `,
		`{"orders_by_status":{"open":0,"filled":3},"sharpe_ratio":null,"pnl":"-1.5"}`,
		`[1,2]`, `"s"`, `{"a":1,}`, `{"a":-1.5e+3,"b":true,"c":false}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		type pair struct{ key, raw string }
		var got []pair
		err := eachKey(b, func(key []byte, raw json.RawMessage) { got = append(got, pair{string(key), string(raw)}) })
		d := json.NewDecoder(bytes.NewReader(b))
		tok, derr := d.Token()
		if !json.Valid(b) || derr != nil || tok != json.Delim('{') {
			if err == nil && len(got) > 0 {
				t.Fatalf("eachKey read %v from %q, which is not a JSON object", got, b)
			}
			return
		}
		if err != nil {
			t.Fatalf("eachKey(%q): %v", b, err)
		}
		var want []pair
		for d.More() {
			k, err := d.Token()
			if err != nil {
				t.Fatal(err)
			}
			var raw json.RawMessage
			if err := d.Decode(&raw); err != nil {
				t.Fatal(err)
			}
			want = append(want, pair{k.(string), string(raw)})
		}
		if !slices.Equal(got, want) {
			t.Fatalf("eachKey(%q) = %q, want %q", b, got, want)
		}
	})
}
