package execution

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
)

// Config is the execution block of a run's YAML:
//
//	execution:
//	  fill: next_open            # or next_close
//	  slippage: {model: volume_share, volume_limit: 0.025, price_impact: 0.1}
//	  commission: {model: per_share, cost: 0.005, min: 1}
//	  shorting: false
//	  max_leverage: 2            # omit for a cash account
//
// Numbers are kept as the decimal text written (numeric.Decimal), and
// converted exactly to the run's backend by [New]. The zero Config is
// valid: next open, no slippage, no commission, a cash account without
// shorting.
type Config struct {
	Fill       FillMode         `yaml:"fill"`
	Slippage   SlippageConfig   `yaml:"slippage"`
	Commission CommissionConfig `yaml:"commission"`
	Shorting   bool             `yaml:"shorting"`
	// MaxLeverage makes the account a margin account allowing a gross
	// leverage up to it; nil is a cash account (see ledger.Account).
	MaxLeverage *numeric.Decimal `yaml:"max_leverage"`
}

// SlippageConfig chooses the slippage model and its parameters.
type SlippageConfig struct {
	// Model is none (or empty), fixed_bps or volume_share.
	Model string `yaml:"model"`
	// Bps (fixed_bps, required): basis points against the trader, >= 0,
	// at most 4 decimals.
	Bps *numeric.Decimal `yaml:"bps"`
	// VolumeLimit (volume_share, default 0.025): fraction of a bar's
	// volume that may fill, in (0, 1].
	VolumeLimit *numeric.Decimal `yaml:"volume_limit"`
	// PriceImpact (volume_share, default 0.1): >= 0.
	PriceImpact *numeric.Decimal `yaml:"price_impact"`
}

// CommissionConfig chooses the commission model and its parameters.
type CommissionConfig struct {
	// Model is none (or empty), per_share, per_trade or bps.
	Model string `yaml:"model"`
	// Cost: per share for per_share (default 0.001, zipline's), per
	// order for per_trade (required); >= 0.
	Cost *numeric.Decimal `yaml:"cost"`
	// Min (per_share, default 0): minimum per order, >= 0.
	Min *numeric.Decimal `yaml:"min"`
	// Bps (bps, required): basis points of the notional, >= 0, at most 4
	// decimals.
	Bps *numeric.Decimal `yaml:"bps"`
}

// Model names.
const (
	ModelNone        = "none"
	ModelFixedBps    = "fixed_bps"
	ModelVolumeShare = "volume_share"
	ModelPerShare    = "per_share"
	ModelPerTrade    = "per_trade"
	ModelBps         = "bps"
)

// Defaults applied by [New] to parameters left out.
const (
	DefaultVolumeLimit  = "0.025"
	DefaultPriceImpact  = "0.1"
	DefaultPerShareCost = "0.001"
	DefaultPerShareMin  = "0"
)

// DecodeConfig reads the content of an execution block (the mapping under
// "execution:") from r, strictly: an unknown key is an error. It then
// validates the config. An empty input is the zero Config.
func DecodeConfig(r io.Reader) (Config, error) {
	var c Config
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil && !errors.Is(err, io.EOF) {
		return Config{}, err
	}
	return c, c.Validate()
}

// ParseConfig is DecodeConfig on a byte slice.
func ParseConfig(b []byte) (Config, error) { return DecodeConfig(bytes.NewReader(b)) }

// UnmarshalYAML decodes an execution block strictly, whatever the
// decoder's settings: an unknown key, a value of the wrong kind or a
// number that is not one is an error naming the key and the line
// ("execution.slippage.volume_limit (line 3): ..."; an unknown key
// is `unknown key "execution.slipage" at line 2 (did you mean
// "execution.slippage"?)`). It does not validate:
// call Validate.
func (c *Config) UnmarshalYAML(n *yaml.Node) error {
	*c = Config{}
	return decodeMapping("execution", n, map[string]func(string, *yaml.Node) error{
		"fill": func(key string, v *yaml.Node) error {
			s, err := scalar(key, v)
			if err != nil || s == "" {
				return err
			}
			if c.Fill, err = ParseFillMode(s); err != nil {
				return strictyaml.Errorf(key, v.Line, "%s", strings.TrimPrefix(err.Error(), "execution: "))
			}
			return nil
		},
		"slippage":   func(key string, v *yaml.Node) error { return c.Slippage.decode(key, v) },
		"commission": func(key string, v *yaml.Node) error { return c.Commission.decode(key, v) },
		"shorting": func(key string, v *yaml.Node) error {
			if v.Kind != yaml.ScalarNode || v.Decode(&c.Shorting) != nil {
				return strictyaml.Errorf(key, v.Line, "want true or false, got %q", v.Value)
			}
			return nil
		},
		"max_leverage": func(key string, v *yaml.Node) (err error) { c.MaxLeverage, err = decimal(key, v); return err },
	})
}

