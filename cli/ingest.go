package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/pennybt/penny/bundles/alpaca"
	"github.com/pennybt/penny/bundles/csvsource"
	"github.com/pennybt/penny/bundles/ingest"
	"github.com/pennybt/penny/bundles/store"
	"github.com/pennybt/penny/bundles/synthetic"
	"github.com/pennybt/penny/internal/memlimit"
	"github.com/pennybt/penny/internal/runner"
	"github.com/pennybt/penny/pkg/market"
)

var ingestCommand = command{
	summary: "ingest a data bundle from a source (synthetic, csv, alpaca) into the store",
	run:     runIngest,
}

const ingestUsage = `usage: penny ingest NAME --source synthetic|csv|alpaca [source options]

Reads bars from a source and stores them as a new ingest of bundle NAME
under $PENNY_HOME/bundles/NAME (default ~/.penny), exactly: Parquet files
with decimal columns and a manifest with checksums. The previous ingests
stay until "penny clean". An ingest that fails or is interrupted leaves
them untouched; an interrupted Alpaca download resumes where it stopped
when the same command runs again.

Sources and their options:
  synthetic  --assets N | --symbols A,B  --seed S  --frequency F
             --calendar XNYS|24/7  --start DATE  --end DATE
             --splits X  --dividend-yield Y (corporate actions at seeded dates)
  csv        --dir DIR | --file SYM=PATH ... [--symbols A,B]
             --frequency F  --calendar data|XNYS|24/7  --tz ZONE
             --start DATE --end DATE  --stamp start|end
             --drop unparseable,invalid,duplicates,off-calendar
             --price close|adj_close (Yahoo's Adj Close: adjusted prices)
  synthetic, csv  --actions FILE: corporate actions to store with the bars
             (CSV: date,symbol,type,ratio,amount,pay_date,record_date,target)
  alpaca     --symbols A,B  --timeframe day|hour|minute  --start DATE
             --end DATE  --feed iex|sip  --adjustment raw|split|dividend|
             spin-off|all (or e.g. split,spin-off)  --no-actions
             --crypto  --base-url URL  --max-attempts N
             --connect-timeout 10s  --header-timeout 30s  --request-timeout 2m
             (keys from APCA_API_KEY_ID and APCA_API_SECRET_KEY)
             A request is retried on HTTP 429 and 5xx and on network errors
             and timeouts; never on other 4xx, a host name that does not
             resolve, a TLS certificate that is not trusted, or a server
             that repeats a page token (which would loop forever).
             Raw stock bars (the default) come with their corporate actions
             (splits, dividends, mergers, ...), stored with them.

Prices are read exactly with the fixed backend, or with the decimal
backend when a value has more than 8 decimals or exceeds its range.

` + memoryText + `(An ingest counts the decimal backend's, the larger: it falls back to it
when fixed cannot hold a value. The bars of an Alpaca ingest are counted
from its window: a bar per symbol at every bar of the calendar.)

Messages: warnings (rows dropped, requests retried) on stderr; --verbose
adds what the Alpaca source does at each step.
`

// sourceFlags lists the flags each source accepts (besides --source).
var sourceFlags = map[string][]string{
	"synthetic": {"assets", "symbols", "seed", "frequency", "calendar", "start", "end", "splits", "dividend-yield", "actions"},
	"csv":       {"dir", "file", "symbols", "frequency", "calendar", "tz", "start", "end", "stamp", "drop", "price", "actions"},
	"alpaca": {"symbols", "timeframe", "start", "end", "feed", "adjustment", "no-actions", "crypto", "base-url", "max-attempts",
		"connect-timeout", "header-timeout", "request-timeout"},
}

// fileFlags collects repeated --file SYM=PATH.
type fileFlags map[string]string

func (f fileFlags) String() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k+"="+f[k])
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

func (f fileFlags) Set(s string) error {
	sym, path, ok := strings.Cut(s, "=")
	if !ok || sym == "" || path == "" {
		return fmt.Errorf("want SYMBOL=PATH, got %q", s)
	}
	if _, dup := f[sym]; dup {
		return fmt.Errorf("symbol %s given twice", sym)
	}
	f[sym] = path
	return nil
}

