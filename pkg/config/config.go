package config

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"

	"gopkg.in/yaml.v3"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/execution"
)

// Config is one backtest.
type Config struct {
	Name string `yaml:"name"`
	// Backend is the numeric backend a run uses when its caller does not
	// choose one (penny run --backend, sweep.backends): a name of
	// numeric's registry (numeric.Backends), or empty. A Go program
	// chooses it by instantiating runner or engine with its type.
	Backend   string           `yaml:"backend"`
	Capital   *numeric.Decimal `yaml:"capital"`
	Data      Data             `yaml:"data"`
	Strategy  Strategy         `yaml:"strategy"`
	Execution execution.Config `yaml:"execution"`
	Benchmark string           `yaml:"benchmark"`
	// Sweep and WalkForward, when set, make the config a parameter
	// sweep (see sweep.go and walkforward.go); `penny run` ignores them.
	Sweep       *Sweep       `yaml:"sweep"`
	WalkForward *WalkForward `yaml:"walk_forward"`

	// Dir is the folder relative paths resolve against: the config
	// file's, set by Load.
	Dir string `yaml:"-"`
}

// Data says which bars to replay.
type Data struct {
	Source string `yaml:"source"`
	// Frequency of the run's bars: daily when not given, or for a bundle
	// the bundle's own (see RunFrequency).
	Frequency Frequency `yaml:"frequency"`
	Calendar  string    `yaml:"calendar"`
	Start     Date      `yaml:"start"`
	End       Date      `yaml:"end"`
	// synthetic
	Assets int    `yaml:"assets"`
	Seed   uint64 `yaml:"seed"`
	// Splits and DividendYield make synthetic data with corporate
	// actions at seeded dates (package synthetic's Actions): the
	// expected splits per asset per year (at most 4), and the mean
	// annual dividend yield (at most 0.2), paid quarterly.
	Splits        float64 `yaml:"splits"`
	DividendYield float64 `yaml:"dividend_yield"`
	// csv
	Files    map[string]string `yaml:"files"`
	Dir      string            `yaml:"dir"`
	TimeZone string            `yaml:"timezone"`
	Stamp    string            `yaml:"stamp"`
	// Price says which prices a CSV bar takes: close (the default: open,
	// high, low, close as written) or adj_close (scaled to a Yahoo-style
	// Adj Close column: dividend- and split-adjusted, so no data.actions
	// with it; see package csvsource's Price).
	Price string `yaml:"price"`
	// bundle
	Bundle string `yaml:"bundle"`
	Ingest string `yaml:"ingest"`
	// Actions is a CSV file of corporate actions (package corpaction's
	// layout) applied to the bars, which must then be raw (as traded).
	Actions string `yaml:"actions"`
	// Adjust says how strategy history windows are adjusted for the
	// actions applied so far: raw, split (the default) or all.
	Adjust string `yaml:"adjust"`
}

// Strategy names the strategy and holds its params as YAML, for the
// strategy to decode.
type Strategy struct {
	Name   string    `yaml:"name"`
	Params yaml.Node `yaml:"params"`
}

// Date is a calendar date written YYYY-MM-DD; the zero Date means unset.
type Date struct{ time.Time }

// UnmarshalYAML reads YYYY-MM-DD.
func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	t, err := time.Parse("2006-01-02", n.Value)
	if n.Kind != yaml.ScalarNode || err != nil {
		return fmt.Errorf("want a date written YYYY-MM-DD, got %q", n.Value)
	}
	d.Time = t
	return nil
}

// MarshalYAML writes YYYY-MM-DD.
func (d Date) MarshalYAML() (any, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.Format("2006-01-02"), nil
}

// Load reads, decodes strictly and validates the config file at path.
func Load(path string) (*Config, error) {
	b, err := limit.ReadFile(path, limit.Config)
	if err != nil {
		return nil, err
	}
	c, err := Parse(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	abs, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, err
	}
	c.Dir = abs
	return c, nil
}

// Parse decodes a config strictly and validates it; relative paths are
// left as written (Load resolves them). An unknown key is an error naming
// it and its line, with the known key nearest to it:
//
//	unknown key "captial" at line 3 (did you mean "capital"?)
//
// strategy.params is kept as the YAML node it is in the text, with its
// lines, for the strategy to decode (see Strategy).
func Parse(b []byte) (*Config, error) {
	root, err := strictyaml.One(b)
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("empty config")
	}
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "yaml: "))
	}
	return ParseNode(root)
}

// ParseNode is Parse of a document already parsed into a node (package
// sweep's combinations: a config's document with the swept keys set):
// errors give the lines the node's own nodes carry.
func ParseNode(doc *yaml.Node) (*Config, error) {
	if doc.Kind == 0 || doc.Kind == yaml.DocumentNode && len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty config")
	}
	var c Config
	if err := strictyaml.DecodeNode(doc, &c, ""); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// MaxCapital is the largest capital a config accepts, 1e15 (a
// quadrillion, above any fund): beyond it a capital is a typo, and on the
// decimal backend it ran to the end with every figure absurd. A backend
// may hold less: fixed holds up to numeric.MaxFixed.
const MaxCapital = "1000000000000000"