func (c *SlippageConfig) decode(path string, n *yaml.Node) error {
	*c = SlippageConfig{}
	return decodeMapping(path, n, map[string]func(string, *yaml.Node) error{
		"model":        func(key string, v *yaml.Node) (err error) { c.Model, err = scalar(key, v); return err },
		"bps":          func(key string, v *yaml.Node) (err error) { c.Bps, err = decimal(key, v); return err },
		"volume_limit": func(key string, v *yaml.Node) (err error) { c.VolumeLimit, err = decimal(key, v); return err },
		"price_impact": func(key string, v *yaml.Node) (err error) { c.PriceImpact, err = decimal(key, v); return err },
	})
}

// UnmarshalYAML decodes a slippage block strictly (see
// [Config.UnmarshalYAML]).
func (c *SlippageConfig) UnmarshalYAML(n *yaml.Node) error { return c.decode("execution.slippage", n) }

func (c *CommissionConfig) decode(path string, n *yaml.Node) error {
	*c = CommissionConfig{}
	return decodeMapping(path, n, map[string]func(string, *yaml.Node) error{
		"model": func(key string, v *yaml.Node) (err error) { c.Model, err = scalar(key, v); return err },
		"cost":  func(key string, v *yaml.Node) (err error) { c.Cost, err = decimal(key, v); return err },
		"min":   func(key string, v *yaml.Node) (err error) { c.Min, err = decimal(key, v); return err },
		"bps":   func(key string, v *yaml.Node) (err error) { c.Bps, err = decimal(key, v); return err },
	})
}

// UnmarshalYAML decodes a commission block strictly (see
// [Config.UnmarshalYAML]).
func (c *CommissionConfig) UnmarshalYAML(n *yaml.Node) error {
	return c.decode("execution.commission", n)
}

// decodeMapping calls fields[k] for each key k of the mapping n, with the
// key's path; an unknown or repeated key is an error (listing the known
// ones). A null node is an empty mapping.
func decodeMapping(path string, n *yaml.Node, fields map[string]func(string, *yaml.Node) error) error {
	if n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return strictyaml.Errorf(path, n.Line, "want a mapping of keys to values, got %s", kind(n))
	}
	seen := make(map[string]int, len(fields))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if line, dup := seen[k.Value]; dup {
			return strictyaml.Errorf(path+"."+k.Value, k.Line, "given twice (first at line %d)", line)
		}
		seen[k.Value] = k.Line
		f, ok := fields[k.Value]
		if !ok {
			known := make([]string, 0, len(fields))
			for name := range fields {
				known = append(known, name)
			}
			slices.Sort(known)
			return strictyaml.UnknownKey(path, k.Value, k.Line, known)
		}
		if err := f(path+"."+k.Value, v); err != nil {
			return err
		}
	}
	return nil
}

// scalar returns the text of a scalar node ("" for null).
func scalar(key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode {
		return "", strictyaml.Errorf(key, v.Line, "want a single value, got %s", kind(v))
	}
	if v.Tag == "!!null" {
		return "", nil
	}
	return v.Value, nil
}

// decimal reads a number exactly as written (nil for null).
func decimal(key string, v *yaml.Node) (*numeric.Decimal, error) {
	s, err := scalar(key, v)
	if err != nil || v.Tag == "!!null" {
		return nil, err
	}
	d, err := numeric.Parse[numeric.Decimal](s)
	if err != nil {
		return nil, strictyaml.Errorf(key, v.Line, "%q is not a decimal number", s)
	}
	return &d, nil
}

func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		return fmt.Sprintf("%q", n.Value)
	}
	return "a document"
}

// Validate reports the first invalid setting, naming its key
// ("execution.slippage.volume_limit") and the reason.
func (c *Config) Validate() error {
	if _, err := c.Fill.MarshalText(); err != nil {
		return fmt.Errorf("execution.fill: %v", err)
	}
	if err := c.Slippage.validate(); err != nil {
		return err
	}
	if err := c.Commission.validate(); err != nil {
		return err
	}
	if c.MaxLeverage != nil && c.MaxLeverage.Sign() <= 0 {
		return fmt.Errorf("execution.max_leverage: %s: want a positive number (leave it out for a cash account)", c.MaxLeverage)
	}
	if err := atMost("execution.max_leverage", c.MaxLeverage, MaxLeverage); err != nil {
		return err
	}
	return nil
}

// The largest values the models accept: beyond them a setting is a typo
// or a unit error, and would run to the end with absurd figures.
const (
	// MaxBps is 100%, in basis points.
	MaxBps = "10000"
	// MaxPriceImpact keeps a sell's price above zero: the price moves by
	// PriceImpact*share^2 of itself, share up to 1.
	MaxPriceImpact = "1"
	// MaxCommission bounds a commission's cost and minimum (per share or
	// per trade).
	MaxCommission = "1000000"
	// MaxLeverage bounds max_leverage.
	MaxLeverage = "100"
)

