package sweep

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/pennybt/penny/pkg/report"
)

// kind is how a results column is written and compared.
type kind uint8

const (
	kindText  kind = iota // a string: money as exact decimal text
	kindInt               // a count
	kindFloat             // a float64 statistic: shortest text that reads back
)

// notMetrics are the keys of summary.json that are not figures of a
// run's outcome: the run's name and dates (the same for every
// combination), its backend (a column of its own) and its wall time
// (which differs from run to run, so results would not be reproducible).
// orders_by_status is an object of counts that filled_orders,
// rejected_orders and cancelled_orders already give.
var notMetrics = []string{"name", "backend", "frequency", "start", "end", "benchmark", "elapsed_seconds", "orders_by_status"}

// metricColumns returns the metric columns of results.csv and their
// kinds: the keys of summary.json, in its order, less notMetrics. They are
// derived from report.Summary itself: a probe Summary with every float64
// field 0.5, every int 7 and every string "s" is marshalled, and each
// key's value tells its kind. A run without a benchmark leaves alpha,
// beta and excess_sharpe empty.
var metricColumns = sync.OnceValues(func() ([]string, []kind) {
	var probe report.Summary
	fill(reflect.ValueOf(&probe).Elem())
	b, err := json.Marshal(probe)
	if err != nil {
		panic(err) // a bug of package report
	}
	var names []string
	var kinds []kind
	err = eachKey(b, func(key []byte, raw json.RawMessage) {
		if isNotMetric(key) {
			return
		}
		names = append(names, string(key))
		switch string(raw) {
		case "0.5":
			kinds = append(kinds, kindFloat)
		case "7":
			kinds = append(kinds, kindInt)
		default:
			kinds = append(kinds, kindText)
		}
	})
	if err != nil {
		panic(err)
	}
	return names, kinds
})

// fill sets the probe values in v and its nested structs.
func fill(v reflect.Value) {
	switch {
	case v.Type() == reflect.TypeFor[time.Time]():
	case v.Kind() == reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i))
			}
		}
	case v.Type() == reflect.TypeFor[float64]():
		v.SetFloat(0.5)
	case v.Type() == reflect.TypeFor[int]():
		v.SetInt(7)
	case v.Type() == reflect.TypeFor[string]():
		v.SetString("s")
	case v.Type() == reflect.TypeFor[bool]():
		v.SetBool(true)
	}
}

// isNotMetric reports whether key is one of notMetrics.
func isNotMetric(key []byte) bool {
	for _, k := range notMetrics {
		if k == string(key) {
			return true
		}
	}
	return false
}

// eachKey calls f with each key of a JSON object (its text, valid until
// f returns) and its raw value, in order. It runs once per combination,
// on summary.json's text: after a check that the text is valid JSON, it
// scans the top level of the object itself, a tenth of the time of
// encoding/json's Decoder.
func eachKey(b []byte, f func(key []byte, raw json.RawMessage)) error {
	if !json.Valid(b) {
		return fmt.Errorf("sweep: summary: not valid JSON")
	}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return fmt.Errorf("sweep: summary: not a JSON object")
	}
	i := skipSpace(b, 1)
	for i < len(b) && b[i] != '}' {
		end := valueEnd(b, i) // the key: a string
		key, err := unquoteBytes(b[i:end])
		if err != nil {
			return fmt.Errorf("sweep: summary: key %s: %w", b[i:end], err)
		}
		i = skipSpace(b, skipSpace(b, end)+1) // past the colon
		end = valueEnd(b, i)
		f(key, json.RawMessage(b[i:end]))
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
		}
	}
	return nil
}

// unquoteBytes is unquote without a copy when q has no escape: the text
// between its quotes, in q.
func unquoteBytes(q []byte) ([]byte, error) {
	if len(q) >= 2 && q[0] == '"' && q[len(q)-1] == '"' && bytes.IndexByte(q, '\\') < 0 && utf8.Valid(q) {
		return q[1 : len(q)-1], nil
	}
	s, err := unquote(q)
	return []byte(s), err
}

