package config

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
)

// MaxCombinations bounds the size of a sweep's grid (the product of the
// numbers of values of its params), so that every combination has an
// int64 index with room to spare.
const MaxCombinations = 1 << 53

// Sweep is the `sweep:` block of a config: the params to vary, how to
// search them, and how to rank the runs (package sweep runs it).
//
//	sweep:
//	  params:
//	    fast: {from: 5, to: 30, step: 5}   # a range: exact decimals, ends included
//	    slow: [40, 60, 90]                 # a list of YAML scalars
//	    execution.fill: [next_open, next_close]
//	  search: grid                         # or {random: {samples: 100, seed: 1}}
//	  metric: sharpe_ratio                 # a column of results.csv
//	  maximize: true                       # default true
//	  constraints: {max_drawdown: -0.25, round_trips: {min: 10}}
//	  backends: [fixed]                    # default: the config's backend
type Sweep struct {
	// Params are the swept keys in the order written: the last one
	// varies fastest in the grid's numbering.
	Params []SweepParam
	Search Search
	// Metric is the column the runs are ranked by.
	Metric   string
	Maximize bool
	// Constraints filter the runs a ranking may choose, in the order
	// written.
	Constraints []Constraint
	// Backends are the numeric backends each combination runs on; empty
	// means the config's backend.
	Backends []string

	// Line is the line of the `sweep:` key and MetricLine that of
	// `metric:` (0 when built in Go); errors name them.
	Line, MetricLine int
}

// SweepParam is one swept key with its values: a range or a list.
type SweepParam struct {
	// Key is a key of strategy.params ("fast", or "strategy.params.fast")
	// or of execution ("execution.slippage.volume_limit").
	Key string
	// Range, when not nil, gives the values from, from+step, ... up to
	// to (included when reached).
	Range *Range
	// List gives the values as YAML scalars, written as they are into
	// the config of each combination.
	List []string
	Line int
}

// Range is {from, to, step}: exact decimals, never float64.
type Range struct {
	From, To, Step numeric.Decimal
}

// Search is how combinations are drawn: Method "grid" runs every one,
// "random" draws Samples of them from Seed.
type Search struct {
	Method  string
	Samples int64
	Seed    uint64
	Line    int
}

// Constraint keeps the runs whose Metric is at least Min (when set) and
// at most Max (when set). A scalar in YAML (`max_drawdown: -0.25`) is a
// Min; a mapping gives {min, max}.
type Constraint struct {
	Metric   string
	Min, Max *numeric.Decimal
	Line     int
}

// UnmarshalYAML reads the sweep block strictly: an unknown key is an error
// naming it and its line.
func (s *Sweep) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("sweep (line %d): want a mapping", n.Line)
	}
	*s = Sweep{Maximize: true, Line: n.Line}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := "sweep." + k.Value
		var err error
		switch k.Value {
		case "params":
			err = s.decodeParams(v)
		case "search":
			err = s.Search.decode(v)
		case "metric":
			err = scalar(key, v, &s.Metric)
			s.MetricLine = v.Line
		case "maximize":
			err = scalar(key, v, &s.Maximize)
		case "constraints":
			err = s.decodeConstraints(v)
		case "backends":
			if v.Kind != yaml.SequenceNode {
				return fmt.Errorf("%s (line %d): want a list of backends", key, v.Line)
			}
			for _, b := range v.Content {
				var name string
				if err := scalar(key, b, &name); err != nil {
					return err
				}
				s.Backends = append(s.Backends, name)
			}
		default:
			return strictyaml.UnknownKey("sweep", k.Value, k.Line, []string{"params", "search", "metric", "maximize", "constraints", "backends"})
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// scalar decodes a scalar node into v, naming key and line on failure.
func scalar(key string, n *yaml.Node, v any) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("%s (line %d): want a single value", key, n.Line)
	}
	return strictyaml.DecodeNode(n, v, key)
}

func (s *Sweep) decodeParams(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("sweep.params (line %d): want a mapping of keys to ranges or lists", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		p := SweepParam{Key: k.Value, Line: k.Line}
		key := "sweep.params." + k.Value
		switch v.Kind {
		case yaml.SequenceNode:
			p.List = []string{}
			for _, item := range v.Content {
				if item.Kind != yaml.ScalarNode {
					return fmt.Errorf("%s (line %d): a list of single values is wanted", key, item.Line)
				}
				p.List = append(p.List, item.Value)
			}
		case yaml.MappingNode:
			r, err := decodeRange(key, v)
			if err != nil {
				return err
			}
			p.Range = r
		default:
			return fmt.Errorf("%s (line %d): want a range {from, to, step} or a list [a, b, ...], got %q", key, v.Line, v.Value)
		}
		s.Params = append(s.Params, p)
	}
	return nil
}