// Validate reports a config that cannot run, naming the key. The backend
// may be left out (its caller chooses one); one that is given must be a
// backend of numeric's registry.
func (c *Config) Validate() error {
	var errs []error
	bad := func(key, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", key, fmt.Sprintf(format, args...)))
	}
	if c.Backend != "" {
		if _, err := numeric.LookupBackend(c.Backend); err != nil {
			bad("backend", "%v", err)
		}
	}
	switch {
	case c.Capital == nil:
		bad("capital", "missing")
	case c.Capital.Sign() <= 0:
		bad("capital", "must be positive, got %s", c.Capital)
	case c.Capital.Cmp(numeric.MustParse[numeric.Decimal](MaxCapital)) > 0:
		bad("capital", "%s is above %s, the largest capital Penny accepts", numeric.Abbrev(c.Capital.String()), MaxCapital)
	case c.Backend == numeric.Backend[numeric.Fixed]() && c.Capital.Cmp(numeric.MustParse[numeric.Decimal](numeric.MaxFixed.String())) > 0:
		bad("capital", "%s is beyond the range of the fixed backend (%s); use decimal", c.Capital, numeric.MaxFixed)
	}
	if c.Strategy.Name == "" {
		bad("strategy.name", "missing")
	}
	d := &c.Data
	if !d.Start.IsZero() && !d.End.IsZero() && d.Start.After(d.End.Time) {
		bad("data.start", "%s is after data.end %s", d.Start.Format("2006-01-02"), d.End.Format("2006-01-02"))
	}
	switch d.Source {
	case "synthetic":
		if d.Assets < 1 {
			bad("data.assets", "must be at least 1, got %d", d.Assets)
		}
		if d.Start.IsZero() {
			bad("data.start", "missing (required for synthetic data)")
		}
		if d.End.IsZero() {
			bad("data.end", "missing (required for synthetic data)")
		}
		if !(d.Splits >= 0 && d.Splits <= 4) {
			bad("data.splits", "%g outside [0, 4] (splits per asset per year)", d.Splits)
		}
		if !(d.DividendYield >= 0 && d.DividendYield <= 0.2) {
			bad("data.dividend_yield", "%g outside [0, 0.2]", d.DividendYield)
		}
	case "csv":
		if len(d.Files) == 0 && d.Dir == "" {
			bad("data", "csv data needs files or dir")
		}
	case "bundle":
		if d.Bundle == "" {
			bad("data.bundle", "missing (the name of an ingested bundle)")
		}
	case "":
		bad("data.source", "missing (synthetic, csv or bundle)")
	default:
		bad("data.source", "unknown source %q (want synthetic, csv or bundle)", d.Source)
	}
	for _, k := range sourceKeys(d) {
		if k.set && !slices.Contains(k.sources, d.Source) && d.Source != "" {
			bad(k.key, "not used by %s data (%s)", d.Source, k.why)
		}
	}
	switch d.Price {
	case "", "close":
	case "adj_close":
		if d.Source != "csv" {
			bad("data.price", "adj_close reads a CSV file's Adj Close column: csv data only")
		}
		if d.Actions != "" {
			bad("data.actions", "the prices are adjusted for splits and dividends already (data.price: adj_close): applying actions would count them twice; use raw prices (data.price: close) with actions")
		}
	default:
		bad("data.price", "unknown price %q (want close or adj_close)", d.Price)
	}
	switch d.Adjust {
	case "", "raw", "split", "all":
	default:
		bad("data.adjust", "unknown adjustment %q (want raw, split or all)", d.Adjust)
	}
	if err := c.Execution.Validate(); err != nil {
		errs = append(errs, fmt.Errorf("execution: %w", err))
	}
	if c.Sweep != nil {
		errs = append(errs, c.Sweep.Validate())
	}
	if c.WalkForward != nil {
		if c.Sweep == nil {
			bad("walk_forward", "needs a sweep block: each fold sweeps its train window")
		}
		errs = append(errs, c.WalkForward.Validate())
	}
	return errors.Join(errs...)
}

// sourceKey is a data key that applies to some sources only: given with
// another source it would be ignored, so it is an error saying why.
type sourceKey struct {
	key     string
	set     bool
	sources []string
	why     string
}

// sourceKeys lists the data keys that apply to some sources only, in the
// order of the Data struct, and whether d sets them.
func sourceKeys(d *Data) []sourceKey {
	return []sourceKey{
		{"data.assets", d.Assets != 0, []string{"synthetic"}, "the number of assets to generate; csv data has an asset per file, a bundle the assets it holds"},
		{"data.seed", d.Seed != 0, []string{"synthetic"}, "only synthetic data is generated from a seed"},
		{"data.splits", d.Splits != 0, []string{"synthetic"}, "only synthetic data is generated with actions; give real data's actions in data.actions"},
		{"data.dividend_yield", d.DividendYield != 0, []string{"synthetic"}, "only synthetic data is generated with actions; give real data's actions in data.actions"},
		{"data.files", len(d.Files) > 0, []string{"csv"}, "files are read by source: csv; a bundle's files are its own"},
		{"data.dir", d.Dir != "", []string{"csv"}, "a folder of files is read by source: csv"},
		{"data.timezone", d.TimeZone != "", []string{"csv", "bundle"}, "the zone of a csv file's wall times or of a bundle's data calendar; synthetic data follows its calendar"},
		{"data.stamp", d.Stamp != "", []string{"csv"}, "where a csv file stamps its bars; other sources stamp them themselves"},
		{"data.bundle", d.Bundle != "", []string{"bundle"}, "a bundle is read by source: bundle"},
		{"data.ingest", d.Ingest != "", []string{"bundle"}, "the ingest of a bundle, read by source: bundle"},
	}
}

// Path resolves a path of the config against its folder.
func (c *Config) Path(p string) string {
	if p == "" || filepath.IsAbs(p) || c.Dir == "" {
		return p
	}
	return filepath.Join(c.Dir, p)
}

// CalendarName returns the calendar of the run: data.calendar, or the
// default for the source ("data" for csv, XNYS otherwise).
func (c *Config) CalendarName() string {
	if c.Data.Calendar != "" {
		return c.Data.Calendar
	}
	if c.Data.Source == "csv" {
		return "data"
	}
	return "XNYS"
}
