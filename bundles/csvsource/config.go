package csvsource

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/pennybt/penny/internal/limit"

	"github.com/pennybt/penny/internal/strictyaml"
	"github.com/pennybt/penny/numeric"
	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// Config says which files to read and how. Decode it from YAML with
// [DecodeConfig] (unknown keys are refused), or fill it in code; then
// [Config.Validate] it ([Load] does).
//
// The zero value is not useful: it names no file. Every other field has a
// default: daily bars, the "data" calendar, times in UTC, bars stamped at
// the start of their interval, comma-separated, strict.
type Config struct {
	// Files maps each symbol to its file.
	Files map[string]string `yaml:"files"`
	// Dir is a folder of one file per symbol, named <SYMBOL>.csv or
	// <SYMBOL>.txt, optionally gzipped (<SYMBOL>.csv.gz, <SYMBOL>.txt.gz).
	// The symbol is the file name without its extension, as written.
	// Files and Dir may be used together; a symbol given by both is an
	// error.
	Dir string `yaml:"dir"`
	// Symbols, when set, are the symbols to read from Dir (default: every
	// file of Dir). A symbol with no file is an error.
	Symbols []string `yaml:"symbols"`

	// Frequency of the bars (default daily).
	Frequency market.Frequency `yaml:"frequency"`
	// Calendar names the trading calendar: "data" (the default: the
	// sessions are the dates present, each from 00:00 to 24:00 in
	// TimeZone), "XNYS" (or "NYSE"), or "24/7". A daily bar is stamped at
	// its session's close; an intraday bar must fall in a session.
	Calendar string `yaml:"calendar"`
	// TimeZone is the IANA zone ("America/New_York") of wall times
	// written without a UTC offset. Default: the calendar's zone
	// (New York for XNYS, UTC for 24/7 and data).
	TimeZone string `yaml:"timezone"`
	// Start and End keep only the bars from Start to End, both included:
	// a date (YYYY-MM-DD, read in TimeZone; End then means the end of that
	// day) or an RFC 3339 instant. Daily rows are compared by date,
	// intraday rows by their end-of-interval time. Empty means unbounded.
	Start string `yaml:"start"`
	End   string `yaml:"end"`
	// Stamp says where in its interval the file stamps an intraday bar:
	// "start" (the default, as most vendors do) or "end". Penny stamps bars
	// at the end and converts on reading.
	Stamp Stamp `yaml:"stamp"`
	// Delimiter separates fields: one byte, "," by default (";" and "\t"
	// are common alternatives).
	Delimiter string `yaml:"delimiter"`
	// Price says which prices a bar takes: "close" (the default: open,
	// high, low, close as written) or "adj_close" (scaled to a Yahoo-style
	// Adj Close column; see Price).
	Price Price `yaml:"price"`

	// Class of the assets: "equity" (default) or "crypto".
	Class string `yaml:"class"`
	// TickSize and LotSize are copied to every asset as decimal text (see
	// market.Asset); empty when unknown.
	TickSize string `yaml:"tick_size"`
	LotSize  string `yaml:"lot_size"`

	// Repair lists the explicit repairs allowed; none by default.
	Repair Repair `yaml:"repair"`
}

// Repair lists the repairs Load may make instead of failing. Each is off
// by default; every row dropped is counted in the [Report], with the first
// few named by line, field, value and reason.
type Repair struct {
	// DropUnparseable drops rows with a field that is not a number or a
	// date at all (vendor "null" rows, empty fields). Numbers with more
	// decimals than the backend holds, or out of its range, are never
	// dropped: choose another backend.
	DropUnparseable bool `yaml:"drop_unparseable"`
	// DropInvalid drops bars that break a rule of a bar: high below low,
	// open or close outside [low, high], a price of zero or below (for
	// every asset class), a negative volume.
	DropInvalid bool `yaml:"drop_invalid"`
	// DropDuplicates drops a bar stamped at the same time as the bar kept
	// before it (the first one wins).
	DropDuplicates bool `yaml:"drop_duplicates"`
	// DropOffCalendar drops bars that fall in no session of the calendar
	// (holidays, extended-hours bars).
	DropOffCalendar bool `yaml:"drop_off_calendar"`
}

// repairNames are the repairs' names, in the order String writes them.
var repairNames = [...]string{"unparseable", "invalid", "duplicates", "off-calendar"}

func (r *Repair) flags() [len(repairNames)]*bool {
	return [...]*bool{&r.DropUnparseable, &r.DropInvalid, &r.DropDuplicates, &r.DropOffCalendar}
}

// ParseRepair reads a comma-separated list of repair names: unparseable,
// invalid, duplicates, off-calendar (DropUnparseable ... DropOffCalendar).
// Spaces around a name and empty items are ignored.
func ParseRepair(list string) (Repair, error) {
	var r Repair
	flags := r.flags()
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		i := slices.Index(repairNames[:], name)
		if i < 0 {
			return Repair{}, fmt.Errorf("%q: want unparseable, invalid, duplicates or off-calendar", name)
		}
		*flags[i] = true
	}
	return r, nil
}

// String returns the names of the repairs that are on, comma-separated in
// the order unparseable, invalid, duplicates, off-calendar ("" for none):
// what ParseRepair reads.
func (r Repair) String() string {
	var on []string
	for i, f := range r.flags() {
		if *f {
			on = append(on, repairNames[i])
		}
	}
	return strings.Join(on, ",")
}

// Stamp says where a file stamps its bars within their interval.
type Stamp uint8

const (
	// StampStart: the file stamps a bar at the start of its interval.
	StampStart Stamp = iota
	// StampEnd: the file stamps a bar at the end of its interval.
	StampEnd
)