func decodeRange(key string, n *yaml.Node) (*Range, error) {
	var r Range
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		var dst *numeric.Decimal
		switch k.Value {
		case "from":
			dst = &r.From
		case "to":
			dst = &r.To
		case "step":
			dst = &r.Step
		default:
			return nil, strictyaml.UnknownKey(key, k.Value, k.Line, []string{"from", "to", "step"})
		}
		if v.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("%s.%s (line %d): want a number", key, k.Value, v.Line)
		}
		d, err := numeric.Parse[numeric.Decimal](v.Value)
		if err != nil {
			return nil, fmt.Errorf("%s.%s (line %d): %q is not a decimal number", key, k.Value, v.Line, v.Value)
		}
		*dst = d
		seen[k.Value] = true
	}
	for _, want := range []string{"from", "to", "step"} {
		if !seen[want] {
			return nil, fmt.Errorf("%s (line %d): missing %s (a range is {from, to, step})", key, n.Line, want)
		}
	}
	return &r, nil
}

func (s *Search) decode(n *yaml.Node) error {
	s.Line = n.Line
	switch n.Kind {
	case yaml.ScalarNode:
		s.Method = n.Value
		return nil
	case yaml.MappingNode:
		if len(n.Content) != 2 || n.Content[0].Value != "random" {
			return fmt.Errorf("sweep.search (line %d): want grid or {random: {samples: N, seed: S}}", n.Line)
		}
		s.Method = "random"
		body := n.Content[1]
		if body.Kind != yaml.MappingNode {
			return fmt.Errorf("sweep.search.random (line %d): want {samples: N, seed: S}", body.Line)
		}
		for i := 0; i+1 < len(body.Content); i += 2 {
			k, v := body.Content[i], body.Content[i+1]
			key := "sweep.search.random." + k.Value
			var err error
			switch k.Value {
			case "samples":
				err = scalar(key, v, &s.Samples)
			case "seed":
				err = scalar(key, v, &s.Seed)
			default:
				err = strictyaml.UnknownKey("sweep.search.random", k.Value, k.Line, []string{"samples", "seed"})
			}
			if err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("sweep.search (line %d): want grid or {random: {samples: N, seed: S}}", n.Line)
}

func (s *Sweep) decodeConstraints(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("sweep.constraints (line %d): want a mapping of metrics to bounds", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		key := "sweep.constraints." + k.Value
		c := Constraint{Metric: k.Value, Line: k.Line}
		bound := func(key string, v *yaml.Node) (*numeric.Decimal, error) {
			if v.Kind != yaml.ScalarNode {
				return nil, fmt.Errorf("%s (line %d): want a number", key, v.Line)
			}
			d, err := numeric.Parse[numeric.Decimal](v.Value)
			if err != nil {
				return nil, fmt.Errorf("%s (line %d): %q is not a decimal number", key, v.Line, v.Value)
			}
			return &d, nil
		}
		var err error
		switch v.Kind {
		case yaml.ScalarNode:
			c.Min, err = bound(key, v)
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				bk, bv := v.Content[j], v.Content[j+1]
				switch bk.Value {
				case "min":
					c.Min, err = bound(key+".min", bv)
				case "max":
					c.Max, err = bound(key+".max", bv)
				default:
					err = strictyaml.UnknownKey(key, bk.Value, bk.Line, []string{"min", "max"})
				}
				if err != nil {
					return err
				}
			}
		default:
			err = fmt.Errorf("%s (line %d): want a number (the least value allowed) or {min, max}", key, v.Line)
		}
		if err != nil {
			return err
		}
		s.Constraints = append(s.Constraints, c)
	}
	return nil
}

// at names a key with its line, when known.
func at(key string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s (line %d)", key, line)
	}
	return key
}

// Validate reports a sweep that cannot run, naming the key and its line:
// no params, an empty range, a step of zero or of the wrong sign, an
// empty list or one with a value twice, a key that is neither a
// strategy param nor an execution key, an unknown search, a grid too
// large, a constraint without a bound or with min > max, an unknown or
// repeated backend. Whether the metric and the constraints name columns
// of the results, and whether the strategy has the swept keys, is for
// package sweep to check.
func (s *Sweep) Validate() error {
	var errs []error
	bad := func(key string, line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", at(key, line), fmt.Sprintf(format, args...)))
	}
	if len(s.Params) == 0 {
		bad("sweep.params", s.Line, "missing: name at least one key to sweep")
	}
	total := int64(1)
	paths := map[string]string{}
	for _, p := range s.Params {
		key := "sweep.params." + p.Key
		path, err := ParamPath(p.Key)
		if err != nil {
			bad(key, p.Line, "%v", err)
		} else if prev, dup := paths[path]; dup {
			bad(key, p.Line, "sets %s, as %s does", path, prev)
		} else {
			paths[path] = p.Key
		}
		n, err := p.Len()
		if err != nil {
			bad(key, p.Line, "%v", err)
			continue
		}
		if total > MaxCombinations/n {
			bad(key, p.Line, "the grid has more than %d combinations", int64(MaxCombinations))
			total = 1
			continue
		}
		total *= n
	}
	switch s.Search.Method {
	case "grid":
	case "random":
		if s.Search.Samples < 1 {
			bad("sweep.search.random.samples", s.Search.Line, "must be at least 1, got %d", s.Search.Samples)
		}
	case "":
		bad("sweep.search", s.Line, "missing (grid or {random: {samples: N, seed: S}})")
	default:
		bad("sweep.search", s.Search.Line, "unknown search %q (want grid or {random: {samples: N, seed: S}})", s.Search.Method)
	}
	if s.Metric == "" {
		bad("sweep.metric", s.Line, "missing: the column of results.csv to rank by (for example sharpe_ratio)")
	}
	for _, c := range s.Constraints {
		key := "sweep.constraints." + c.Metric
		switch {
		case c.Min == nil && c.Max == nil:
			bad(key, c.Line, "give a least value, or {min, max}")
		case c.Min != nil && c.Max != nil && c.Min.Cmp(*c.Max) > 0:
			bad(key, c.Line, "min %s is above max %s", c.Min, c.Max)
		}
	}
	for i, b := range s.Backends {
		if _, err := numeric.LookupBackend(b); err != nil {
			bad("sweep.backends", s.Line, "%v", err)
		} else if slices.Index(s.Backends, b) != i {
			bad("sweep.backends", s.Line, "%s is listed twice", b)
		}
	}
	return errors.Join(errs...)
}