// usageError is bad usage or bad input: exit status 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }
func (u usageError) Unwrap() error { return u.err }

func badUsage(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

type ingestFlags struct {
	source                               string
	assets                               int
	seed                                 uint64
	symbols, frequency, calendar, start  string
	end, dir, tz, stamp, drop, actions   string
	price                                string
	files                                fileFlags
	timeframe, feed, adjustment, baseURL string
	crypto, noActions, verbose           bool
	splits, dividendYield                float64
	maxAttempts                          int
	connectTimeout, headerTimeout        time.Duration
	requestTimeout                       time.Duration
	set                                  map[string]bool
}

func runIngest(e *env, args []string) int {
	fs := newFlagSet(e, "ingest", ingestUsage)
	f := ingestFlags{files: fileFlags{}, set: map[string]bool{}}
	maxMemory := memoryFlag(fs)
	fs.StringVar(&f.source, "source", "", "`SOURCE` of the bars: synthetic, csv or alpaca (required)")
	fs.IntVar(&f.assets, "assets", 10, "synthetic: `N`, the number of assets")
	fs.Uint64Var(&f.seed, "seed", 1, "synthetic: `SEED` of the generator")
	fs.Float64Var(&f.splits, "splits", 0, "synthetic: `X` splits per asset per year, at seeded dates (at most 4)")
	fs.Float64Var(&f.dividendYield, "dividend-yield", 0, "synthetic: `Y`, the mean annual dividend yield, paid quarterly at seeded dates (at most 0.2)")
	fs.StringVar(&f.symbols, "symbols", "", "comma-separated `SYMBOLS` (synthetic: names; csv: files of --dir to read; alpaca: required)")
	fs.StringVar(&f.frequency, "frequency", "daily", "synthetic, csv: bar `FREQUENCY`, daily, hourly or minute")
	fs.StringVar(&f.calendar, "calendar", "", "`CALENDAR`: synthetic, XNYS (default) or 24/7; csv, data (default), XNYS or 24/7")
	fs.StringVar(&f.start, "start", "", "first `DATE` (YYYY-MM-DD); synthetic default 2020-01-01, alpaca required")
	fs.StringVar(&f.end, "end", "", "last `DATE`, included; synthetic default 2020-12-31, alpaca required")
	fs.StringVar(&f.dir, "dir", "", "csv: `DIR` of SYMBOL.csv files")
	fs.Var(f.files, "file", "csv: a file as `SYMBOL=PATH` (repeatable)")
	fs.StringVar(&f.tz, "tz", "", "csv: time `ZONE` of times written without an offset")
	fs.StringVar(&f.stamp, "stamp", "start", "csv: `WHERE` in their interval intraday rows are stamped: start or end")
	fs.StringVar(&f.price, "price", "close", "csv: `PRICE`, close (prices as written) or adj_close (scaled to a Yahoo-style Adj Close column)")
	fs.StringVar(&f.drop, "drop", "", "csv: `KINDS` of rows to drop instead of failing: unparseable, invalid, duplicates, off-calendar (comma-separated)")
	fs.StringVar(&f.actions, "actions", "", "synthetic, csv: a CSV `FILE` of corporate actions stored with the bars")
	fs.StringVar(&f.timeframe, "timeframe", "day", "alpaca: `TIMEFRAME`, day, hour or minute")
	fs.StringVar(&f.feed, "feed", "", "alpaca: stock `FEED`, iex (default) or sip")
	fs.StringVar(&f.adjustment, "adjustment", "", "alpaca: `ADJUSTMENT`, raw (default), split, dividend, spin-off or all, or several joined by commas (split,spin-off)")
	fs.BoolVar(&f.noActions, "no-actions", false, "alpaca: leave out the corporate actions downloaded with raw stock bars")
	fs.BoolVar(&f.crypto, "crypto", false, "alpaca: crypto pairs (BTC/USD) on the 24/7 calendar")
	fs.IntVar(&f.maxAttempts, "max-attempts", 6, "alpaca: `N` tries of a request on HTTP 429/5xx and network errors, with exponential backoff")
	fs.DurationVar(&f.connectTimeout, "connect-timeout", 10*time.Second, "alpaca: `TIME` to connect to the API (TCP and TLS), per request")
	fs.DurationVar(&f.headerTimeout, "header-timeout", 30*time.Second, "alpaca: `TIME` to wait for a response's headers, per request")
	fs.DurationVar(&f.requestTimeout, "request-timeout", 2*time.Minute, "alpaca: `TIME` a whole request may take, its body included")
	fs.StringVar(&f.baseURL, "base-url", "", "alpaca: `URL` of the data API (default "+alpaca.DefaultBaseURL+")")
	fs.BoolVar(&f.verbose, "verbose", false, "log at info level (the default is warnings only)")

	names, code, done := fs.parse(args)
	if done {
		return code
	}
	fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
	delete(f.set, "verbose") // an option of every source
	fail := func(err error) int {
		if isInterrupt(err) {
			fmt.Fprintf(e.stderr, "penny ingest: interrupted: nothing was published, bundle %s is as it was (%v)\n", names[0], err)
			return exitInterrupted
		}
		fmt.Fprintf(e.stderr, "penny ingest: %v\n", err)
		var u usageError
		if errors.As(err, &u) {
			return 2
		}
		return 1
	}
	if len(names) != 1 {
		return fs.usageError("want one bundle name, got %d", len(names))
	}
	name := names[0]
	if err := store.CheckName(name); err != nil {
		return fail(usageError{err})
	}
	allowed, ok := sourceFlags[f.source]
	if !ok {
		if f.source == "" {
			return fail(badUsage("--source is required: synthetic, csv or alpaca"))
		}
		return fail(badUsage("unknown --source %q: want synthetic, csv or alpaca", f.source))
	}
	for fl := range f.set {
		if fl != "source" && fl != "max-memory" && !slices.Contains(allowed, fl) {
			return fail(badUsage("--%s is not an option of --source %s (its options: --%s)", fl, f.source, strings.Join(allowed, ", --")))
		}
	}
	home, err := store.HomeDir(e.getenv)
	if err != nil {
		return fail(usageError{err})
	}

	memLimit, err := e.memoryLimit(fs, *maxMemory)
	if err != nil {
		return fs.usageError("%v", err)
	}
	var g *ingest.Ingester
	var count dataCount
	switch f.source {
	case "synthetic":
		g, count, err = syntheticIngester(&f)
	case "csv":
		g, count, err = csvIngester(&f)
	case "alpaca":
		g, count, err = alpacaIngester(e, &f)
	}
	if err != nil {
		return fail(err)
	}
	// The bars are read with fixed (decimal when a value needs more than
	// fixed holds, after fixed's are dropped): the larger must fit.
	d, err := count()
	need := memlimit.Need{Data: d, Backends: ingestFootprints()}
	if !e.checkMemory("penny ingest: "+name, memLimit, need, err) {
		return exitUsage
	}
	if f.actions != "" {
		g.WithActions(f.actions)
	}

	ctx, stop := interruptible(e, "ingest")
	defer stop()
	m, err := ingest.Run(ctx, home, name, time.Now(), g, ingest.Options{
		Progress: func(stage string) ingest.Progress { return newProgress(e, stage) },
		Notify: func(n ingest.Notice) {
			if d, ok := n.(*ingest.Dropped); ok {
				fmt.Fprintf(e.stderr, "penny ingest: dropped %d rows (--drop %s):\n%s", d.Report.Dropped(), f.drop, d.Report)
				return
			}
			fmt.Fprintf(e.stderr, "penny ingest: %s\n", n)
		},
	})
	if err != nil {
		var ie *ingest.InputError
		if errors.As(err, &ie) {
			err = usageError{err}
		}
		return fail(err)
	}
	actions := ""
	if m.Actions != nil {
		actions = fmt.Sprintf(", %d corporate actions", m.Actions.Rows)
	}
	fmt.Fprintf(e.stdout, "ingested %s %s: %d symbols, %d bars%s, %s to %s (%s, %s), %s\n",
		name, store.IngestName(m.IngestTime), len(m.Symbols), m.Rows, actions,
		m.FormatTime(m.Start), m.FormatTime(m.End), m.Frequency, m.Calendar, humanBytes(m.Size()))
	return 0
}

// flagDate reads YYYY-MM-DD for flag name.
func flagDate(flagName, s string) (time.Time, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return time.Time{}, badUsage("--%s %q: want a date YYYY-MM-DD", flagName, s)
	}
	return t, nil
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func syntheticIngester(f *ingestFlags) (*ingest.Ingester, dataCount, error) {
	cfg := synthetic.Default()
	cfg.Seed = f.seed
	if f.set["assets"] || f.symbols == "" {
		cfg.Assets = f.assets
	}
	if f.set["assets"] && f.symbols != "" {
		return nil, nil, badUsage("give --assets or --symbols, not both")
	}
	cfg.Symbols = splitList(f.symbols)
	cfg.Actions = synthetic.Actions{Splits: f.splits, DividendYield: f.dividendYield}
	freq, err := market.ParseFrequency(f.frequency)
	if err != nil {
		return nil, nil, usageError{err}
	}
	cfg.Frequency = freq
	if f.calendar != "" {
		cfg.Calendar = f.calendar
	}
	if f.start != "" {
		if cfg.Start, err = flagDate("start", f.start); err != nil {
			return nil, nil, err
		}
	}
	if f.end != "" {
		if cfg.End, err = flagDate("end", f.end); err != nil {
			return nil, nil, err
		}
	}
	g, err := ingest.Synthetic(cfg)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return g, func() (memlimit.Data, error) {
		assets := cfg.Assets
		if len(cfg.Symbols) > 0 {
			assets = len(cfg.Symbols)
		}
		d, err := runner.SyntheticData(assets, cfg.Calendar, cfg.Frequency, cfg.Start, cfg.End)
		d.AssetsKey, d.EndKey = "--assets", "--end"
		return d, err
	}, nil
}

func csvIngester(f *ingestFlags) (*ingest.Ingester, dataCount, error) {
	cfg := csvsource.Config{Dir: f.dir, Symbols: splitList(f.symbols), Calendar: f.calendar, TimeZone: f.tz, Start: f.start, End: f.end}
	if len(f.files) > 0 {
		cfg.Files = map[string]string(f.files)
	}
	if cfg.Dir == "" && len(cfg.Files) == 0 {
		return nil, nil, badUsage("--source csv needs --dir DIR or --file SYMBOL=PATH")
	}
	freq, err := market.ParseFrequency(f.frequency)
	if err != nil {
		return nil, nil, usageError{err}
	}
	cfg.Frequency = freq
	if err := cfg.Stamp.UnmarshalText([]byte(f.stamp)); err != nil {
		return nil, nil, usageError{fmt.Errorf("--stamp: %w", err)}
	}
	if err := cfg.Price.UnmarshalText([]byte(f.price)); err != nil {
		return nil, nil, usageError{fmt.Errorf("--price: %w", err)}
	}
	if cfg.Price == csvsource.PriceAdjClose && f.actions != "" {
		return nil, nil, badUsage("--actions with --price adj_close: the prices are adjusted for splits and dividends already, and actions would count them twice")
	}
	if cfg.Repair, err = csvsource.ParseRepair(f.drop); err != nil {
		return nil, nil, badUsage("--drop %v", err)
	}
	g, err := ingest.CSV(cfg)
	if err != nil {
		return nil, nil, usageError{err}
	}
	return g, func() (memlimit.Data, error) {
		d, err := runner.CSVData(cfg)
		d.AssetsKey = "of the files of --dir or --file"
		return d, err
	}, nil
}

func alpacaIngester(e *env, f *ingestFlags) (*ingest.Ingester, dataCount, error) {
	if f.maxAttempts < 1 {
		return nil, nil, badUsage("--max-attempts %d: want 1 or more", f.maxAttempts)
	}
	for _, d := range []struct {
		flag string
		d    time.Duration
	}{{"connect-timeout", f.connectTimeout}, {"header-timeout", f.headerTimeout}, {"request-timeout", f.requestTimeout}} {
		if d.d <= 0 {
			return nil, nil, badUsage("--%s %v: want a duration above zero, such as 30s", d.flag, d.d)
		}
	}
	cfg := alpaca.Config{Symbols: splitList(f.symbols), Crypto: f.crypto, Feed: f.feed, Adjustment: f.adjustment, NoActions: f.noActions,
		BaseURL: f.baseURL, MaxAttempts: f.maxAttempts,
		ConnectTimeout: f.connectTimeout, HeaderTimeout: f.headerTimeout, RequestTimeout: f.requestTimeout}
	switch f.timeframe {
	case "day", "1Day", "daily":
		cfg.Frequency = market.Daily
	case "hour", "1Hour", "hourly":
		cfg.Frequency = market.Hourly
	case "minute", "1Min", "min":
		cfg.Frequency = market.Minute
	default:
		return nil, nil, badUsage("--timeframe %q: want day, hour or minute", f.timeframe)
	}
	if f.start == "" || f.end == "" {
		return nil, nil, badUsage("--source alpaca needs --start and --end dates")
	}
	var err error
	if cfg.Start, err = flagDate("start", f.start); err != nil {
		return nil, nil, err
	}
	if cfg.End, err = flagDate("end", f.end); err != nil {
		return nil, nil, err
	}
	// The config's errors before the credentials'.
	if err := cfg.Validate(); err != nil {
		return nil, nil, usageError{err}
	}
	creds, err := alpaca.CredentialsFromEnv(e.getenv)
	if err != nil {
		return nil, nil, usageError{err}
	}
	g, err := ingest.Alpaca(&alpaca.Source{
		Config:      cfg,
		Credentials: creds,
		Logger:      newLogger(e, f.verbose),
	})
	if err != nil {
		return nil, nil, usageError{err}
	}
	// The window: a bar per symbol at every bar of the calendar's clock.
	return g, func() (memlimit.Data, error) {
		d, err := runner.SyntheticData(len(cfg.Symbols), cfg.Calendar().Name(), cfg.Frequency, cfg.Start, cfg.End)
		d.AssetsKey, d.EndKey = "--symbols", "--end"
		return d, err
	}, nil
}

// dataCount counts what an ingest will hold in memory, before reading it.
type dataCount func() (memlimit.Data, error)

// ingestFootprints are the footprints of the backends an ingest reads
// with: fixed, and decimal when fixed cannot hold a value.
func ingestFootprints() []memlimit.Footprint {
	fps, err := runner.Footprints([]string{"fixed", "decimal"})
	if err != nil {
		panic("penny ingest: " + err.Error())
	}
	return fps
}

// progress is a progress bar on stderr when stderr is a terminal, and
// nothing otherwise (scripts and logs stay clean).
type progress struct {
	bar *progressbar.ProgressBar
	w   io.Writer // nil when quiet
	msg string
}

func newProgress(e *env, msg string) *progress {
	if f, ok := e.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return &progress{w: e.stderr, msg: msg}
	}
	return &progress{msg: msg}
}

// Set shows done of total.
func (p *progress) Set(done, total int) {
	if p.w == nil {
		return
	}
	if p.bar == nil {
		p.bar = progressbar.NewOptions(total,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetDescription(p.msg),
			progressbar.OptionShowCount(),
			progressbar.OptionSetWidth(30),
			progressbar.OptionThrottle(100*time.Millisecond),
			progressbar.OptionClearOnFinish(),
		)
	}
	p.bar.Set(done)
}

// Finish clears the bar.
func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}

// humanBytes prints a size in B, KiB, MiB or GiB.
func humanBytes(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
}