// String returns "start" or "end".
func (s Stamp) String() string {
	switch s {
	case StampStart:
		return "start"
	case StampEnd:
		return "end"
	}
	return fmt.Sprintf("Stamp(%d)", uint8(s))
}

// MarshalText implements encoding.TextMarshaler.
func (s Stamp) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText reads "start" or "end".
func (s *Stamp) UnmarshalText(b []byte) error {
	switch string(b) {
	case "start", "":
		*s = StampStart
	case "end":
		*s = StampEnd
	default:
		return fmt.Errorf("csvsource: unknown stamp %q (want start or end)", b)
	}
	return nil
}

// DecodeConfig reads a YAML config strictly (an unknown key is an error)
// and validates it.
func DecodeConfig(r io.Reader) (Config, error) {
	var c Config
	b, err := limit.Read(r, "config", limit.Config)
	if err != nil {
		return c, fmt.Errorf("csvsource: config: %w", err)
	}
	if err := strictyaml.Decode(b, &c, ""); err != nil {
		if errors.Is(err, io.EOF) {
			return c, errors.New("csvsource: empty config")
		}
		return c, fmt.Errorf("csvsource: config: %w", err)
	}
	return c, c.Validate()
}

// Validate checks the config: at least one file, a known calendar and
// time zone, readable bounds in order, a one-byte delimiter, a known
// class, tick and lot sizes that are positive decimals. It does not open
// the files.
func (c Config) Validate() error {
	if len(c.Files) == 0 && c.Dir == "" {
		return errors.New("csvsource: no input: set files (symbol: path) or dir")
	}
	if len(c.Symbols) > 0 && c.Dir == "" {
		return errors.New("csvsource: symbols selects files of dir, but dir is not set")
	}
	for _, sym := range c.Symbols {
		if strings.TrimSpace(sym) == "" || strings.ContainsAny(sym, `/\`) {
			return fmt.Errorf("csvsource: symbols: %q cannot name a file of dir", sym)
		}
	}
	for sym, path := range c.Files {
		if strings.TrimSpace(sym) == "" {
			return fmt.Errorf("csvsource: files: empty symbol for %q", path)
		}
		if path == "" {
			return fmt.Errorf("csvsource: files: empty path for symbol %q", sym)
		}
	}
	if _, err := c.Options(); err != nil {
		return err
	}
	if _, err := market.ParseClass(c.Class); err != nil {
		return fmt.Errorf("csvsource: class: %w", err)
	}
	for _, f := range []struct{ name, v string }{{"tick_size", c.TickSize}, {"lot_size", c.LotSize}} {
		if f.v == "" {
			continue
		}
		d, err := numeric.Parse[numeric.Decimal](f.v)
		if err != nil || d.Sign() <= 0 {
			return fmt.Errorf("csvsource: %s %q: want a positive decimal number", f.name, f.v)
		}
	}
	return nil
}

// Options resolves the reading rules of c: the calendar by name, the time
// zone, the bounds and the delimiter.
func (c Config) Options() (Options, error) {
	o := Options{Frequency: c.Frequency, Stamp: c.Stamp, Price: c.Price, Repair: c.Repair, Delimiter: ','}
	if c.Price > PriceAdjClose {
		return o, fmt.Errorf("csvsource: unknown price %v", c.Price)
	}
	if c.Frequency > market.Minute {
		return o, fmt.Errorf("csvsource: unknown frequency %v", c.Frequency)
	}
	if c.Stamp > StampEnd {
		return o, fmt.Errorf("csvsource: unknown stamp %v", c.Stamp)
	}
	switch name := strings.TrimSpace(c.Calendar); strings.ToLower(name) {
	case "", "data":
	default:
		cal, err := calendar.ByName(name)
		if err != nil {
			return o, fmt.Errorf("csvsource: %w", err)
		}
		o.Calendar = cal
	}
	if c.TimeZone != "" {
		loc, err := time.LoadLocation(c.TimeZone)
		if err != nil {
			return o, fmt.Errorf("csvsource: time zone %q: %w", c.TimeZone, err)
		}
		o.Location = loc
	}
	switch len(c.Delimiter) {
	case 0:
	case 1:
		if d := c.Delimiter[0]; d == '"' || d == '\r' || d == '\n' || d == '.' || d == '-' || d == ':' || ('0' <= d && d <= '9') {
			return o, fmt.Errorf("csvsource: delimiter %q cannot separate fields of numbers and dates", c.Delimiter)
		}
		o.Delimiter = c.Delimiter[0]
	default:
		return o, fmt.Errorf("csvsource: delimiter %q: want one byte", c.Delimiter)
	}
	loc := o.location()
	var err error
	if o.Start, err = parseBound(c.Start, loc, false); err != nil {
		return o, fmt.Errorf("csvsource: start: %w", err)
	}
	if o.End, err = parseBound(c.End, loc, true); err != nil {
		return o, fmt.Errorf("csvsource: end: %w", err)
	}
	if !o.Start.IsZero() && !o.End.IsZero() && o.End.Before(o.Start) {
		return o, fmt.Errorf("csvsource: end %s is before start %s", c.End, c.Start)
	}
	return o, nil
}

// parseBound reads a date (its first instant, or its last with end) or an
// RFC 3339 instant; "" is the zero time.
func parseBound(s string, loc *time.Location, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
		if end {
			return d.AddDate(0, 0, 1).Add(-time.Nanosecond), nil
		}
		return d, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q: want YYYY-MM-DD or an RFC 3339 time", s)
	}
	return t, nil
}
