package sweep

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"

	"github.com/pennybt/penny/pkg/config"
)

// value is a metric's text read for comparison: exact (a float64 is
// exactly a rational; money text too), with the infinities apart. A value
// that is not a number (empty, NaN, text) has ok false and never ranks.
type value struct {
	ok  bool
	inf int // +1 or -1 for the infinities
	r   *big.Rat
}

func parseValue(k kind, s string) value {
	if s == "" {
		return value{}
	}
	if k == kindFloat {
		f, err := strconv.ParseFloat(s, 64)
		switch {
		case err != nil || math.IsNaN(f):
			return value{}
		case math.IsInf(f, 1):
			return value{ok: true, inf: 1}
		case math.IsInf(f, -1):
			return value{ok: true, inf: -1}
		}
		return value{ok: true, r: new(big.Rat).SetFloat64(f)}
	}
	r, ok := new(big.Rat).SetString(s)
	if !ok || strings.ContainsAny(s, "/eE") {
		return value{}
	}
	return value{ok: true, r: r}
}

// cmp compares two values that are ok.
func (a value) cmp(b value) int {
	switch {
	case a.inf != 0 || b.inf != 0:
		return cmpInt(a.inf, b.inf)
	}
	return a.r.Cmp(b.r)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ranker keeps the best rows of each backend by a metric, among the rows
// that are OK and meet the constraints: at most top rows each, whatever
// the number of rows seen.
type ranker struct {
	metric   int  // metric column
	kind     kind // its kind
	maximize bool
	cons     []constraint
	top      int
	best     map[string][]ranked
	eligible map[string]int64
}

type ranked struct {
	row Row
	key int64 // the row's order in results.csv, for ties
	v   value
}

type constraint struct {
	name     string
	col      int
	kind     kind
	min, max value
}

// newRanker checks that the metric and the constraints name metric
// columns (naming the key and line otherwise) and returns a ranker.
func newRanker(spec *config.Sweep, top int) (*ranker, error) {
	names, kinds := metricColumns()
	r := &ranker{metric: metricIndex(spec.Metric), maximize: spec.Maximize, top: top,
		best: map[string][]ranked{}, eligible: map[string]int64{}}
	if r.metric < 0 {
		return nil, fmt.Errorf("%s: unknown metric %q (want one of %s)", lineOf("sweep.metric", spec.MetricLine), spec.Metric, strings.Join(names, ", "))
	}
	r.kind = kinds[r.metric]
	for _, c := range spec.Constraints {
		col := metricIndex(c.Metric)
		if col < 0 {
			return nil, fmt.Errorf("%s: unknown metric %q (want one of %s)", lineOf("sweep.constraints."+c.Metric, c.Line), c.Metric, strings.Join(names, ", "))
		}
		rc := constraint{name: c.Metric, col: col, kind: kinds[col]}
		if c.Min != nil {
			rc.min = parseValue(kindText, c.Min.String())
		}
		if c.Max != nil {
			rc.max = parseValue(kindText, c.Max.String())
		}
		r.cons = append(r.cons, rc)
	}
	return r, nil
}

func lineOf(key string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s (line %d)", key, line)
	}
	return key
}

// eligible reports whether a row may be ranked: OK, a metric that is a
// number, and every constraint met.
func (r *ranker) admit(row *Row) (value, bool) {
	if row.Status != OK {
		return value{}, false
	}
	v := parseValue(r.kind, row.Metrics[r.metric])
	if !v.ok {
		return v, false
	}
	for _, c := range r.cons {
		x := parseValue(c.kind, row.Metrics[c.col])
		if !x.ok || (c.min.ok && x.cmp(c.min) < 0) || (c.max.ok && x.cmp(c.max) > 0) {
			return v, false
		}
	}
	return v, true
}

// better reports whether a ranks before b: a better metric, or the same
// metric and an earlier row.
func (r *ranker) better(a, b *ranked) bool {
	c := a.v.cmp(b.v)
	if !r.maximize {
		c = -c
	}
	if c != 0 {
		return c > 0
	}
	return a.key < b.key
}

// add offers a row, whose order in the results is key.
func (r *ranker) add(row Row, key int64) {
	v, ok := r.admit(&row)
	if !ok {
		return
	}
	r.eligible[row.Backend]++
	list := r.best[row.Backend]
	n := ranked{row: row, key: key, v: v}
	i := len(list)
	for i > 0 && r.better(&n, &list[i-1]) {
		i--
	}
	if i >= r.top {
		return
	}
	if len(list) < r.top {
		list = append(list, ranked{})
	}
	copy(list[i+1:], list[i:])
	list[i] = n
	r.best[row.Backend] = list
}

// ranking returns the kept rows of a backend, best first.
func (r *ranker) ranking(backend string) []Row {
	var out []Row
	for _, x := range r.best[backend] {
		out = append(out, x.row)
	}
	return out
}
