package alpaca

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pennybt/penny/pkg/calendar"
	"github.com/pennybt/penny/pkg/market"
)

// DefaultBaseURL is Alpaca's market data API.
const DefaultBaseURL = "https://data.alpaca.markets"

// Config says which bars to fetch. The zero value is invalid (it names no
// symbol and no dates); Validate says what is missing, and every other
// field has a default.
type Config struct {
	// Symbols to fetch: stock tickers ("AAPL", "BRK.B") or, with Crypto,
	// pairs ("BTC/USD"). Letters are upper-cased.
	Symbols []string
	// Frequency of the bars to build: market.Daily (the zero value),
	// market.Hourly or market.Minute.
	Frequency market.Frequency
	// Start and End are the first and last calendar dates, both included,
	// read as dates (their year, month and day) in the calendar's zone:
	// New York for stocks, UTC for crypto.
	Start, End time.Time
	// Crypto selects the crypto endpoint and the 24/7 calendar; otherwise
	// stocks on the XNYS calendar.
	Crypto bool
	// Feed is the stock feed: "iex" (the free plan's, the default) or
	// "sip" (all US exchanges). Not used for crypto.
	Feed string
	// Adjustment of stock bars for corporate actions: "raw" (the
	// default), "split", "dividend", "spin-off" or "all", or several of
	// split, dividend and spin-off joined by commas ("split,spin-off"),
	// as the API takes them. Not used for crypto.
	Adjustment string
	// NoActions leaves out the corporate actions (splits, dividends,
	// mergers, spin-offs, name changes, worthless removals) that are
	// otherwise downloaded with raw stock bars, from /v1/corporate-actions
	// (see the package documentation). With adjusted bars or crypto none
	// are downloaded: adjusted prices already reflect them, and applying
	// them again would count them twice.
	NoActions bool
	// BaseURL of the data API; DefaultBaseURL when empty.
	BaseURL string
	// BatchSize is the number of symbols per request; by default 100 for
	// daily bars, 20 for hourly and 5 for minute bars, so that one month
	// of one batch stays well under a few hundred thousand bars (the
	// client library holds a whole call in memory).
	BatchSize int
	// MaxAttempts bounds the tries of one request on a retryable failure
	// (HTTP 429, 5xx, a network error, a truncated or garbled body);
	// 6 when zero.
	MaxAttempts int
	// Backoff is the wait after the first failed attempt (1s when zero);
	// it doubles after each further failure, up to MaxBackoff (1m when
	// zero). A 429 response's Retry-After, when longer, is honoured up to
	// 5 minutes.
	Backoff, MaxBackoff time.Duration
	// ConnectTimeout bounds the connection of a request to the API, TCP
	// and TLS (10s when zero); HeaderTimeout the wait for a response's
	// headers once the request is sent (30s when zero); RequestTimeout
	// a whole request, its body included (2m when zero). A request that
	// times out is retried like any network error. They apply when
	// Source.HTTPClient is nil or has no Transport of its own (its
	// Timeout, when set, still bounds a whole request).
	ConnectTimeout, HeaderTimeout, RequestTimeout time.Duration
	// OffSession says what to do with bars outside the calendar's
	// sessions: OffSessionDrop (the default) drops and counts them,
	// OffSessionError fails on the first.
	OffSession OffSession
}

// OffSession is the policy for bars outside the calendar's sessions.
// Alpaca's intraday stock bars always include the extended hours
// (04:00-09:30 and 16:00-20:00 New York), which XNYS does not trade, so
// the default drops them; the Report counts every bar dropped, by symbol.
type OffSession uint8

const (
	// OffSessionDrop drops bars outside the sessions and counts them.
	OffSessionDrop OffSession = iota
	// OffSessionError fails on the first bar outside the sessions.
	OffSessionError
)

// Limits of the retry policy.
const (
	defaultAttempts   = 6
	defaultBackoff    = time.Second
	defaultMaxBackoff = time.Minute
	maxRetryAfter     = 5 * time.Minute

	defaultConnectTimeout = 10 * time.Second
	defaultHeaderTimeout  = 30 * time.Second
	defaultRequestTimeout = 2 * time.Minute
)