// unquote returns the text of the JSON string q: its bytes between the
// quotes when it has no escape and is valid UTF-8, else what
// encoding/json decodes.
func unquote(q []byte) (string, error) {
	if len(q) >= 2 && q[0] == '"' && q[len(q)-1] == '"' && bytes.IndexByte(q, '\\') < 0 && utf8.Valid(q) {
		return string(q[1 : len(q)-1]), nil
	}
	var s string
	err := json.Unmarshal(q, &s)
	return s, err
}

// skipSpace returns the index of the first byte at or after i of valid
// JSON text b that is not white space.
func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// valueEnd returns the index just past the JSON value that starts at i
// in valid JSON text b: a string to its closing quote, an object or an
// array to its closing bracket, a literal or number to its last byte.
func valueEnd(b []byte, i int) int {
	depth, inString := 0, false
	for j := i; j < len(b); j++ {
		c := b[j]
		switch {
		case inString:
			if c == '\\' {
				j++
			} else if c == '"' {
				inString = false
				if depth == 0 {
					return j + 1
				}
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth == 0 {
				return j // the end of the enclosing object
			}
			if depth--; depth == 0 {
				return j + 1
			}
		case depth == 0 && (c == ',' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r'):
			return j
		}
	}
	return len(b)
}

// MetricColumns returns the metric columns of results.csv, in order: the
// figures of summary.json (money as exact decimal strings, counts, the
// statistics of the returns and of the round trips).
func MetricColumns() []string {
	names, _ := metricColumns()
	return slices.Clone(names)
}

// FloatColumns returns the metric columns that hold float64 statistics
// (the others hold exact money text or counts).
func FloatColumns() []string {
	names, kinds := metricColumns()
	var out []string
	for i, k := range kinds {
		if k == kindFloat {
			out = append(out, names[i])
		}
	}
	return out
}

// metricIndex returns the position of a metric column, or -1.
func metricIndex(name string) int {
	names, _ := metricColumns()
	return slices.Index(names, name)
}

// metricValues returns the texts of a Summary's metric columns, in order:
// strings as they are, counts in decimal, float64 statistics as the
// shortest text that reads back to the same value, and "NaN" for a
// statistic that is not a finite number (null in summary.json, which
// writes NaN and the infinities alike: a profit_factor with wins and no
// loss is "NaN" here, not "+Inf"); an absent key (alpha without a
// benchmark) is "".
func metricValues(s report.Summary) ([]string, error) {
	names, kinds := metricColumns()
	// The text of MarshalJSON itself: json.Marshal would only compact
	// and check it again (and escape HTML in strings, which unquote
	// reads back the same).
	b, err := s.MarshalJSON()
	if err != nil {
		return nil, err
	}
	out := make([]string, len(names))
	i := 0
	err = eachKey(b, func(key []byte, raw json.RawMessage) {
		if isNotMetric(key) {
			return
		}
		for i < len(names) && names[i] != string(key) {
			i++ // keys absent from this summary stay ""
		}
		if i == len(names) {
			return
		}
		out[i] = text(kinds[i], raw)
		i++
	})
	if err == nil && i == 0 {
		err = fmt.Errorf("sweep: summary has no metrics")
	}
	return out, err
}

// text converts a JSON value of summary.json to its CSV text.
func text(k kind, raw json.RawMessage) string {
	var s string
	switch {
	case string(raw) == "null": // a statistic that is not a finite number, an average of no trip
		if k == kindFloat {
			return "NaN"
		}
		return ""
	case raw[0] == '"':
		s, _ = unquote(raw)
	default:
		s = string(raw)
	}
	if k != kindFloat {
		return s
	}
	var f float64
	switch s {
	case "NaN":
		f = math.NaN()
	case "Infinity":
		f = math.Inf(1)
	case "-Infinity":
		f = math.Inf(-1)
	default:
		var err error
		if f, err = strconv.ParseFloat(s, 64); err != nil {
			return s
		}
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}