// atMost reports a value above max, naming key.
func atMost(key string, v *numeric.Decimal, max string) error {
	if v != nil && v.Cmp(numeric.MustParse[numeric.Decimal](max)) > 0 {
		return fmt.Errorf("%s: %s is above %s, the largest value Penny accepts", key, numeric.Abbrev(v.String()), max)
	}
	return nil
}

func (c *SlippageConfig) validate() error {
	const key = "execution.slippage"
	params := map[string]*numeric.Decimal{"bps": c.Bps, "volume_limit": c.VolumeLimit, "price_impact": c.PriceImpact}
	switch c.Model {
	case "", ModelNone:
		return only(key, c.Model, params)
	case ModelFixedBps:
		if c.Bps == nil {
			return fmt.Errorf("%s.bps: required by the fixed_bps model", key)
		}
		if err := bpsValue(key+".bps", c.Bps); err != nil {
			return err
		}
		return only(key, c.Model, params, "bps")
	case ModelVolumeShare:
		if v := c.VolumeLimit; v != nil && (v.Sign() <= 0 || v.Cmp(numeric.Int[numeric.Decimal](1)) > 0) {
			return fmt.Errorf("%s.volume_limit: %s is outside (0, 1]", key, v)
		}
		if err := nonNegative(key+".price_impact", c.PriceImpact); err != nil {
			return err
		}
		if err := atMost(key+".price_impact", c.PriceImpact, MaxPriceImpact); err != nil {
			return fmt.Errorf("%w (a sell's price would reach zero)", err)
		}
		return only(key, c.Model, params, "volume_limit", "price_impact")
	}
	return fmt.Errorf("%s.model: unknown model %q (want none, fixed_bps or volume_share)", key, c.Model)
}

func (c *CommissionConfig) validate() error {
	const key = "execution.commission"
	params := map[string]*numeric.Decimal{"cost": c.Cost, "min": c.Min, "bps": c.Bps}
	switch c.Model {
	case "", ModelNone:
		return only(key, c.Model, params)
	case ModelPerShare:
		if err := nonNegative(key+".cost", c.Cost); err != nil {
			return err
		}
		if err := nonNegative(key+".min", c.Min); err != nil {
			return err
		}
		if err := atMost(key+".cost", c.Cost, MaxCommission); err != nil {
			return err
		}
		if err := atMost(key+".min", c.Min, MaxCommission); err != nil {
			return err
		}
		return only(key, c.Model, params, "cost", "min")
	case ModelPerTrade:
		if c.Cost == nil {
			return fmt.Errorf("%s.cost: required by the per_trade model", key)
		}
		if err := nonNegative(key+".cost", c.Cost); err != nil {
			return err
		}
		if err := atMost(key+".cost", c.Cost, MaxCommission); err != nil {
			return err
		}
		return only(key, c.Model, params, "cost")
	case ModelBps:
		if c.Bps == nil {
			return fmt.Errorf("%s.bps: required by the bps model", key)
		}
		if err := bpsValue(key+".bps", c.Bps); err != nil {
			return err
		}
		return only(key, c.Model, params, "bps")
	}
	return fmt.Errorf("%s.model: unknown model %q (want none, per_share, per_trade or bps)", key, c.Model)
}

// only reports a parameter set that the model does not take.
func only(key, model string, params map[string]*numeric.Decimal, allowed ...string) error {
	if model == "" {
		model = ModelNone
	}
	for _, name := range []string{"bps", "volume_limit", "price_impact", "cost", "min"} {
		v, ok := params[name]
		if !ok || v == nil {
			continue
		}
		found := false
		for _, a := range allowed {
			found = found || a == name
		}
		if !found {
			return fmt.Errorf("%s.%s: not a parameter of the %s model", key, name, model)
		}
	}
	return nil
}

func nonNegative(key string, v *numeric.Decimal) error {
	if v != nil && v.Sign() < 0 {
		return fmt.Errorf("%s: %s is negative", key, v)
	}
	return nil
}

// bpsValue checks basis points: not negative, at most 4 decimals (so that
// bps/10000 is exact in 8 decimals).
func bpsValue(key string, v *numeric.Decimal) error {
	if err := nonNegative(key, v); err != nil {
		return err
	}
	if err := atMost(key, v, MaxBps); err != nil {
		return err
	}
	if _, frac, ok := strings.Cut(v.String(), "."); ok && len(frac) > 4 {
		return fmt.Errorf("%s: %s has more than 4 decimals (bps/10000 must fit 8 decimals)", key, v)
	}
	return nil
}

// number converts a config value to N exactly, or returns def (text) if
// v is nil.
func number[N numeric.Number[N]](key string, v *numeric.Decimal, def string) (N, error) {
	s := def
	if v != nil {
		s = v.String()
	}
	x, err := numeric.Parse[N](s)
	if err != nil {
		return x, fmt.Errorf("%s: %s does not fit the %s backend: %w", key, s, numeric.Backend[N](), err)
	}
	return x, nil
}