// Combinations returns the size of the grid: the product of the numbers
// of values of the params. The sweep must be valid.
func (s *Sweep) Combinations() int64 {
	total := int64(1)
	for _, p := range s.Params {
		n, err := p.Len()
		if err != nil {
			panic(fmt.Sprintf("config: Combinations of an invalid sweep: %v", err))
		}
		total *= n
	}
	return total
}

// ParamPath returns the config path a swept key sets: a bare key is a
// strategy param ("fast" is strategy.params.fast); "strategy.params.X"
// and "execution.X..." are taken as they are. Anything else is an error.
func ParamPath(key string) (string, error) {
	parts := strings.Split(key, ".")
	if slices.Contains(parts, "") {
		return "", fmt.Errorf("%q is not a key", key)
	}
	switch {
	case len(parts) == 1:
		return "strategy.params." + key, nil
	case parts[0] == "execution":
		return key, nil
	case len(parts) == 3 && parts[0] == "strategy" && parts[1] == "params":
		return key, nil
	}
	return "", fmt.Errorf("only strategy params (fast, or strategy.params.fast) and execution keys (execution.fill) can be swept")
}

// Len returns the number of values of the param: an error for an empty
// list, a list with a value twice, an empty range or a step of zero or of
// the wrong sign.
func (p *SweepParam) Len() (int64, error) {
	if p.Range == nil {
		if len(p.List) == 0 {
			return 0, fmt.Errorf("empty list: give at least one value")
		}
		for i, v := range p.List {
			if j := slices.Index(p.List, v); j != i {
				return 0, fmt.Errorf("value %q is listed twice", v)
			}
		}
		return int64(len(p.List)), nil
	}
	return p.Range.Len()
}

// Value returns value i (0-based) of the param as text: the list's item,
// or from + i*step in canonical decimal form ("0.05", "10").
func (p *SweepParam) Value(i int64) string {
	if p.Range == nil {
		return p.List[i]
	}
	return p.Range.Value(i)
}

// Len returns the number of values of the range: from, from+step, ...
// while not past to. A step of zero, a step whose sign would never reach
// to, and a range of more than MaxCombinations values are errors.
func (r *Range) Len() (int64, error) {
	from, to, step := rat(r.From), rat(r.To), rat(r.Step)
	if step.Sign() == 0 {
		return 0, fmt.Errorf("step is zero")
	}
	span := new(big.Rat).Sub(to, from)
	if span.Sign() != 0 && span.Sign() != step.Sign() {
		return 0, fmt.Errorf("empty range: from %s to %s with step %s has no values (the step has the wrong sign)", r.From, r.To, r.Step)
	}
	q := new(big.Rat).Quo(span, step)
	n := new(big.Int).Quo(q.Num(), q.Denom()) // floor: q >= 0
	n.Add(n, big.NewInt(1))
	if !n.IsInt64() || n.Int64() > MaxCombinations {
		return 0, fmt.Errorf("range from %s to %s with step %s has more than %d values", r.From, r.To, r.Step, int64(MaxCombinations))
	}
	return n.Int64(), nil
}

// Value returns from + i*step, exactly, in canonical decimal form.
func (r *Range) Value(i int64) string {
	v := new(big.Rat).Mul(rat(r.Step), new(big.Rat).SetInt64(i))
	v.Add(v, rat(r.From))
	d, err := numeric.Parse[numeric.Decimal](v.FloatString(max(scale(r.From), scale(r.Step))))
	if err != nil {
		panic(err) // FloatString writes plain decimals
	}
	return d.String()
}

func rat(d numeric.Decimal) *big.Rat {
	r, ok := new(big.Rat).SetString(d.String())
	if !ok {
		panic("config: decimal text " + d.String())
	}
	return r
}

// scale returns the number of fractional digits of d's canonical text.
func scale(d numeric.Decimal) int {
	_, frac, _ := strings.Cut(d.String(), ".")
	return len(frac)
}