// Validate checks the config and says what is wrong.
func (c Config) Validate() error {
	var errs []error
	if len(c.Symbols) == 0 {
		errs = append(errs, errors.New("no symbols"))
	}
	seen := map[string]bool{}
	for _, s := range c.Symbols {
		u := strings.ToUpper(s)
		if err := checkSymbol(u, c.Crypto); err != nil {
			errs = append(errs, err)
		}
		if seen[u] {
			errs = append(errs, fmt.Errorf("symbol %s given twice", u))
		}
		seen[u] = true
	}
	if c.Frequency != market.Daily && c.Frequency != market.Hourly && c.Frequency != market.Minute {
		errs = append(errs, fmt.Errorf("unknown frequency %v", c.Frequency))
	}
	switch {
	case c.Start.IsZero() || c.End.IsZero():
		errs = append(errs, errors.New("start and end dates are required"))
	case dateOf(c.End).Before(dateOf(c.Start)):
		errs = append(errs, fmt.Errorf("start %s is after end %s", dateOf(c.Start).Format(time.DateOnly), dateOf(c.End).Format(time.DateOnly)))
	}
	if !c.Crypto {
		switch c.Feed {
		case "", "iex", "sip", "delayed_sip", "otc", "boats", "overnight":
		default:
			errs = append(errs, fmt.Errorf("unknown feed %q (want iex or sip)", c.Feed))
		}
		if err := checkAdjustment(c.Adjustment); err != nil {
			errs = append(errs, err)
		}
	} else {
		if c.Feed != "" {
			errs = append(errs, fmt.Errorf("feed %q is for stocks; crypto has none", c.Feed))
		}
		if c.Adjustment != "" && c.Adjustment != "raw" {
			errs = append(errs, fmt.Errorf("adjustment %q is for stocks; crypto bars are not adjusted", c.Adjustment))
		}
	}
	for _, d := range []struct {
		name string
		d    time.Duration
	}{{"connect timeout", c.ConnectTimeout}, {"header timeout", c.HeaderTimeout}, {"request timeout", c.RequestTimeout}} {
		if d.d < 0 {
			errs = append(errs, fmt.Errorf("%s %v is negative", d.name, d.d))
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base URL %q is not an http(s) URL", redactURL(c.BaseURL)))
		}
	}
	if c.BatchSize < 0 || c.BatchSize > 1000 {
		errs = append(errs, fmt.Errorf("batch size %d outside [1, 1000]", c.BatchSize))
	}
	if c.MaxAttempts < 0 {
		errs = append(errs, fmt.Errorf("max attempts %d is negative", c.MaxAttempts))
	}
	if c.Backoff < 0 || c.MaxBackoff < 0 {
		errs = append(errs, errors.New("negative backoff"))
	}
	if c.OffSession > OffSessionError {
		errs = append(errs, fmt.Errorf("unknown off-session policy %d", c.OffSession))
	}
	if len(errs) > 0 {
		return fmt.Errorf("alpaca: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

// checkAdjustment accepts raw, all, or split, dividend and spin-off alone
// or joined by commas, each once.
func checkAdjustment(adj string) error {
	switch adj {
	case "", "raw", "all":
		return nil
	}
	seen := map[string]bool{}
	for _, part := range strings.Split(adj, ",") {
		switch part {
		case "split", "dividend", "spin-off":
			if seen[part] {
				return fmt.Errorf("adjustment %q names %s twice", adj, part)
			}
			seen[part] = true
		default:
			return fmt.Errorf("unknown adjustment %q (want raw, split, dividend, spin-off, all, or several of split, dividend and spin-off joined by commas)", adj)
		}
	}
	return nil
}

// actions reports whether corporate actions are downloaded: with raw
// stock bars, unless NoActions. c has its defaults.
func (c Config) actions() bool { return !c.Crypto && c.Adjustment == "raw" && !c.NoActions }

func checkSymbol(s string, crypto bool) error {
	if s == "" || len(s) > 32 {
		return fmt.Errorf("symbol %q: empty or longer than 32 bytes", s)
	}
	for _, c := range s {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '/' || c == '-') {
			return fmt.Errorf("symbol %q: character %q (want letters, digits, '.', '/' or '-')", s, c)
		}
	}
	if crypto && !strings.Contains(s, "/") {
		return fmt.Errorf("crypto symbol %q is not a pair such as BTC/USD", s)
	}
	if !crypto && strings.Contains(s, "/") {
		return fmt.Errorf("symbol %q looks like a crypto pair: set crypto", s)
	}
	return nil
}

// withDefaults returns c with its symbols upper-cased and sorted, and
// every default filled in.
func (c Config) withDefaults() Config {
	syms := make([]string, len(c.Symbols))
	for i, s := range c.Symbols {
		syms[i] = strings.ToUpper(s)
	}
	sort.Strings(syms)
	c.Symbols = syms
	if c.BaseURL == "" {
		c.BaseURL = DefaultBaseURL
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if !c.Crypto {
		if c.Feed == "" {
			c.Feed = "iex"
		}
		if c.Adjustment == "" {
			c.Adjustment = "raw"
		}
	}
	if c.BatchSize == 0 {
		c.BatchSize = map[market.Frequency]int{market.Daily: 100, market.Hourly: 20, market.Minute: 5}[c.Frequency]
	}
	if c.MaxAttempts == 0 {
		c.MaxAttempts = defaultAttempts
	}
	if c.Backoff == 0 {
		c.Backoff = defaultBackoff
	}
	if c.MaxBackoff == 0 {
		c.MaxBackoff = defaultMaxBackoff
	}
	if c.ConnectTimeout == 0 {
		c.ConnectTimeout = defaultConnectTimeout
	}
	if c.HeaderTimeout == 0 {
		c.HeaderTimeout = defaultHeaderTimeout
	}
	if c.RequestTimeout == 0 {
		c.RequestTimeout = defaultRequestTimeout
	}
	return c
}

// Calendar returns the calendar the bars follow: XNYS for stocks, 24/7
// for crypto.
func (c Config) Calendar() calendar.Calendar {
	if c.Crypto {
		return calendar.TwentyFourSeven()
	}
	return calendar.XNYS()
}

// Options returns the config's public options as text, for a bundle's
// manifest. It holds no credential, and a base URL's user and password,
// if any, are removed.
func (c Config) Options() map[string]string {
	c = c.withDefaults()
	m := map[string]string{
		"symbols":   strings.Join(c.Symbols, ","),
		"frequency": c.Frequency.String(),
		"start":     dateOf(c.Start).Format(time.DateOnly),
		"end":       dateOf(c.End).Format(time.DateOnly),
		"crypto":    strconv.FormatBool(c.Crypto),
		"base_url":  redactURL(c.BaseURL),
	}
	if !c.Crypto {
		m["feed"] = c.Feed
		m["adjustment"] = c.Adjustment
		m["actions"] = strconv.FormatBool(c.actions())
	}
	if c.OffSession == OffSessionError {
		m["off_session"] = "error"
	}
	return m
}

// fingerprint identifies the request: staged windows of another request
// are never reused.
func (c Config) fingerprint() string {
	c = c.withDefaults()
	h := sha256.New()
	fmt.Fprintf(h, "penny-alpaca-staging v2\n%s\n%v\n%s\n%s\n%t\n%s\n%s\n%s\n%d\n%t\n",
		strings.Join(c.Symbols, ","), c.Frequency, dateOf(c.Start).Format(time.DateOnly), dateOf(c.End).Format(time.DateOnly),
		c.Crypto, c.Feed, c.Adjustment, redactURL(c.BaseURL), c.BatchSize, c.actions())
	return hex.EncodeToString(h.Sum(nil))
}

// dateOf returns the calendar date t shows, at 00:00 UTC.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// redactURL removes the user information from a URL.
func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		if i := strings.Index(s, "@"); i >= 0 && err != nil {
			return "[unparseable URL]"
		}
		return s
	}
	u.User = nil
	return u.String()
}
