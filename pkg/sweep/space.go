package sweep

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/config"
)

// Space is the grid of a sweep: its keys and the values of each. A
// combination is numbered by a mixed-radix index, the last key varying
// fastest (as nested loops over the keys in the order written); no
// combination is ever stored.
type Space struct {
	params []config.SweepParam
	keys   []string
	radix  []int64
	size   int64
	search config.Search
}

// NewSpace returns the space of a sweep, which it validates.
func NewSpace(spec *config.Sweep) (*Space, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	s := &Space{params: spec.Params, size: 1, search: spec.Search}
	for _, p := range spec.Params {
		n, _ := p.Len()
		s.keys = append(s.keys, p.Key)
		s.radix = append(s.radix, n)
		s.size *= n
	}
	return s, nil
}

// Keys returns the swept keys, in order. The slice is the space's own.
func (s *Space) Keys() []string { return s.keys }

// Size returns the number of combinations of the grid.
func (s *Space) Size() int64 { return s.size }

// Trials returns the number of runs of the search: the grid's size, or
// the number of samples of a random search.
func (s *Space) Trials() int64 {
	if s.search.Method == "random" {
		return s.search.Samples
	}
	return s.size
}

// Combination is one point of the space: the value of each key, as text.
type Combination struct {
	// Trial is the number of the run in the search (0-based): the grid
	// index, or the sample number of a random search.
	Trial int64
	// Grid is the combination's index in the grid.
	Grid   int64
	Keys   []string // the space's keys (shared: do not modify)
	Values []string // Values[i] is the value of Keys[i]
}

// Value returns the value of key and whether the combination has it.
func (c Combination) Value(key string) (string, bool) {
	for i, k := range c.Keys {
		if k == key {
			return c.Values[i], true
		}
	}
	return "", false
}

// Int returns the value of key as an int.
func (c Combination) Int(key string) (int, error) {
	v, ok := c.Value(key)
	if !ok {
		return 0, fmt.Errorf("sweep: no param %q", key)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s: %q is not a whole number", key, v)
	}
	return n, nil
}

// Decimal returns the value of key as an exact decimal.
func (c Combination) Decimal(key string) (numeric.Decimal, error) {
	v, ok := c.Value(key)
	if !ok {
		return numeric.Decimal{}, fmt.Errorf("sweep: no param %q", key)
	}
	d, err := numeric.Parse[numeric.Decimal](v)
	if err != nil {
		return d, fmt.Errorf("%s: %w", key, err)
	}
	return d, nil
}

// String writes the combination as key=value pairs.
func (c Combination) String() string {
	var b strings.Builder
	for i, k := range c.Keys {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(c.Values[i])
	}
	return b.String()
}

// At returns the combination at grid index i. It panics when i is not in
// [0, Size()).
func (s *Space) At(i int64) Combination {
	if i < 0 || i >= s.size {
		panic(fmt.Sprintf("sweep: grid index %d out of range [0, %d)", i, s.size))
	}
	c := Combination{Trial: i, Grid: i, Keys: s.keys, Values: make([]string, len(s.keys))}
	for k := len(s.keys) - 1; k >= 0; k-- {
		c.Values[k] = s.params[k].Value(i % s.radix[k])
		i /= s.radix[k]
	}
	return c
}

// Index returns the grid index of the combination with the given values
// (one per key, in order), or an error naming a value that is not one of
// its key's.
func (s *Space) Index(values []string) (int64, error) {
	if len(values) != len(s.keys) {
		return 0, fmt.Errorf("sweep: %d values for %d keys", len(values), len(s.keys))
	}
	var idx int64
	for k, v := range values {
		d, err := s.digit(k, v)
		if err != nil {
			return 0, err
		}
		idx = idx*s.radix[k] + d
	}
	return idx, nil
}

// digit finds value v among the values of key k.
func (s *Space) digit(k int, v string) (int64, error) {
	p := &s.params[k]
	if p.Range == nil {
		for i, item := range p.List {
			if item == v {
				return int64(i), nil
			}
		}
		return 0, fmt.Errorf("sweep: %s has no value %q", p.Key, v)
	}
	// Solve from + i*step = v exactly.
	d, err := numeric.Parse[numeric.Decimal](v)
	if err == nil {
		lo, hi := int64(0), s.radix[k]-1
		// The values are monotonic in i: binary search on them.
		asc := p.Range.Step.Sign() > 0
		for lo <= hi {
			mid := lo + (hi-lo)/2
			m, _ := numeric.Parse[numeric.Decimal](p.Value(mid))
			c := m.Cmp(d)
			if !asc {
				c = -c
			}
			switch {
			case c == 0:
				return mid, nil
			case c < 0:
				lo = mid + 1
			default:
				hi = mid - 1
			}
		}
	}
	return 0, fmt.Errorf("sweep: %s has no value %q", p.Key, v)
}

// Trial returns the combination of run k of the search: grid index k for
// a grid; for a random search, a grid index drawn uniformly from a PCG
// generator seeded with (seed, k) alone, so that any run's combination is
// known without drawing the others (draws are independent: two samples
// may pick the same combination). It panics when k is not in
// [0, Trials()).
func (s *Space) Trial(k int64) Combination {
	if k < 0 || k >= s.Trials() {
		panic(fmt.Sprintf("sweep: trial %d out of range [0, %d)", k, s.Trials()))
	}
	if s.search.Method != "random" {
		return s.At(k)
	}
	rng := rand.New(rand.NewPCG(s.search.Seed, uint64(k)))
	c := s.At(rng.Int64N(s.size))
	c.Trial = k
	return c
}
